from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OtherMunicipalityCase, ResidentCase


@tagged("post_install", "-at_install")
class TestSelfAssessment(ResidentCase):
    """The resident fills in a draft the mentor opened to them: their step and star."""

    def setUp(self):
        super().setUp()
        self.draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.draft.with_user(self.mentor_a).action_let_resident_fill_in()
        self.line = self.draft.line_ids.filtered(lambda line: line.dimension_id.code == "debts")

    def _answer(self, line=None, user=None, **values):
        line = (line or self.line).with_user(user or self.resident_user_a)
        return line.action_resident_answer(**values)

    def test_resident_chooses_step_and_star(self):
        self.assertEqual(self.line.step_id, self._step("debts", 2))  # last time's step
        self._answer(step_id=self._step("debts", 3).id)
        self._answer(is_priority=True)
        self.assertEqual(self.line.step_id, self._step("debts", 3))
        self.assertTrue(self.line.is_priority)
        self.assertTrue(self.line.filled_by_resident)
        self.assertEqual(self.line.previous_step_id, self._step("debts", 2))
        self.assertFalse((self.draft.line_ids - self.line).filtered("filled_by_resident"))
        self.assertIn(self.line.pillar_id, self.draft.priority_pillar_ids)

    def test_a_step_of_this_ladder_only(self):
        for step_id in (self._step("housing", 3).id, 999999999):
            with self.subTest(step_id=step_id), self.assertRaises(UserError):
                self._answer(step_id=step_id)

    def test_not_someone_elses_line(self):
        draft_b = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_b.id})
        draft_b.action_let_resident_fill_in()
        with self.assertRaises(AccessError):
            self._answer(draft_b.line_ids[0], is_priority=True)
        for staff in (self.mentor_a, self.manager):
            with self.subTest(user=staff.login), self.assertRaises(AccessError):
                self._answer(user=staff, is_priority=True)

    def test_only_while_open_to_the_resident(self):
        self.draft.with_user(self.mentor_a).action_stop_resident_fill_in()
        with self.assertRaises(AccessError):  # no longer visible to them
            self._answer(is_priority=True)
        self.draft.with_user(self.mentor_a).action_let_resident_fill_in()
        self.draft.with_user(self.mentor_a).action_done()
        self.assertFalse(self.draft.resident_can_edit)
        with self.assertRaises(UserError):  # done: visible, not changeable
            self._answer(is_priority=True)

    def test_only_a_draft_can_be_opened(self):
        done = self.file_a["assessment"]
        with self.assertRaises(UserError):
            done.with_user(self.mentor_a).action_let_resident_fill_in()
        with self.assertRaises(AccessError):
            self.draft.with_user(self.mentor_a).write({"resident_can_edit": False})
        with self.assertRaises(AccessError):
            self.draft.with_user(self.backoffice).action_let_resident_fill_in()

    def test_mentor_finalises(self):
        self._answer(step_id=self._step("debts", 3).id)
        with self.assertRaises(AccessError):
            self.draft.with_user(self.resident_user_a).action_done()
        self.draft.with_user(self.mentor_a).action_done()
        self.assertEqual(self.mentorship_a.last_assessment_id, self.draft)


@tagged("post_install", "-at_install")
class TestFilledByResident(OtherMunicipalityCase):
    """A step is the resident's only until someone else changes it."""

    def test_a_step_someone_else_changed_is_no_longer_by_the_resident(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        line, other = assessment.line_ids[:2]
        (line | other).sudo().write({"filled_by_resident": True})
        step = line.dimension_id.step_ids.filtered(lambda s: s != line.step_id)[:1]
        line.with_user(self.mentor_a).write({"step_id": step.id})
        other.with_user(self.mentor_a).write({"step_id": other.step_id.id})  # unchanged
        self.assertFalse(line.filled_by_resident)
        self.assertTrue(other.filled_by_resident)
