from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import MobilityMentoringCase

# Queries to create an assessment (with its nine pre-filled lines), to place the resident
# on every ladder in one save, and to finalise it (state, mentorship score, tracking).
CREATE, FILL_IN, FINALISE = 23, 3, 5


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
        cls.env["mm.assessment"]._create_from_levels(
            cls.mentorship_a_new.id, "2024-01-01", cls._levels(1), []
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
