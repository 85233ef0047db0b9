import json

from odoo.tests import HttpCase, tagged

from .common import BACKOFFICE, MANAGER, MENTOR, call_kw, login_user, pdf_text


@tagged("post_install", "-at_install")
class TestRpc(HttpCase):
    """What a browser (or any HTTP client) gets over JSON-RPC and HTTP, not just the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            login: login_user(cls.env, login, group)
            for login, group in (
                ("rpc_mentor_a", MENTOR),
                ("rpc_mentor_b", MENTOR),
                ("rpc_backoffice", BACKOFFICE),
                ("rpc_manager", MANAGER),
            )
        }
        # the right to export, which Odoo gives no one by default, changes nothing
        cls.users["rpc_mentor_a"].groups_id |= cls.env.ref("base.group_allow_export")
        Team, Partner = cls.env["mm.team"], cls.env["res.partner"]
        cls.mentorships = {}
        for tag in ("a", "b"):
            team = Team.create(
                {
                    "name": f"RPC team {tag}",
                    "member_ids": [(6, 0, cls.users[f"rpc_mentor_{tag}"].ids)],
                }
            )
            cls.mentorships[tag] = cls.env["mm.mentorship"].create(
                {
                    "partner_id": Partner.create(
                        {"name": f"RPC resident {tag}", "lang": "nl_NL"}
                    ).id,
                    "team_id": team.id,
                    "user_id": cls.users[f"rpc_mentor_{tag}"].id,
                    "confidential_note": f"Secret note {tag}",
                }
            )
        cls.mentorships["b"].message_post(body="Message about resident b")
        cls.env["ir.attachment"].create(
            {
                "name": "letter-b.txt",
                "raw": b"b",
                "res_model": "mm.mentorship",
                "res_id": cls.mentorships["b"].id,
            }
        )

    def _call(self, login, model, method, *args, **kwargs):
        return call_kw(self, login, model, method, *args, **kwargs)

    def test_a_mentor_of_team_a_gets_nothing_of_team_b_over_json_rpc(self):
        mine, theirs = self.mentorships["a"], self.mentorships["b"]
        found = self._call(
            "rpc_mentor_a", "mm.mentorship", "search_read", [], fields=["display_name"]
        )
        self.assertEqual([r["id"] for r in found["result"]], [mine.id])
        refused = self._call("rpc_mentor_a", "mm.mentorship", "read", [theirs.id], ["display_name"])
        self.assertEqual(refused["error"]["data"]["name"], "odoo.exceptions.AccessError")
        counts = self._call(
            "rpc_mentor_a", "mm.mentorship", "web_read_group", [], ["team_id"], ["team_id"]
        )
        self.assertEqual([g["team_id"][1] for g in counts["result"]["groups"]], ["RPC team a"])
        names = self._call("rpc_mentor_a", "mm.mentorship", "name_search", "RPC resident b")
        self.assertEqual(names["result"], [])
        messages = self._call(
            "rpc_mentor_a",
            "mail.message",
            "search_read",
            [("model", "=", "mm.mentorship"), ("res_id", "=", theirs.id)],
            fields=["body"],
        )
        self.assertEqual(messages["result"], [])
        attachments = self._call(
            "rpc_mentor_a",
            "ir.attachment",
            "search_read",
            [("res_model", "=", "mm.mentorship"), ("res_id", "=", theirs.id)],
            fields=["name"],
        )
        self.assertEqual(attachments["result"], [])
        export = self._call(
            "rpc_mentor_a", "mm.mentorship", "export_data", [theirs.id], ["display_name"]
        )
        self.assertEqual(export["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_back_office_cannot_read_a_confidential_note_over_json_rpc(self):
        theirs = self.mentorships["b"]
        context = self._call(
            "rpc_backoffice", "mm.mentorship", "read", [theirs.id], ["state", "user_id"]
        )
        self.assertEqual(context["result"][0]["state"], "active")
        refused = self._call(
            "rpc_backoffice", "mm.mentorship", "read", [theirs.id], ["confidential_note"]
        )
        self.assertEqual(refused["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn("Secret note", json.dumps(refused))

    def test_the_data_export_over_http(self):
        partner = self.mentorships["a"].partner_id
        url = f"/mobility_mentoring/resident/{partner.id}/export.json"
        self.authenticate("rpc_manager", "rpc_manager")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = response.json()
        self.assertEqual(data["resident"]["name"], "RPC resident a")
        self.assertEqual(data["mentorships"][0]["coaching_note"], "Secret note a")
        self.assertNotIn("resident b", response.text)
        self.authenticate("rpc_mentor_a", "rpc_mentor_a")
        self.assertNotEqual(self.url_open(url).status_code, 200)

    def test_the_readable_pdf_for_the_resident_in_their_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        partner = self.mentorships["a"].partner_id
        # outside tests Odoo always renders through wkhtmltopdf; in tests only when forced
        report = (
            self.env["ir.actions.report"]
            .with_user(self.users["rpc_manager"])
            .with_context(force_report_rendering=True)
        )
        pdf, _type = report._render_qweb_pdf(
            "mobility_mentoring.action_report_resident_data", partner.ids
        )
        text = pdf_text(pdf)
        self.assertIn("Wat we over je bewaren", text)
        self.assertIn("RPC resident a", text)
        self.assertIn("Secret note a", text)
        self.assertNotIn("resident b", text)
