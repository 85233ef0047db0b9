from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import users, warmup

from .common import DIMENSION_CODES, MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestAssessment(MobilityMentoringCase):
    def test_new_assessment_has_a_line_per_active_dimension_in_bridge_order(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertEqual(assessment.line_ids.dimension_id.mapped("code"), DIMENSION_CODES)
        self.assertFalse(assessment.line_ids.step_id)

    def test_archived_dimension_or_pillar_is_left_out(self):
        self.env.ref("mobility_mentoring.dimension_savings").action_archive()
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertNotIn("savings", assessment.line_ids.dimension_id.mapped("code"))
        self.assertEqual(len(assessment.line_ids), 8)
        self.env.ref("mobility_mentoring.pillar_employment").action_archive()
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertEqual(
            assessment.line_ids.dimension_id.mapped("code"),
            ["housing", "family", "health", "network", "debts", "education"],
        )

    def test_prefilled_with_steps_of_previous_done_assessment(self):
        levels = dict(self._levels(2), debts=1, work=4)
        self._done_assessment(self.mentorship_a, self._levels(1), date="2024-06-01")
        previous = self._done_assessment(self.mentorship_a, levels, date="2025-01-01")
        self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})  # a draft
        new = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertEqual(new.line_ids.step_id, previous.line_ids.step_id)
        self.assertEqual(new.line_ids.previous_step_id, previous.line_ids.step_id)
        self.assertEqual({line.dimension_id.code: line.level for line in new.line_ids}, levels)
        self.assertFalse(new.line_ids.filtered("is_priority"), "priorities are chosen anew")

    def test_prefilled_in_the_form_too(self):
        self._done_assessment(self.mentorship_a, self._levels(4))
        form = Form(
            self.env["mm.assessment"].with_context(default_mentorship_id=self.mentorship_a.id)
        )
        self.assertEqual(len(form.line_ids), 9)
        self.assertEqual(form.line_ids.edit(0).step_id.level, 4)
        assessment = form.save()
        self.assertEqual(assessment.bridge_score, 75.0)

    def test_done_refuses_missing_steps_and_names_them(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        for line in assessment.line_ids.filtered(
            lambda line: line.dimension_id.code not in ("debts", "work")
        ):
            line.step_id = self._step(line.dimension_id.code, 3)
        with self.assertRefused(UserError, "Debts, Work and career"):
            assessment.action_done()
        self.assertEqual(assessment.state, "draft")

    def test_done_assessment_is_read_only_except_for_managers(self):
        assessment = self._done_assessment(self.mentorship_a, self._levels(3)).with_user(
            self.mentor_a
        )
        line = assessment.line_ids[0]
        with self.assertRefused(UserError, "only be changed by a manager"):
            line.step_id = self._step(line.dimension_id.code, 4)
        with self.assertRaises(UserError):
            assessment.note = "Changed afterwards"
        with self.assertRaises(UserError):
            assessment.unlink()
        self.assertFalse(assessment.can_edit)
        as_manager = assessment.with_user(self.manager)
        self.assertTrue(as_manager.can_edit)
        as_manager.line_ids[0].step_id = self._step(line.dimension_id.code, 4)
        self.assertEqual(assessment.bridge_score, 52.8)

    def test_mentor_fills_in_and_finalises(self):
        assessment = (
            self.env["mm.assessment"]
            .with_user(self.mentor_a)
            .create({"mentorship_id": self.mentorship_a.id})
        )
        for line in assessment.line_ids:
            line.write(
                {
                    "step_id": self._step(line.dimension_id.code, 2).id,
                    "is_priority": line.dimension_id.code == "debts",
                }
            )
        assessment.action_done()
        self.assertEqual(assessment.state, "done")
        self.assertEqual(
            assessment.priority_pillar_ids, self.env.ref("mobility_mentoring.pillar_financial")
        )
        self.assertEqual(self.mentorship_a.last_assessment_id, assessment)
        with self.assertRefused(UserError, "is done"):
            assessment.action_done()

    def test_an_assessment_is_finalised_only_by_finalising_it(self):
        with self.assertRefused(UserError, "starts as a draft"):
            self.env["mm.assessment"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_a.id, "state": "done"}
            )

    def test_step_must_belong_to_the_line_dimension(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        housing_line = assessment.line_ids.filtered(
            lambda line: line.dimension_id.code == "housing"
        )
        with self.assertRefused(ValidationError, "not on the ladder"):
            housing_line.step_id = self._step("debts", 2)


# Queries to create an assessment (with its nine pre-filled lines and the last outcome
# values), to place the resident on every ladder in one save, and to finalise it
# (the row lock of a state change, state, mentorship score, tracking, and the Bridge
# scores per month in mentoring: two deletes and an insert).
CREATE, FILL_IN, FINALISE = 24, 3, 10


@tagged("post_install", "-at_install")
class TestAssessmentPerformance(MobilityMentoringCase):
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
