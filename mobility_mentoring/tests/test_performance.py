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
