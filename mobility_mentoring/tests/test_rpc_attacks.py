import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import BACKOFFICE, MENTOR, call_kw, login_user

ACCESS_ERROR = "odoo.exceptions.AccessError"


class RpcCase(HttpCase):
    """Two teams' files and a user per role that logs in over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.users = {
            login: login_user(cls.env, login, group)
            for login, group in (
                ("attack_mentor_a", MENTOR),
                ("attack_mentor_b", MENTOR),
                ("attack_backoffice", BACKOFFICE),
            )
        }
        for login, user in cls.users.items():
            user.email = f"{login}@example.com"
        cls.files = {tag: cls._file(tag) for tag in ("a", "b")}

    @classmethod
    def _file(cls, tag):
        team = cls.env["mm.team"].create(
            {
                "name": f"Team {tag}",
                "member_ids": [Command.set(cls.users[f"attack_mentor_{tag}"].ids)],
            }
        )
        mentorship = cls.env["mm.mentorship"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": f"Resident {tag}"}).id,
                "team_id": team.id,
                "user_id": cls.users[f"attack_mentor_{tag}"].id,
            }
        )
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": f"Secret goal {tag}",
            }
        )
        action = cls.env["mm.action"].create(
            {"goal_id": goal.id, "name": f"Secret action {tag}", "deadline": "2030-01-01"}
        )
        letter = cls.env["ir.attachment"].create(
            {
                "name": f"doctor-{tag}.pdf",
                "raw": b"letter",
                "res_model": "mm.mentorship",
                "res_id": mentorship.id,
            }
        )
        return {"mentorship": mentorship, "goal": goal, "action": action, "letter": letter}

    def _call(self, login, model, method, *args, **kwargs):
        return call_kw(self, login, model, method, *args, **kwargs)

    def assertRefused(self, response, error=ACCESS_ERROR, secret=None):
        self.assertEqual(response.get("error", {}).get("data", {}).get("name"), error, response)
        if secret:
            self.assertNotIn(secret, json.dumps(response))


@tagged("post_install", "-at_install")
class TestRpcAttacks(RpcCase):
    """The holes of the security review, tried over JSON-RPC as the role would."""

    def test_the_goal_close_wizard_shows_no_other_teams_action(self):
        mine, theirs = self.files["a"], self.files["b"]
        response = self._call(
            "attack_mentor_a",
            "mm.goal.close",
            "web_save",
            [],
            {
                "goal_ids": [Command.set(mine["goal"].ids)],
                "new_state": "achieved",
                "line_ids": [Command.create({"action_id": theirs["action"].id})],
            },
            specification={
                "line_ids": {
                    "fields": {
                        "action_id": {"fields": {"display_name": {}}},
                        "goal_id": {"fields": {"display_name": {}}},
                        "deadline": {},
                    }
                }
            },
        )
        self.assertRefused(response, secret="Secret")

    def test_a_goal_cannot_be_moved_into_another_file(self):
        response = self._call(
            "attack_mentor_a",
            "mm.goal",
            "write",
            self.files["a"]["goal"].ids,
            {"mentorship_id": self.files["b"]["mentorship"].id},
        )
        self.assertRefused(response)
        self.assertEqual(self.files["a"]["goal"].mentorship_id, self.files["a"]["mentorship"])

    def test_a_mentor_cannot_date_a_file_into_the_retention_job(self):
        response = self._call(
            "attack_mentor_a",
            "mm.mentorship",
            "write",
            self.files["a"]["mentorship"].ids,
            {"state": "closed", "date_start": "2000-01-01", "date_end": "2000-01-02"},
        )
        self.assertRefused(response)
        self.assertEqual(self.files["a"]["mentorship"].state, "active")

    def test_back_office_cannot_mail_out_a_mentors_file(self):
        file = self.files["a"]
        response = self._call(
            "attack_backoffice",
            "mm.mentorship",
            "message_post",
            file["mentorship"].ids,
            body="See attached",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=file["letter"].ids,
        )
        self.assertRefused(response)
        self.assertFalse(file["mentorship"].message_ids.attachment_ids)

    def test_back_office_cannot_touch_the_mentors_activities(self):
        mentorship = self.files["a"]["mentorship"]
        todo = mentorship.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.users["attack_mentor_a"].id,
            note="Ask about the gambling",
        )
        found = self._call(
            "attack_backoffice",
            "mail.activity",
            "search_read",
            [("res_model", "=", "mm.mentorship")],
            fields=["note"],
        )
        self.assertEqual(found["result"], [])
        self.assertRefused(self._call("attack_backoffice", "mail.activity", "unlink", todo.ids))
        self.assertTrue(todo.exists())


@tagged("post_install", "-at_install")
class TestRpcAccessLog(RpcCase):
    """A back-office read over JSON-RPC writes the access log.

    Odoo serves reads on a read-only cursor when a replica is configured; in test
    mode every request runs inside the test's one transaction, where a read/write
    cursor cannot be opened beside a read-only one. So this class serves requests on
    read/write cursors, as Odoo does without a replica; the read-only path is proven
    on a real read-only connection in test_access_log."""

    readonly_enabled = False

    def test_a_read_over_json_rpc_is_logged(self):
        mentorship = self.files["a"]["mentorship"]
        response = self._call(
            "attack_backoffice", "mm.mentorship", "read", mentorship.ids, ["bridge_score"]
        )
        self.assertIn("result", response)
        log = self.env["mm.access.log"].search(
            [("user_id", "=", self.users["attack_backoffice"].id)]
        )
        self.assertRecordValues(
            log,
            [
                {
                    "partner_id": mentorship.partner_id.id,
                    "channel": "rpc",
                    "detail": "mm.mentorship: read",
                }
            ],
        )
