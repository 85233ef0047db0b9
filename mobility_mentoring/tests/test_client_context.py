import json

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import BusyMentorCase, MobilityMentoringCase, RpcNotesCase

CONFIDENTIAL = {
    "mm.mentorship": ["confidential_note"],
    "mm.assessment": ["note"],
    "mm.assessment.line": ["note"],
    "mm.goal": ["description", "confidential_note"],
    "mm.reward": ["note"],
}


@tagged("post_install", "-at_install")
class TestClientContext(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentorship_a.confidential_note = "Struggles with gambling, do not mention"
        cls.assessment = cls.env["mm.assessment"]._create_from_levels(
            cls.mentorship_a.id,
            "2025-01-10",
            cls._levels(2),
            ["debts"],
            "Cried when talking about the rent",
        )
        cls.assessment.line_ids[0].note = "Afraid of the landlord"
        cls.goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": cls.mentorship_a.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "All debts in one plan",
                "description": "Wants peace of mind",
                "confidential_note": "Partner does not know about the debts",
                "deadline": "2030-06-30",
            }
        )
        cls.action = cls.env["mm.action"].create(
            {"goal_id": cls.goal.id, "name": "Call the debt counsellor", "deadline": "2030-05-01"}
        )

    def _open_client_context(self, user):
        """What the web client does: the client context action, then web_read."""
        action = self.resident_a.with_user(user).action_open_mm_client_context()
        self.assertIn("'mm_client_context': True", action["context"])
        record = self.env["mm.mentorship"].with_user(user).with_context(mm_client_context=True)
        return action, record.browse(action["res_id"]).web_read(
            {
                "user_id": {"fields": {"display_name": {}}},
                "team_id": {"fields": {"display_name": {}}},
                "state": {},
                "bridge_score": {},
                "priority_pillar_ids": {"fields": {"display_name": {}}},
                "last_assessment_line_ids": {
                    "fields": {"dimension_id": {"fields": {}}, "level": {}, "is_priority": {}}
                },
                "open_goal_ids": {"fields": {"name": {}, "deadline": {}}},
                "open_action_ids": {"fields": {"name": {}, "deadline": {}}},
                "mentor_email": {},
            }
        )[0]

    def test_back_office_sees_the_context_and_the_opening_is_logged(self):
        action, context = self._open_client_context(self.backoffice)
        self.assertEqual(action["res_id"], self.mentorship_a.id)
        self.assertEqual(context["user_id"]["id"], self.mentor_a.id)
        self.assertEqual(context["state"], "active")
        self.assertEqual(context["bridge_score"], 25.0)
        self.assertEqual(context["priority_pillar_ids"][0]["display_name"], "Financial management")
        self.assertEqual(len(context["last_assessment_line_ids"]), 9)
        self.assertEqual(context["open_goal_ids"][0]["name"], "All debts in one plan")
        self.assertEqual(str(context["open_action_ids"][0]["deadline"]), "2030-05-01")
        log = self.env["mm.access.log"].search([("partner_id", "=", self.resident_a.id)])
        self.assertRecordValues(
            log, [{"user_id": self.backoffice.id, "mentorship_id": self.mentorship_a.id}]
        )
        # managers see the log; back office and mentors do not
        self.assertEqual(
            self.env["mm.access.log"].with_user(self.manager).search([("id", "in", log.ids)]), log
        )
        for user in (self.backoffice, self.mentor_a):
            with self.assertRaises(AccessError):
                self.env["mm.access.log"].with_user(user).search([])

    def test_a_normal_read_or_a_list_is_not_an_opening(self):
        self.mentorship_a.with_user(self.backoffice).web_read({"state": {}})
        self.env["mm.mentorship"].with_user(self.backoffice).with_context(
            mm_client_context=True
        ).web_search_read([], {"partner_id": {}})
        self.assertFalse(
            self.env["mm.access.log"].search([("partner_id", "=", self.resident_a.id)])
        )

    def test_back_office_reads_no_confidential_note_not_even_by_naming_it(self):
        # even with the right to export, which Odoo gives no one by default
        self.backoffice.groups_id |= self.env.ref("base.group_allow_export")
        records = {
            "mm.mentorship": self.mentorship_a,
            "mm.assessment": self.assessment,
            "mm.assessment.line": self.assessment.line_ids[0],
            "mm.goal": self.goal,
        }
        for model, fnames in CONFIDENTIAL.items():
            record = records.get(model)
            Model = self.env[model].with_user(self.backoffice)
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    self.assertNotIn(fname, Model.fields_get())
                    if record:
                        with self.assertRaises(AccessError):
                            record.with_user(self.backoffice).read([fname])
                        with self.assertRaises(AccessError):
                            record.with_user(self.backoffice).export_data([fname])
                        with self.assertRaises(AccessError):
                            record.with_user(self.backoffice).web_read({fname: {}})
                        with self.assertRaises(AccessError):
                            Model.search([(fname, "ilike", "a")])
        form = self.env["mm.mentorship"].with_user(self.backoffice).get_views([(False, "form")])
        self.assertNotIn("confidential_note", form["views"]["form"]["arch"])

    def test_the_team_and_managers_read_the_notes_other_teams_do_not(self):
        for user in (self.mentor_a2, self.manager):
            self.assertIn("gambling", self.mentorship_a.with_user(user).confidential_note)
            self.assertEqual(
                self.goal.with_user(user).confidential_note, "Partner does not know about the debts"
            )
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.mentor_b).read(["confidential_note"])

    def test_back_office_writes_to_the_mentor(self):
        self.env.flush_all()
        self.assertIn(self.mentor_a.partner_id, self.mentorship_a.message_partner_ids)
        message = self.mentorship_a.with_user(self.backoffice).message_post(
            body="We plan a payment arrangement with the energy company; can we call?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(message.author_id, self.backoffice.partner_id)
        self.assertIn(self.mentor_a.partner_id, message.notified_partner_ids)
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice).write({"state": "paused"})

    def test_back_office_does_not_read_the_mentors_notes_in_the_chatter(self):
        note = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Coaching: gambling relapse", subtype_xmlid="mail.mt_note"
        )
        comment = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Appointment moved to Tuesday",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        Message = self.env["mail.message"].with_user(self.backoffice)
        visible = Message.search(
            [("model", "=", "mm.mentorship"), ("res_id", "=", self.mentorship_a.id)]
        )
        self.assertIn(comment, visible)
        self.assertNotIn(note, visible)
        with self.assertRaises(AccessError):
            note.with_user(self.backoffice).read(["body"])
        self.assertIn(
            note, self.env["mail.message"].with_user(self.mentor_a2).search([("id", "=", note.id)])
        )

    def test_back_office_reads_no_files_of_mentoring_records(self):
        letter = self.env["ir.attachment"].create(
            {
                "name": "debt-overview.pdf",
                "raw": b"x",
                "res_model": "mm.mentorship",
                "res_id": self.mentorship_a.id,
            }
        )
        Attachment = self.env["ir.attachment"]
        domain = [("res_model", "=", "mm.mentorship"), ("res_id", "=", self.mentorship_a.id)]
        self.assertFalse(Attachment.with_user(self.backoffice).search(domain))
        with self.assertRaises(AccessError):
            letter.with_user(self.backoffice).read(["name"])
        self.assertEqual(Attachment.with_user(self.mentor_a2).search(domain), letter)

    def test_steps_corrected_by_a_manager_are_in_the_audit_trail(self):
        line = self.assessment.line_ids.filtered(lambda ln: ln.dimension_id.code == "debts")
        line.with_user(self.manager).step_id = self._step("debts", 3)
        self.env.flush_all()
        self.assertIn(
            "Debts: step 2. Debts known, no plan yet changed to 3. Debts in a plan.",
            self.assessment.message_ids[0].body,
        )


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestClientContextOverRpc(RpcNotesCase):
    """What back office gets of a file over JSON-RPC."""

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


