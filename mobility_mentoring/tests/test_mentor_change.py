from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestMentorChange(MobilityMentoringCase):
    """A new mentor comes with a reason, keeps the history, takes over the open
    to-dos and the following of the file, and fits the caseload limit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal = cls._goal(cls.mentorship_a)
        cls.action = cls.env["mm.action"].create(
            {"goal_id": cls.goal.id, "name": "Call the landlord", "deadline": "2030-01-31"}
        )
        for record in (cls.mentorship_a, cls.goal, cls.action):
            record.message_subscribe(partner_ids=cls.mentor_a.partner_id.ids)

    def _change(self, user, new_mentor, reason="resident", note="Speaks her language"):
        wizard = (
            self.env["mm.mentor.change.wizard"]
            .with_user(user)
            .create(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "user_id": new_mentor.id,
                    "reason": reason,
                    "note": note,
                }
            )
        )
        return wizard.action_confirm()

    def _todo(self, record, user):
        return record.activity_schedule(
            "mail.mail_activity_data_todo", summary="Follow up", user_id=user.id
        )

    def test_in_the_wizard_from_the_mentorship(self):
        action = self.mentorship_a.with_user(self.mentor_a).action_change_mentor()
        form = Form(
            self.env[action["res_model"]].with_user(self.mentor_a).with_context(**action["context"])
        )
        self.assertEqual(form.reason, "resident")
        form.user_id = self.mentor_a2
        form.note = "Speaks her language"
        form.save().action_confirm()
        self.assertEqual(self.mentorship_a.user_id, self.mentor_a2)
        self.assertEqual(self.mentorship_a.mentor_change_ids.note, "Speaks her language")
        with self.assertRaises(AccessError):
            self.mentorship_b.with_user(self.mentor_a).action_change_mentor()

    def test_the_history_says_who_from_whom_to_whom_when_and_why(self):
        self._change(self.mentor_a, self.mentor_a2)
        self.assertEqual(self.mentorship_a.user_id, self.mentor_a2)
        change = self.mentorship_a.mentor_change_ids
        self.assertRecordValues(
            change,
            [
                {
                    "user_id": self.mentor_a.id,
                    "from_user_id": self.mentor_a.id,
                    "to_user_id": self.mentor_a2.id,
                    "reason": "resident",
                    "note": "Speaks her language",
                }
            ],
        )
        self.assertTrue(change.date)

    def test_open_todos_and_following_move_to_the_new_mentor(self):
        todos = self._todo(self.mentorship_a, self.mentor_a) | self._todo(
            self.action, self.mentor_a
        )
        others = self._todo(self.mentorship_a, self.manager)
        done = self._todo(self.goal, self.mentor_a)
        done.action_feedback(feedback="Done")
        self._change(self.mentor_a, self.mentor_a2)
        self.assertEqual(todos.user_id, self.mentor_a2)
        self.assertEqual(others.user_id, self.manager)
        for record in (self.mentorship_a, self.goal, self.action):
            self.assertIn(self.mentor_a2.partner_id, record.message_partner_ids)
            self.assertNotIn(self.mentor_a.partner_id, record.message_partner_ids)

    def test_the_new_mentor_fits_the_caseload(self):
        self.team_a.write({"caseload_soft_limit": 1, "caseload_hard_limit": 1})
        self.env["mm.mentorship"].create(
            {
                "partner_id": self.resident_c.id,
                "user_id": self.mentor_a2.id,
                "team_id": self.team_a.id,
            }
        )
        wizard = self.env["mm.mentor.change.wizard"].create(
            {
                "mentorship_id": self.mentorship_a.id,
                "user_id": self.mentor_a2.id,
                "reason": "caseload",
            }
        )
        self.assertIn("Saving will be refused", wizard._onchange_caseload()["warning"]["message"])
        with self.assertRefused(ValidationError, "caseload of .* is already 1"):
            wizard.action_confirm()
        self.assertFalse(self.mentorship_a.mentor_change_ids)

    def test_a_mentor_hands_over_only_within_the_team(self):
        with self.assertRefused(AccessError, "not in Team A"):
            self._change(self.mentor_a, self.mentor_b)
        self._change(self.manager, self.mentor_b, reason="expertise")
        self.assertEqual(self.mentorship_a.mentor_change_ids.reason, "expertise")

    def test_no_change_to_the_same_mentor(self):
        with self.assertRefused(UserError, "already the mentor"):
            self._change(self.mentor_a, self.mentor_a)

    def test_another_team_neither_opens_the_wizard_nor_reads_the_history(self):
        with self.assertRaises(AccessError):
            self._change(self.mentor_b, self.mentor_b)
        self._change(self.mentor_a, self.mentor_a2)
        history = self.env["mm.mentor.change"].with_user(self.mentor_b)
        self.assertFalse(history.search([("mentorship_id", "=", self.mentorship_a.id)]))

    def test_back_office_sees_who_coaches_but_not_why(self):
        self._change(self.mentor_a, self.mentor_a2)
        change = self.mentorship_a.mentor_change_ids.with_user(self.backoffice)
        self.assertEqual(change.to_user_id, self.mentor_a2)
        with self.assertRaises(AccessError):
            change.read(["note"])

    def test_nobody_rewrites_history(self):
        self._change(self.mentor_a, self.mentor_a2)
        change = self.mentorship_a.mentor_change_ids
        for user in (self.mentor_a2, self.manager):
            with self.assertRaises(AccessError):
                change.with_user(user).write({"reason": "other"})
            with self.assertRaises(AccessError):
                change.with_user(user).unlink()

    def test_a_change_without_the_wizard_is_kept_too(self):
        self.mentorship_a.with_user(self.manager).user_id = self.mentor_a2
        self.assertEqual(self.mentorship_a.mentor_change_ids.reason, "other")
