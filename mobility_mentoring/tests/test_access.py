from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MENTOR, MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestAccess(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment_a = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.assessment_b = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_b.id})

    def test_mentor_sees_and_edits_own_team_only(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a2)
        self.assertEqual(Mentorship.search([]), self.mentorship_a)
        self.assertEqual(Mentorship.search_count([("partner_id", "=", self.resident_b.id)]), 0)
        self.assertEqual(
            self.env["mm.assessment"].with_user(self.mentor_a2).search([]), self.assessment_a
        )
        self.assertEqual(
            self.env["mm.assessment.line"].with_user(self.mentor_a2).search([]).assessment_id,
            self.assessment_a,
        )
        self.mentorship_a.with_user(self.mentor_a2).write({"resident_reminders": False})
        self.assessment_a.line_ids[0].with_user(self.mentor_a2).step_id = self._step(
            self.assessment_a.line_ids[0].dimension_id.code, 2
        )

    def test_mentor_of_team_a_cannot_read_or_write_team_b(self):
        changes = [
            (self.mentorship_b, {"date_start": "2025-01-01"}),
            (self.assessment_b, {"note": "Seen"}),
            (self.assessment_b.line_ids[0], {"is_priority": True}),
        ]
        for record, values in changes:
            as_mentor = record.with_user(self.mentor_a)
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    as_mentor.read(["display_name"])
                with self.assertRaises(AccessError):
                    as_mentor.write(values)
        with self.assertRaises(AccessError):
            self.env["mm.assessment"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_b.id}
            )
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(self.mentor_a).create(
                {
                    "partner_id": self.resident_c.id,
                    "team_id": self.team_b.id,
                    "user_id": self.mentor_b.id,
                }
            )

    def test_read_group_and_name_search_leak_nothing(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a)
        groups = Mentorship._read_group([], ["team_id"], ["__count"])
        self.assertEqual(groups, [(self.team_a.with_user(self.mentor_a), 1)])
        self.assertFalse(Mentorship.name_search("Resident B"))

    def test_mentor_assigned_outside_their_teams_sees_their_own(self):
        self.mentorship_b.user_id = self.mentor_a
        self.assertIn(
            self.mentorship_b, self.env["mm.mentorship"].with_user(self.mentor_a).search([])
        )

    def test_team_leader_sees_the_team(self):
        leader = self._user("leader_test", MENTOR)
        self.team_b.leader_id = leader
        self.assertEqual(self.env["mm.mentorship"].with_user(leader).search([]), self.mentorship_b)

    def test_manager_sees_all_and_configures(self):
        self.assertEqual(
            self.env["mm.mentorship"].with_user(self.manager).search([])
            & (self.mentorship_a | self.mentorship_b),
            self.mentorship_a | self.mentorship_b,
        )
        pillar = self.env.ref("mobility_mentoring.pillar_financial").with_user(self.manager)
        pillar.name = "Money"
        self.env["mm.team"].with_user(self.manager).create({"name": "Team C"})

    def test_mentor_cannot_configure(self):
        pillar = self.env.ref("mobility_mentoring.pillar_financial").with_user(self.mentor_a)
        with self.assertRaises(AccessError):
            pillar.name = "Money"
        with self.assertRaises(AccessError):
            self.env["mm.step"].with_user(self.mentor_a).create(
                {
                    "dimension_id": self.env.ref("mobility_mentoring.dimension_debts").id,
                    "level": 6,
                    "name": "x",
                }
            )
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.mentor_a).member_ids = [(4, self.mentor_b.id)]
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.mentor_a).unlink()

    def test_backoffice_reads_everything_and_writes_nothing(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        self.assertEqual(
            Mentorship.search([("id", "in", (self.mentorship_a | self.mentorship_b).ids)]),
            self.mentorship_a | self.mentorship_b,
        )
        self.assessment_b.line_ids.with_user(self.backoffice).read(["step_id", "is_priority"])
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice).write({"date_start": "2025-01-01"})
        with self.assertRaises(AccessError):
            self.env["mm.assessment"].with_user(self.backoffice).create(
                {"mentorship_id": self.mentorship_a.id}
            )
        with self.assertRaises(AccessError):
            self.assessment_a.line_ids[0].with_user(self.backoffice).write({"is_priority": True})
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice).unlink()

    def test_user_without_mobility_mentoring_group_sees_nothing(self):
        employee = self._user("employee_test", "base.group_user")
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(employee).search([])
        # the contact form still opens: the smart button's fields are group-restricted
        self.resident_a.with_user(employee).read(["name"])
        self.assertNotIn(
            "mm_mentorship_count", self.env["res.partner"].with_user(employee).fields_get()
        )

    def test_companies_are_separated(self):
        other_company = self.env["res.company"].create({"name": "Other municipality"})
        other_mentor = self._user(
            "other_mentor_test",
            MENTOR,
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        other_team = self.env["mm.team"].create(
            {
                "name": "Elsewhere",
                "company_id": other_company.id,
                "member_ids": [(6, 0, other_mentor.ids)],
            }
        )
        other_mentorship = self.env["mm.mentorship"].create(
            {"partner_id": self.resident_c.id, "team_id": other_team.id, "user_id": other_mentor.id}
        )
        self.assertEqual(other_mentorship.company_id, other_company)
        self.assertEqual(
            self.env["mm.mentorship"].with_user(other_mentor).search([]), other_mentorship
        )
        for user in (self.manager, self.backoffice):
            self.assertNotIn(other_mentorship, self.env["mm.mentorship"].with_user(user).search([]))
            self.assertNotIn(other_team, self.env["mm.team"].with_user(user).search([]))
            with self.assertRaises(AccessError):
                other_mentorship.with_user(user).read(["partner_id"])

    def test_done_assessment_needs_a_manager_to_change(self):
        done = self._done_assessment(self.mentorship_a, self._levels(3))
        with self.assertRaises(UserError):
            done.with_user(self.mentor_a).write({"date": "2025-03-03"})
        done.with_user(self.manager).write({"date": "2025-03-03"})
