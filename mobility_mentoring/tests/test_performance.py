from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import MobilityMentoringCase

# Queries to create an assessment (with its nine pre-filled lines and the last outcome
# values), to place the resident on every ladder in one save, and to finalise it
# (the row lock of a state change, state, mentorship score, tracking).
CREATE, FILL_IN, FINALISE = 24, 3, 7


@tagged("post_install", "-at_install")
class TestPerformance(MobilityMentoringCase):
    """Query counts pinned so that a change adding a query per line or per assessment
    fails here. They are the same after one earlier assessment as after five."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for n in range(1, 6):
            cls.env["mm.assessment"]._create_from_levels(
                cls.mentorship_a.id, f"2024-0{n}-01", cls._levels(n), []
            )
        cls.mentorship_a_new = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
        )
        # the new assessment (all on step 3) moves down from both histories: no step up
        cls.env["mm.assessment"]._create_from_levels(
            cls.mentorship_a_new.id, "2024-01-01", cls._levels(5), []
        )
        cls.steps = cls.env["mm.step"].search([("level", "=", 3)])

    @users("mentor_a_test")
    @warmup
    def test_assessment_after_five_earlier_ones(self):
        self._create_fill_in_and_finalise(self.mentorship_a)

    @users("mentor_a_test")
    @warmup
    def test_assessment_after_one_earlier_one(self):
        self._create_fill_in_and_finalise(self.mentorship_a_new)

    def _create_fill_in_and_finalise(self, mentorship):
        mentorship = mentorship.with_env(self.env)
        with self.assertQueryCount(CREATE):
            assessment = self.env["mm.assessment"].create({"mentorship_id": mentorship.id})
        step_by_dimension = {step.dimension_id: step for step in self.steps.with_env(self.env)}
        with self.assertQueryCount(FILL_IN):
            assessment.write(
                {
                    "line_ids": [
                        Command.update(
                            line.id, {"step_id": step_by_dimension[line.dimension_id].id}
                        )
                        for line in assessment.line_ids
                    ]
                }
            )
        with self.assertQueryCount(FINALISE):
            assessment.action_done()
        self.assertEqual(mentorship.last_assessment_id, assessment)
        self.assertEqual(mentorship.bridge_score, 50.0)


ACTION_CREATE = 26


@tagged("post_install", "-at_install")
class TestActionPerformance(MobilityMentoringCase):
    """Creating an action with a limit of each scope active costs the same whether the
    resident has two open actions or twenty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["mm.action.limit"].create(
            [
                {"name": f"Limit per {scope}", "scope": scope, "max_open": 50}
                for scope in ("mentorship", "pillar", "goal")
            ]
        )
        cls.mentorship_a_new = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
        )
        cls.few = cls._goal_with_actions(cls.mentorship_a, 2)
        cls.many = cls._goal_with_actions(cls.mentorship_a_new, 20)

    @classmethod
    def _goal_with_actions(cls, mentorship, count):
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "Goal",
            }
        )
        cls.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": f"Action {n}", "deadline": "2030-01-01"}
                for n in range(count)
            ]
        )
        return goal

    @users("mentor_a_test")
    @warmup
    def test_action_when_two_are_open(self):
        self._create_action(self.few)

    @users("mentor_a_test")
    @warmup
    def test_action_when_twenty_are_open(self):
        self._create_action(self.many)

    def _create_action(self, goal):
        with self.assertQueryCount(ACTION_CREATE):
            self.env["mm.action"].create(
                {"goal_id": goal.id, "name": "Call the bank", "deadline": "2030-02-01"}
            )


# with the to-do for the team lead who approves the voucher, and closing the action's
# own to-dos (overdue, confirm what the resident reported) in one search
# and the row lock of the state change; and that the approver and a new follower
# are colleagues of the file's municipality (their companies, the follower's users)
REWARD_ACTION_DONE = 68


@tagged("post_install", "-at_install")
class TestRewardPerformance(MobilityMentoringCase):
    """Marking an action done with five reward rules active, with caps and budgets to
    check, costs the same whether the resident had two rewards before or twenty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.reward.rule"].search([]).action_archive()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.team_a.leader_id = cls.manager  # one approver, whatever the managers in the database
        financial = cls.env.ref("mobility_mentoring.pillar_financial")
        cls.env["mm.reward.rule"].create(
            [
                {"name": "Compliment", "trigger": "action_done", "reward_type": "compliment"},
                {
                    "name": "Card",
                    "trigger": "action_done",
                    "reward_type": "card",
                    "amount": 2,
                    "max_per_period": 50,
                },
                {
                    "name": "Coffee",
                    "trigger": "action_done",
                    "reward_type": "gift",
                    "amount": 3,
                    "budget": 1000,
                    "pillar_ids": [(6, 0, financial.ids)],
                },
                {
                    "name": "Voucher",
                    "trigger": "action_done_on_time",
                    "reward_type": "voucher",
                    "amount": 10,
                    "max_per_period": 50,
                    "budget": 5000,
                    "need_approval": True,
                },
                {
                    "name": "Money",
                    "trigger": "action_done_on_time",
                    "reward_type": "money",
                    "amount": 5,
                    "period": "year",
                    "team_ids": [(6, 0, cls.team_a.ids)],
                },
            ]
        )
        cls.mentorship_a_new = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
        )
        cls.few = cls._done_actions(cls.mentorship_a, 2)
        cls.many = cls._done_actions(cls.mentorship_a_new, 20)

    @classmethod
    def _done_actions(cls, mentorship, count):
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "Goal",
            }
        )
        actions = cls.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": f"Done {n}", "deadline": "2099-01-01"}
                for n in range(count + 2)
            ]
        )
        actions[:count].action_done()
        return actions[count:]

    @users("mentor_a_test")
    @warmup
    def test_action_done_after_two_rewarded_actions(self):
        self._mark_done(self.few)

    @users("mentor_a_test")
    @warmup
    def test_action_done_after_twenty_rewarded_actions(self):
        self._mark_done(self.many)

    def _mark_done(self, actions):
        # warmup runs the test twice: each run marks another action done
        action = actions.with_env(self.env).filtered(lambda a: a.state == "open")[:1]
        with self.assertQueryCount(REWARD_ACTION_DONE):
            action.action_done()
        self.assertEqual(
            len(self.env["mm.reward"].search([("source", "=", f"mm.action,{action.id}")])), 5
        )
