from odoo import Command
from odoo.tests import tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestBridgeScore(MobilityMentoringCase):
    def test_bottom_is_zero_and_top_is_hundred(self):
        self.assertEqual(
            self._done_assessment(self.mentorship_a, self._levels(1)).bridge_score, 0.0
        )
        self.assertEqual(
            self._done_assessment(self.mentorship_b, self._levels(5)).bridge_score, 100.0
        )

    def test_mean_of_line_scores_rounded_to_one_decimal(self):
        # eight dimensions on step 3 (50 each) and debts on step 2 (25): 425 / 9 = 47.22...
        levels = dict(self._levels(3), debts=2)
        self.assertEqual(self._done_assessment(self.mentorship_a, levels).bridge_score, 47.2)

    def test_ladders_of_different_lengths(self):
        pillar = self.env["mm.pillar"].create({"name": "Test pillar", "code": "test_pillar"})
        short, long_ = self.env["mm.dimension"].create(
            [
                self._dimension_vals(pillar, "short_ladder", 3),
                self._dimension_vals(pillar, "long_ladder", 7),
            ]
        )
        assessment = self.env["mm.assessment"].create(
            {
                "mentorship_id": self.mentorship_a.id,
                "line_ids": [
                    # step 2 of 3: 50; step 3 of 7: 33.33...; mean 41.67 -> 41.7
                    Command.create({"dimension_id": short.id, "step_id": short.step_ids[1].id}),
                    Command.create({"dimension_id": long_.id, "step_id": long_.step_ids[2].id}),
                ],
            }
        )
        self.assertEqual(assessment.line_ids.mapped("top_level"), [3, 7])
        self.assertAlmostEqual(assessment.line_ids[1].score, 100 / 3)
        self.assertEqual(assessment.bridge_score, 41.7)

    def test_draft_score_counts_only_chosen_steps(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertEqual(assessment.bridge_score, 0.0)
        assessment.line_ids[0].step_id = self._step(assessment.line_ids[0].dimension_id.code, 5)
        self.assertEqual(assessment.bridge_score, 100.0)

    def test_a_longer_ladder_later_does_not_rewrite_past_scores(self):
        assessment = self._done_assessment(self.mentorship_a, self._levels(5))
        self.assertEqual(assessment.bridge_score, 100.0)
        self.env["mm.step"].create(
            {
                "dimension_id": self.env.ref("mobility_mentoring.dimension_housing").id,
                "level": 6,
                "name": "New top",
            }
        )
        self.env.flush_all()
        assessment.invalidate_recordset()
        self.assertEqual(assessment.bridge_score, 100.0)
        later = self._done_assessment(self.mentorship_a, self._levels(5), date="2025-06-01")
        # housing's step 5 is now 80 of 100: (8 x 100 + 80) / 9 = 97.8
        self.assertEqual(later.bridge_score, 97.8)

    def test_mentorship_follows_first_and_latest_done_assessment(self):
        mentorship = self.mentorship_a
        self.assertFalse(mentorship.last_assessment_id)
        first = self._done_assessment(mentorship, self._levels(2), date="2025-01-10")
        latest = self._done_assessment(mentorship, self._levels(3), date="2025-05-10")
        # a draft, even a later one, is not a result yet
        self.env["mm.assessment"].create({"mentorship_id": mentorship.id, "date": "2025-09-01"})
        self.assertEqual(mentorship.last_assessment_id, latest)
        self.assertEqual(mentorship.bridge_score, 50.0)
        self.assertEqual(mentorship.bridge_score_change, 50.0 - first.bridge_score)
        self.assertEqual(first.bridge_score, 25.0)

    def _dimension_vals(self, pillar, code, steps):
        return {
            "pillar_id": pillar.id,
            "name": code,
            "code": code,
            "step_ids": [
                Command.create({"level": n, "name": f"{code} {n}"}) for n in range(1, steps + 1)
            ],
        }
