from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ResidentCase

CONFIRM_TODO = "mobility_mentoring.mail_activity_type_mm_action_reported"


@tagged("post_install", "-at_install")
class TestActionReported(ResidentCase):
    """The resident ticks off an action (reported); the mentor confirms or reopens it."""

    def setUp(self):
        super().setUp()
        self.action = self.file_a["action"]
        self.today = fields.Date.context_today(self.action)

    def _report(self, action=None, user=None):
        action = (action or self.action).with_user(user or self.resident_user_a)
        return action.action_report_done()

    def _confirm_todos(self, action=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "mm.action"),
                ("res_id", "=", (action or self.action).id),
                ("activity_type_id", "=", self.env.ref(CONFIRM_TODO).id),
            ]
        )

    def _messages_to_the_resident(self):
        return self.env["mail.message"].search(
            [("model", "=", "mm.mentorship"), ("res_id", "=", self.mentorship_a.id)]
        )

    def test_resident_reports_done(self):
        self._report()
        self.assertEqual(self.action.state, "reported")
        self.assertEqual(self.action.date_done, self.today)
        todo = self._confirm_todos()
        self.assertEqual(todo.user_id, self.mentor_a)
        self.assertEqual(todo.res_name, self.action.name)  # shown beside the summary

    def test_only_the_resident_of_the_action(self):
        with self.assertRaises(AccessError):
            self._report(self.file_b["action"])
        for staff in (self.mentor_a, self.manager):
            with self.subTest(user=staff.login), self.assertRaises(AccessError):
                self._report(user=staff)
        self.assertEqual(self.action.state, "open")

    def test_only_an_open_action_of_an_active_mentorship(self):
        done = self.action.goal_id.action_ids.filtered(lambda a: a.state == "done")
        with self.assertRaises(UserError):
            self._report(done)
        self.mentorship_a.with_user(self.mentor_a).action_pause()
        with self.assertRaises(UserError):
            self._report()

    def test_mentor_confirms_with_the_residents_day(self):
        self.action.deadline = self.today
        self._report()
        self.action.with_user(self.mentor_a).action_done()
        self.assertEqual(self.action.state, "done")
        self.assertEqual(self.action.date_done, self.today)
        self.assertTrue(self.action.done_on_time)
        rewards = self.env["mm.reward"].search([("source", "=", f"mm.action,{self.action.id}")])
        self.assertEqual(
            set(rewards.rule_id.mapped("trigger")), {"action_done", "action_done_on_time"}
        )
        self.assertFalse(self._confirm_todos())  # done

    def test_confirmed_late_keeps_the_reported_day(self):
        self.action.deadline = self.today - timedelta(days=1)
        self._report()
        self.action.sudo().date_done = self.today - timedelta(days=3)
        self.action.with_user(self.mentor_a).action_done()
        self.assertEqual(self.action.date_done, self.today - timedelta(days=3))
        self.assertTrue(self.action.done_on_time)

    def test_mentor_reopens_with_a_message_to_the_resident(self):
        self._report()
        self.action.with_user(self.mentor_a).action_reopen()
        self.assertEqual(self.action.state, "open")
        self.assertFalse(self.action.date_done)
        self.assertFalse(self._confirm_todos())
        message = self.mentorship_a.message_ids[0]
        self.assertIn(self.action.name, message.body)
        self.assertIn(self.resident_a, message.partner_ids)
        self.assertFalse(message.is_internal or message.subtype_id.internal)
        # and the resident reads it
        self.assertIn(message, self.mentorship_a.with_user(self.resident_user_a).message_ids)

    def test_resident_takes_back_their_report(self):
        """A mistaken "Done": the resident takes it back before the mentor confirmed it.
        Their own change: the mentor's to-do goes, and nobody is told."""
        self._report()
        self.assertTrue(self._confirm_todos())
        messages = self._messages_to_the_resident()
        self.action.with_user(self.resident_user_a).action_undo_report()
        self.assertEqual(self.action.state, "open")
        self.assertFalse(self.action.date_done)
        self.assertFalse(self._confirm_todos())
        self.assertEqual(self._messages_to_the_resident(), messages)  # no "opened again"
        self._report()  # and Done again
        self.assertEqual(self.action.state, "reported")
        self.assertTrue(self._confirm_todos())

    def test_only_the_resident_takes_back_their_own_report(self):
        self._report()
        self._report(self.file_b["action"], user=self.resident_user_b)
        with self.assertRaises(AccessError):
            self.file_b["action"].with_user(self.resident_user_a).action_undo_report()
        for staff in (self.mentor_a, self.manager):
            with self.subTest(user=staff.login), self.assertRaises(AccessError):
                self.action.with_user(staff).action_undo_report()
        # the mentor's reopen, with its message, is not the resident's
        with self.assertRaises(AccessError):
            self.action.with_user(self.resident_user_a).action_reopen()
        self.assertEqual(self.action.state, "reported")
        self.assertEqual(self.file_b["action"].state, "reported")

    def test_not_once_confirmed_nor_while_paused(self):
        resident_action = self.action.with_user(self.resident_user_a)
        with self.assertRaises(UserError):  # open: nothing to take back
            resident_action.action_undo_report()
        self._report()
        self.action.with_user(self.mentor_a).action_done()
        with self.assertRaises(UserError):  # confirmed: the mentor's now
            resident_action.action_undo_report()
        self.assertEqual(self.action.state, "done")
        other = self._actions(self.action.goal_id, 1, prefix="Paused")
        self._report(other)
        self.mentorship_a.with_user(self.mentor_a).action_pause()
        with self.assertRaises(UserError):
            other.with_user(self.resident_user_a).action_undo_report()
        self.assertEqual(other.state, "reported")

    def test_reported_still_counts_against_the_limits(self):
        """Until the mentor confirms it, a reported action is on the resident's plate:
        it counts as open, so sending it back never breaks a limit."""
        goal = self.action.goal_id
        self._actions(goal, 2, prefix="More")  # 3 open on the goal: the shipped limit
        self._report()
        with self.assertRaises(ValidationError):
            self._actions(goal, 1, prefix="One too many")
        self.action.with_user(self.mentor_a).action_reopen()
        self.assertEqual(self.action.state, "open")

    def test_not_overdue_once_reported(self):
        self.action.deadline = self.today - timedelta(days=2)
        self.assertTrue(self.action.is_overdue)
        self._report()
        self.assertFalse(self.action.is_overdue)
        self.assertNotIn(self.action, self.env["mm.action"].search([("is_overdue", "=", True)]))

    def test_goal_close_asks_about_reported_actions(self):
        self._report()
        done = self.action.goal_id.action_ids - self.action
        self.assertEqual(done.state, "done")
        result = self.action.goal_id.with_user(self.mentor_a).action_achieve()
        wizard = self.env["mm.goal.close"].browse(result["res_id"])
        self.assertEqual(wizard.line_ids.action_id, self.action)

    def test_state_cannot_be_written_directly(self):
        with self.assertRaises(AccessError):
            self.action.with_user(self.mentor_a).write({"state": "reported"})