# Query counts, pinned: back office opening one resident's client context, the same
# for a short or a long plan
CLIENT_CONTEXT = 12


@tagged("post_install", "-at_install")
class TestClientContextPerformance(BusyMentorCase):
    def _client_context(self, actions):
        goal = self._goal(self.mentorship_a)
        for n in range(actions):  # one by one: done ones leave room under the limits
            self.env["mm.action"].sudo().create(
                {"goal_id": goal.id, "name": f"Done {n}", "deadline": "2026-01-31"}
            ).action_done()
        self.env.flush_all()
        view = self.env.ref("mobility_mentoring.mm_mentorship_view_form_client_context")
        Mentorship = self.env["mm.mentorship"]
        described = Mentorship.get_views([(view.id, "form")])["models"]["mm.mentorship"]
        specification = {
            fname: {"fields": {"display_name": {}}} if Mentorship._fields[fname].relational else {}
            for fname in described["fields"]
        }
        self.env.invalidate_all()
        with self.assertQueryCount(CLIENT_CONTEXT):
            Mentorship.with_context(mm_client_context=True).browse(self.mentorship_a.id).web_read(
                specification
            )

    @users("backoffice_test")
    @warmup
    def test_client_context_with_two_actions(self):
        self._client_context(2)

    @users("backoffice_test")
    @warmup
    def test_client_context_with_five_actions(self):
        self._client_context(5)
