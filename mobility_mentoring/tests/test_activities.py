import re

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MANAGER, MENTOR, MobilityMentoringCase

OVERDUE = "mobility_mentoring.mail_activity_type_mm_action_overdue"
APPROVAL = "mobility_mentoring.mail_activity_type_mm_reward_approval"


@tagged("post_install", "-at_install")
class TestOverdueReminders(MobilityMentoringCase):
    """The mentor's to-do for an overdue action is one of the addon's own activities,
    and it goes when its reason goes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.goal = cls._goal(cls.mentorship_a, name="Debts in a plan")
        cls.Action = cls.env["mm.action"]

    def _remind(self, day="2025-03-11"):
        with freeze_time(day):
            self.Action._cron_notify_overdue()

    def _overdue_actions(self, count=1):
        actions = self._actions(self.goal, count, deadline="2025-03-10")
        self._remind()
        self.assertEqual(actions.activity_ids.activity_type_id, self.env.ref(OVERDUE))
        return actions

    def test_done_closes_the_reminder(self):
        action = self._overdue_actions()
        with freeze_time("2025-03-12"):
            action.with_user(self.mentor_a).action_done()
        self.assertFalse(action.activity_ids)
        self.env.flush_all()
        done = action.message_ids.filtered("mail_activity_type_id")
        self.assertEqual(done.mail_activity_type_id, self.env.ref(OVERDUE), "done, in the chatter")
        self._remind("2025-03-13")
        self.assertFalse(action.activity_ids)

    def test_cancelled_or_redated_removes_the_reminder(self):
        cancelled, redated = self._overdue_actions(2)
        cancelled.with_user(self.mentor_a).action_cancel()
        redated.with_user(self.mentor_a).write({"deadline": "2025-03-20"})
        self.assertFalse((cancelled | redated).activity_ids)
        self._remind("2025-03-15")
        self.assertFalse(redated.activity_ids, "not overdue yet")
        self._remind("2025-03-21")
        self.assertEqual(len(redated.activity_ids), 1, "missed again: reminded again")

    def test_a_paused_or_closed_mentorship_takes_its_reminders_along(self):
        action = self._overdue_actions()
        self.mentorship_a.with_user(self.mentor_a).action_pause()
        self.assertFalse(action.activity_ids)
        self._remind("2025-03-12")
        self.assertFalse(action.activity_ids)

    def test_a_reminder_the_mentor_marked_done_is_not_repeated(self):
        action = self._overdue_actions()
        action.activity_ids.with_user(self.mentor_a).action_feedback("Called her")
        self._remind("2025-03-12")
        self.assertFalse(action.activity_ids)
        action.with_user(self.mentor_a).action_cancel()
        action.with_user(self.mentor_a).action_reopen()
        self._remind("2025-03-13")
        self.assertEqual(len(action.activity_ids), 1, "reopened and still overdue")


@tagged("post_install", "-at_install")
class TestRewardApproval(MobilityMentoringCase):
    """A reward waiting for approval is a to-do of whoever approves for the team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.reward.rule"].search([]).action_archive()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.rule = cls.env["mm.reward.rule"].create(
            {
                "name": "Voucher",
                "trigger": "action_done",
                "reward_type": "voucher",
                "amount": 10,
                "need_approval": True,
            }
        )
        cls.second_manager = cls._user("second_manager_test", MANAGER)

    def _proposed(self, mentorship):
        goal = self._goal(mentorship)
        action = self._actions(goal, 1)
        action.action_done()
        reward = self.env["mm.reward"].search([("source", "=", f"mm.action,{action.id}")])
        self.assertEqual(reward.state, "proposed")
        return reward, action

    def _approvers(self, reward):
        return reward.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(APPROVAL)
        ).user_id

    def test_the_team_lead_approves_when_a_manager(self):
        self.team_a.leader_id = self.manager
        reward, _action = self._proposed(self.mentorship_a)
        self.assertEqual(self._approvers(reward), self.manager)
        reward.with_user(self.manager).action_approve()
        self.assertFalse(reward.activity_ids)

    def test_otherwise_every_manager_of_the_company(self):
        self.team_a.leader_id = self._user("lead_mentor_test", MENTOR)
        reward, _action = self._proposed(self.mentorship_a)
        approvers = self._approvers(reward)
        self.assertIn(self.manager, approvers)
        self.assertIn(self.second_manager, approvers)
        self.assertNotIn(self.team_a.leader_id, approvers)
        reward.with_user(self.second_manager).action_cancel()
        self.assertFalse(reward.activity_ids, "cancelled: every to-do goes")

    def test_undone_and_redone_asks_again(self):
        self.team_a.leader_id = self.manager
        reward, action = self._proposed(self.mentorship_a)
        action.action_reopen()
        self.assertEqual((reward.state, reward.activity_ids.ids), ("cancelled", []))
        action.action_done()
        self.assertEqual(self._approvers(reward), self.manager)


@tagged("post_install", "-at_install")
class TestTunableData(MobilityMentoringCase):
    def test_crons_and_activity_types_stay_as_administrators_set_them(self):
        for xmlid in (
            "mm_action_cron_overdue",
            "mm_retention_cron_anonymise",
            "mail_activity_type_mm_action_overdue",
            "mail_activity_type_mm_reward_approval",
            "mail_activity_type_mm_retention_failed",
            "mail_template_mm_action_list",
        ):
            data = self.env["ir.model.data"].search(
                [("module", "=", "mobility_mentoring"), ("name", "=", xmlid)]
            )
            self.assertTrue(data.noupdate, xmlid)

    def test_each_job_calls_a_method_of_its_model(self):
        """Jobs are shipped noupdate, so a method that moved takes its job along only
        through a migration: on an upgraded database this proves it did."""
        crons = self.env["ir.cron"].search(
            [("id", "in", self._our_records("ir.cron")), ("active", "in", (True, False))]
        )
        self.assertEqual(len(crons), 4)
        for cron in crons:
            with self.subTest(cron=cron.name):
                method = re.fullmatch(r"model\.(\w+)\(\)", cron.code).group(1)
                self.assertTrue(callable(getattr(self.env[cron.model_id.model], method, None)))

    def _our_records(self, model):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", "mobility_mentoring"), ("model", "=", model)])
            .mapped("res_id")
        )
