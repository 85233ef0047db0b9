from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase

MENTOR = "mobility_mentoring.group_mm_mentor"


@tagged("post_install", "-at_install")
class TestIntervisie(MobilityMentoringCase):
    """A team's intervisie, recorded once, is a case review of each file discussed;
    its note is the team's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._user("team_lead_test", MENTOR)
        cls.team_a.leader_id = cls.lead
        cls.today = fields.Date.context_today(cls.env["mm.mentorship"])
        cls.mentorship_c = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a2.id, "team_id": cls.team_a.id}
        )
        (cls.mentorship_a | cls.mentorship_c).date_start = cls.today - timedelta(weeks=20)

    def _intervisie(self, *mentorships, user=None, days_ago=2, team=None):
        return (
            self.env["mm.intervisie"]
            .with_user(user or self.lead)
            .create(
                {
                    "team_id": (team or self.team_a).id,
                    "date": self.today - timedelta(days=days_ago),
                    "note": "What we learnt ALPHA",
                    "review_ids": [
                        (0, 0, {"mentorship_id": mentorship.id, "note": f"About {mentorship.id}"})
                        for mentorship in mentorships
                    ],
                }
            )
        )

    def test_one_intervisie_is_a_case_review_of_each_file_discussed(self):
        both = self.mentorship_a | self.mentorship_c
        self.assertEqual(both.filtered("review_due"), both)
        intervisie = self._intervisie(self.mentorship_a, self.mentorship_c)
        reviews = intervisie.review_ids
        self.assertEqual(reviews.mentorship_id, both)
        self.assertEqual(set(reviews.mapped("date")), {self.today - timedelta(days=2)})
        self.assertEqual(reviews.mapped("mentor_id"), self.mentor_a | self.mentor_a2)
        self.assertEqual(reviews.reviewer_id, self.lead)
        self.assertEqual(set(both.mapped("last_review_date")), {self.today - timedelta(days=2)})
        self.assertFalse(both.filtered("review_due"))
        self.assertEqual(intervisie.review_count, 2)
        self.assertEqual(
            self.env["mm.mentorship"].search([("review_due", "=", True), ("id", "in", both.ids)]),
            self.env["mm.mentorship"],
        )

        # its date is the reviews' date, changed in one place
        intervisie.date = self.today
        self.assertEqual(set(both.mapped("last_review_date")), {self.today})
        with self.assertRefused(ValidationError, "takes its date"):
            reviews[0].with_user(self.lead).date = self.today - timedelta(days=5)

    def test_the_team_lead_or_a_manager_records_it(self):
        with self.assertRefused(AccessError, "Only the team lead or a manager"):
            self._intervisie(self.mentorship_a, user=self.mentor_a)
        self.assertTrue(self._intervisie(self.mentorship_a, user=self.manager))
        intervisie = self._intervisie(self.mentorship_a)
        with self.assertRefused(AccessError, "Only the team lead or a manager"):
            intervisie.with_user(self.mentor_a).note = "Changed"
        # a file added by another way than its form is checked alike
        with self.assertRefused(AccessError, "Only the team lead or a manager"):
            self.env["mm.case.review"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_a.id, "intervisie_id": intervisie.id}
            )
        self.assertEqual(intervisie.with_user(self.lead).reviewer_id, self.lead)
        # in their own name, whatever the client sends, also as a default
        with self.assertRefused(AccessError, "in your own name"):
            self.env["mm.intervisie"].with_user(self.lead).with_context(
                default_reviewer_id=self.mentor_a.id
            ).create({"team_id": self.team_a.id})
        with self.assertRefused(AccessError, "in your own name"):
            intervisie.with_user(self.lead).reviewer_id = self.manager

    def test_an_intervisie_deleted_takes_its_reviews_along_through_the_orm(self):
        intervisie = self._intervisie(self.mentorship_a, days_ago=3)
        self.assertEqual(self.mentorship_a.last_review_date, self.today - timedelta(days=3))
        intervisie.with_user(self.manager).unlink()
        self.assertFalse(self.mentorship_a.last_review_date)
        self.assertTrue(self.mentorship_a.review_due)

    def test_only_files_of_the_team_are_discussed_in_its_intervisie(self):
        with self.assertRefused(ValidationError, "Only files of team Team A"):
            self._intervisie(self.mentorship_a, self.mentorship_b, user=self.manager)
        intervisie = self._intervisie(self.mentorship_a)
        with self.assertRefused(UserError, "stays with its team"):
            intervisie.with_user(self.manager).team_id = self.team_b
        other = self.env["res.company"].create({"name": "Elsewhere"})
        with self.assertRefused(UserError, "stays with its team"):  # its stored company
            intervisie.with_user(self.lead).company_id = other
        with self.assertRaises(AccessError):  # team B's lead slips a file in
            self.team_b.leader_id = self.mentor_b
            self.env["mm.case.review"].with_user(self.mentor_b).create(
                {"mentorship_id": self.mentorship_b.id, "intervisie_id": intervisie.id}
            )

    def test_the_note_is_the_team_s(self):
        intervisie = self._intervisie(self.mentorship_a, self.mentorship_c)
        # a mentor of the team reads it, also about a file not theirs
        self.assertEqual(
            intervisie.with_user(self.mentor_a2).read(["note"])[0]["note"], "What we learnt ALPHA"
        )
        self.assertFalse(self.env["mm.intervisie"].with_user(self.mentor_b).search([]))
        with self.assertRaises(AccessError):
            intervisie.with_user(self.mentor_b).read(["note"])
        with self.assertRaises(AccessError):
            intervisie.with_user(self.backoffice).read(["date"])
        # back office reads that a review happened, not where or what
        Review = self.env["mm.case.review"].with_user(self.backoffice)
        review = Review.search([("mentorship_id", "=", self.mentorship_a.id)])
        self.assertEqual(review.read(["date"])[0]["date"], self.today - timedelta(days=2))
        for fname in ("intervisie_id", "note"):
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                review.read([fname])

    def test_export_and_anonymisation(self):
        self._intervisie(self.mentorship_a, self.mentorship_c)
        rows = self.resident_a._mm_export_data()["mentorships"][0]["case_reviews"]
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["in_intervisie"])
        self.assertEqual(rows[0]["note"], f"About {self.mentorship_a.id}")
        self.assertNotIn("What we learnt", str(rows), "the team's note is not one resident's")

        self.mentorship_a._anonymise()
        self.env.invalidate_all()
        self.assertEqual(self.mentorship_a.last_review_date, self.today - timedelta(days=2))
        self.assertFalse(self.mentorship_a.review_ids.note)
