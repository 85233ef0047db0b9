from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase, OtherMunicipalityCase


@tagged("post_install", "-at_install")
class TestCaseReview(MobilityMentoringCase):
    """Case reviews: the team lead's list of mentorships due, reviews with a
    confidential note and follow-up to-dos, and the count per mentor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._user("team_lead_test", "mobility_mentoring.group_mm_mentor")
        cls.team_a.leader_id = cls.lead
        cls.today = fields.Date.context_today(cls.env["mm.mentorship"])
        cls.mentorship_a.date_start = cls.today - timedelta(weeks=20)

    def _review(self, user=None, mentorship=None, days_ago=0, **values):
        return (
            self.env["mm.case.review"]
            .with_user(user or self.lead)
            .create(
                {
                    "mentorship_id": (mentorship or self.mentorship_a).id,
                    "date": self.today - timedelta(days=days_ago),
                    "note": "Discussed the debts",
                    **values,
                }
            )
        )

    def _due(self, user=None):
        Mentorship = self.env["mm.mentorship"].with_user(user or self.lead)
        return Mentorship.search([("review_due", "=", True), ("team_id", "=", self.team_a.id)])

    def test_due_when_not_reviewed_for_eight_weeks(self):
        self.assertEqual(self._due(), self.mentorship_a)
        self._review(days_ago=8 * 7 - 1)
        self.assertFalse(self._due())
        self.assertFalse(self.mentorship_a.review_due)
        self.mentorship_a.review_ids.date = self.today - timedelta(days=8 * 7 + 1)
        self.assertEqual(self._due(), self.mentorship_a)
        self.assertTrue(self.mentorship_a.review_due)
        not_due = self.env["mm.mentorship"].search(
            [("review_due", "=", False), ("team_id", "=", self.team_a.id)]
        )
        self.assertNotIn(self.mentorship_a, not_due)

    def test_a_new_or_paused_mentorship_is_not_due(self):
        self.mentorship_a.date_start = self.today - timedelta(weeks=7)
        self.assertFalse(self._due())
        self.mentorship_a.date_start = self.today - timedelta(weeks=9)
        self.mentorship_a.action_pause()
        self.assertFalse(self._due())

    def test_settings_set_the_weeks(self):
        self.env["res.config.settings"].create({"mm_review_weeks": 30}).execute()
        self.assertFalse(self._due())

    def test_a_follow_up_is_a_to_do_of_the_mentor(self):
        review = self._review(followup="Call the budget coach", followup_deadline=self.today)
        todo = self.mentorship_a.activity_ids
        self.assertEqual(todo.summary, "Call the budget coach")
        self.assertEqual(todo.user_id, self.mentor_a)
        self.assertEqual(review.mentor_id, self.mentor_a)

    def test_a_follow_up_reads_in_the_mentors_language_and_date_format(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.mentor_a.lang = "nl_NL"  # the lead who records it reads English
        review = self._review(followup="Bel de budgetcoach", days_ago=3)
        todo = self.mentorship_a.activity_ids
        self.assertEqual(todo.user_id, self.mentor_a)
        day = review.date.strftime("%d-%m-%Y")
        self.assertIn(f"Besloten in de casusbespreking van {day}.", todo.note)
        self.assertEqual(
            review.with_context(lang="nl_NL").display_name,
            f"Casusbespreking {self.mentorship_a.display_name}, {day}",
        )

    def test_only_the_lead_or_a_manager_reviews(self):
        with self.assertRefused(AccessError, "team lead or a manager"):
            self._review(self.mentor_a2)
        self._review(self.manager)
        review = self._review()
        with self.assertRaises(AccessError):
            review.with_user(self.mentor_a2).note = "Rewritten"

    def test_another_team_and_back_office_do_not_read_the_note(self):
        review = self._review()
        self.assertFalse(self.env["mm.case.review"].with_user(self.mentor_b).search([]))
        seen = review.with_user(self.backoffice)
        self.assertEqual(seen.read(["date"])[0]["date"], review.date)
        with self.assertRaises(AccessError):
            seen.read(["note"])
        with self.assertRaises(AccessError):
            seen.read(["followup"])

    def test_team_monitoring_counts_reviews_per_mentor(self):
        self.env["mm.mentorship"].create(
            {
                "partner_id": self.resident_c.id,
                "user_id": self.mentor_a2.id,
                "team_id": self.team_a.id,
            }
        )
        self._review(days_ago=1)
        self._review(days_ago=2)
        self._review(days_ago=400)  # outside the period
        start = self.today.replace(day=1) - timedelta(days=40)
        figures = self.env["report.mobility_mentoring.report_team_monitoring"]._figures(
            self.team_a, start, self.today
        )
        rows = dict(figures["reviews"]["rows"])
        self.assertEqual(rows[self.mentor_a.name], 2)
        self.assertEqual(rows[self.mentor_a2.name], 0)
        # 40 days before the 1st lands in the month before last: three months to today
        self.assertEqual(figures["reviews"]["goal"], 2 * 3)

    def test_the_mentor_is_the_mentorships_not_anyone(self):
        with self.assertRefused(AccessError, "set by the system"):
            self._review(mentor_id=self.mentor_b.id, followup="A to-do for another team")
        self.assertFalse(self.mentorship_a.activity_ids)

    def test_review_in_a_small_form_from_the_mentorship(self):
        action = self.mentorship_a.with_user(self.lead).action_review()
        self.assertEqual(action["context"], {"default_mentorship_id": self.mentorship_a.id})
        self.assertTrue(self.mentorship_a.with_user(self.lead).can_review)
        self.assertFalse(self.mentorship_a.with_user(self.mentor_a).can_review)


@tagged("post_install", "-at_install")
class TestCaseReviewRecord(OtherMunicipalityCase):
    """A review is recorded in the reviewer's own name, and after it took place."""

    # hole 3
    def test_a_review_is_recorded_in_the_reviewers_own_name(self):
        Review = self.env["mm.case.review"].with_user(self.mentor_a2)  # the team lead
        for outsider in (self.elsewhere["mentor"], self.mentor_b):
            with self.subTest(reviewer=outsider.login):
                with self.assertRefused(AccessError, "set by the system"):
                    Review.create(
                        {"mentorship_id": self.mentorship_a.id, "reviewer_id": outsider.id}
                    )
                with self.assertRefused(AccessError, "set by the system"):
                    Review.with_context(default_reviewer_id=outsider.id).create(
                        {"mentorship_id": self.mentorship_a.id}
                    )
        review = Review.create({"mentorship_id": self.mentorship_a.id, "followup": "Budget"})
        self.assertEqual(review.reviewer_id, self.mentor_a2)
        with self.assertRefused(AccessError, "set by the system"):
            review.reviewer_id = self.mentor_b
        # a follow-up on a file without a mentor is the reviewer's own to-do
        self.mentorship_a.user_id = False
        review = Review.create({"mentorship_id": self.mentorship_a.id, "followup": "Find a mentor"})
        self.assertEqual(
            self.mentorship_a.activity_ids.filtered(lambda a: a.summary == "Find a mentor").user_id,
            self.mentor_a2,
        )

    # hole 8
    def test_a_review_took_place_already(self):
        today = fields.Date.context_today(self.env["mm.case.review"])
        Review = self.env["mm.case.review"].with_user(self.mentor_a2)
        with self.assertRefused(ValidationError, "not in the future"):
            Review.create(
                {"mentorship_id": self.mentorship_a.id, "date": today + timedelta(days=1)}
            )
        review = Review.create({"mentorship_id": self.mentorship_a.id, "date": today})
        with self.assertRefused(ValidationError, "not in the future"):
            review.date = today + timedelta(days=365)
        self.assertEqual(self.mentorship_a.last_review_date, today)
