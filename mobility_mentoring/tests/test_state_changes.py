from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ConcurrencyCase, MobilityMentoringCase, RpcCase


@tagged("post_install", "-at_install")
class TestStateChanges(MobilityMentoringCase):
    """States, and the dates that go with them, change only through the methods that
    check the transition; nothing a client sends can skip them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")

    def test_a_mentor_cannot_date_a_mentorship_into_the_retention_job(self):
        mentorship = self.mentorship_a.with_user(self.mentor_a)
        for values in (
            {"state": "closed", "date_start": "2000-01-01", "date_end": "2000-01-02"},
            {"state": "closed"},
            {"date_end": "2000-01-02"},
            {"state_date": "2000-01-02"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                mentorship.write(values)
        mentorship.action_close()
        self.assertEqual(mentorship.date_end, fields.Date.context_today(mentorship))
        self.assertEqual(mentorship.state_date, mentorship.date_end)
        with self.assertRaises(AccessError):
            mentorship.write({"date_end": "2000-01-02"})
        self.env["mm.mentorship"]._cron_anonymise()
        self.assertFalse(mentorship.is_anonymised)

    def test_an_anonymised_mentorship_is_never_resumed(self):
        self.mentorship_a.date_start = "2010-01-01"
        with freeze_time(fields.Date.today() - relativedelta(years=8)):
            self.mentorship_a.action_close()
        self.env["mm.mentorship"]._cron_anonymise()
        self.assertTrue(self.mentorship_a.is_anonymised)
        for user in (self.mentor_a, self.manager):
            with self.subTest(user=user.login):
                with self.assertRefused(UserError, "anonymised"):
                    self.mentorship_a.with_user(user).action_resume()
                with self.assertRaises(UserError):
                    self.mentorship_a.with_user(user).write({"confidential_note": "Back"})

    def test_states_of_the_plan_change_only_through_their_buttons(self):
        goal_without_actions = self._goal(self.mentorship_a, name="Nothing to do yet")
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        attempts = [
            (self.file_a["action"], {"state": "done"}),
            (self.file_a["action"], {"date_done": "2025-01-01"}),
            (goal_without_actions, {"state": "dropped"}),
            (goal_without_actions, {"date_closed": "2025-01-01"}),
            (draft, {"state": "done"}),
        ]
        for record, values in attempts:
            with self.subTest(model=record._name, values=values), self.assertRaises(AccessError):
                record.with_user(self.mentor_a).write(values)
        with self.assertRaises(AccessError):
            self.env["mm.action"].with_user(self.mentor_a).create(
                {
                    "goal_id": self.file_a["goal"].id,
                    "name": "Born done",
                    "deadline": "2030-01-01",
                    "state": "done",
                    "date_done": "2029-01-01",
                }
            )

    def test_a_manager_changes_rewards_only_through_approve_cancel_and_deliver(self):
        reward = self.file_a["reward"].with_user(self.manager)
        for values in (
            {"state": "delivered"},
            {"state": "proposed"},
            {"approved_by": self.mentor_a.id},
            {"delivered_date": "2025-01-01"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                reward.write(values)
        reward.action_cancel()
        with self.assertRefused(UserError, "cancelled"):
            reward.action_approve()

    def test_reopening_a_goal_or_action_follows_the_transitions(self):
        goal = self.file_a["goal"].with_user(self.mentor_a)
        with self.assertRefused(UserError, "open"):
            goal.action_reopen()
        action = self.file_a["action"].with_user(self.mentor_a)
        with self.assertRefused(UserError, "open"):
            action.action_reopen()

    def test_back_office_changes_no_state(self):
        for method, record in (
            ("action_pause", self.mentorship_a),
            ("action_done", self.file_a["action"]),
            ("action_drop", self.file_a["goal"]),
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(record.with_user(self.backoffice), method)()

    def test_reopening_a_done_assessment_withdraws_its_reward(self):
        rule = self.env["mm.reward.rule"].create(
            {"name": "Assessed", "trigger": "assessment_done", "reward_type": "card", "amount": 2}
        )
        assessment = self._done_assessment(self.mentorship_a, self._levels(3), date="2025-06-01")
        reward = self.env["mm.reward"].search([("rule_id", "=", rule.id)])
        self.assertEqual(reward.state, "approved")
        with self.assertRaises(AccessError):
            assessment.with_user(self.mentor_a).action_reset_to_draft()
        assessment.with_user(self.manager).action_reset_to_draft()
        self.assertEqual((assessment.state, reward.state), ("draft", "cancelled"))
        assessment.with_user(self.manager).action_done()
        self.assertEqual(reward.state, "approved", "the same reward comes back")

    def test_defaults_a_client_controls_cannot_fill_states_either(self):
        Action = self.env["mm.action"].with_user(self.mentor_a)
        values = {"goal_id": self.file_a["goal"].id, "name": "Born done", "deadline": "2030-01-01"}
        attempts = [
            (Action.with_context(default_state="done", default_date_done="2029-01-01"), values),
            (
                self.env["mm.assessment"]
                .with_user(self.mentor_a)
                .with_context(default_state="done"),
                {"mentorship_id": self.mentorship_a.id},
            ),
            (
                self.env["mm.mentorship"]
                .with_user(self.mentor_a)
                .with_context(default_state_date="2999-01-01"),
                {"partner_id": self.resident_c.id, "team_id": self.team_a.id},
            ),
        ]
        for Model, vals in attempts:
            with self.subTest(model=Model._name), self.assertRaises(AccessError):
                Model.create(vals)
        # nor a default of the user's own
        self.env["ir.default"].with_user(self.mentor_a).set(
            "mm.action", "state", "done", user_id=True
        )
        with self.assertRaises(AccessError):
            Action.create(values)

    def test_nothing_is_added_to_an_anonymised_file(self):
        self.mentorship_a.date_start = "2010-01-01"
        with freeze_time(fields.Date.today() - relativedelta(years=8)):
            self.mentorship_a.action_close()
        self.env["mm.mentorship"]._cron_anonymise()
        goal = self.file_a["goal"].with_user(self.manager)
        attempts = {
            "goal": lambda: self.env["mm.goal"]
            .with_user(self.manager)
            .create(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "pillar_id": goal.pillar_id.id,
                    "name": "Anna's new goal",
                }
            ),
            "action": lambda: self.env["mm.action"]
            .with_user(self.manager)
            .create({"goal_id": goal.id, "name": "Call Anna", "deadline": "2030-01-01"}),
            "rename": lambda: goal.write({"name": "Pay the debts of Anna"}),
            "assessment": lambda: self.env["mm.assessment"]
            .with_user(self.manager)
            .create({"mentorship_id": self.mentorship_a.id}),
            "message": lambda: self.mentorship_a.with_user(self.manager).message_post(
                body="Anna called"
            ),
        }
        for what, attempt in attempts.items():
            with self.subTest(what=what), self.assertRefused(UserError, "anonymised"):
                attempt()


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestStateChangesOverRpc(RpcCase):
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


# Concurrency: real, committed transactions on two cursors
@tagged("post_install", "-at_install")
class TestStateConcurrency(ConcurrencyCase):
    """Two users mark the same action done at the same moment, each in a transaction
    of their own (found by `make load`): the second must not pass the check and earn
    the reward again, but be told the action is done."""

    def _commit_records(self, env):
        team = env["mm.team"].create({"name": "State race team"})
        partner = env["res.partner"].create({"name": "State race resident"})
        mentorship = env["mm.mentorship"].create(
            {"partner_id": partner.id, "team_id": team.id, "user_id": False}
        )
        goal = env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": env.ref("mobility_mentoring.pillar_financial").id,
                "name": "Race goal",
            }
        )
        action = env["mm.action"].create(
            {"goal_id": goal.id, "name": "Call the landlord", "deadline": "2030-01-01"}
        )
        return {"team": team.id, "partner": partner.id, "action": action.id}

    def _remove_committed_records(self, env):
        env["mm.mentorship"].search([("team_id", "=", self.ids["team"])]).unlink()
        env["mm.team"].browse(self.ids["team"]).unlink()
        env["res.partner"].browse(self.ids["partner"]).unlink()

    def _done(self, env):
        env["mm.action"].browse(self.ids["action"]).action_done()
        env.flush_all()

    def test_two_users_never_both_mark_the_same_action_done(self):
        def both_see_it_open(env):
            self.assertEqual(env["mm.action"].browse(self.ids["action"]).state, "open")

        # Odoo retries a request that failed to serialise; the retry finds it done
        self._assert_the_second_loses(
            self._done, self._done, UserError, "is done", snapshot=both_see_it_open
        )
        with self._committed() as env:
            rewards = env["mm.reward"].search([("source", "=", f"mm.action,{self.ids['action']}")])
            self.assertTrue(rewards)
            self.assertEqual(len(rewards), len(rewards.rule_id), "once per rule, not twice")
