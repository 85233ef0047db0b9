from datetime import datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import MobilityMentoringCase

# Queries to load the mentorships kanban as a mentor, and the Fidelity pivot as a
# manager: the same for a few contact moments or many (no query per record).
KANBAN, FIDELITY_PIVOT = 9, 4


@tagged("post_install", "-at_install")
class TestMonitoringPerformance(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        residents = cls.env["res.partner"].create([{"name": f"Busy {n}"} for n in range(4)])
        cls.mentorships = cls.mentorship_a | cls.env["mm.mentorship"].create(
            [
                {"partner_id": partner.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
                for partner in residents
            ]
        )

    def _contacts(self, per_mentorship):
        start = datetime(2026, 1, 5, 10)
        self.env["mm.contact"].sudo().create(
            [
                {
                    "mentorship_id": mentorship.id,
                    "user_id": self.mentor_a.id,
                    "date": start + timedelta(days=n),
                    "duration": 45,
                }
                for mentorship in self.mentorships
                for n in range(per_mentorship)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()

    def _kanban_specification(self):
        Mentorship = self.env["mm.mentorship"]
        view = Mentorship.get_views([(False, "kanban")])
        fields = view["models"]["mm.mentorship"]["fields"]
        return {
            fname: {"fields": {"display_name": {}}} if Mentorship._fields[fname].relational else {}
            for fname in fields
        }

    def _load_kanban(self):
        specification = self._kanban_specification()
        self.env.invalidate_all()
        with self.assertQueryCount(KANBAN):
            result = self.env["mm.mentorship"].web_search_read(
                [("state", "=", "active")], specification, limit=40
            )
        self.assertEqual(result["length"], len(self.mentorships))

    def _load_fidelity_pivot(self):
        self.env.invalidate_all()
        with self.assertQueryCount(FIDELITY_PIVOT):
            groups = self.env["mm.mentorship"].read_group(
                [("state", "in", ("active", "paused"))],
                ["contact_hours:sum", "months_in_mentoring:avg", "__count"],
                ["team_id", "user_id", "fidelity_ok"],
                lazy=False,
            )
        self.assertTrue(groups)

    @users("mentor_a_test")
    @warmup
    def test_kanban_with_a_few_contacts(self):
        self._contacts(1)
        self._load_kanban()

    @users("mentor_a_test")
    @warmup
    def test_kanban_with_many_contacts(self):
        self._contacts(30)
        self._load_kanban()

    @users("manager_test")
    @warmup
    def test_fidelity_pivot_with_a_few_contacts(self):
        self._contacts(1)
        self._load_fidelity_pivot()

    @users("manager_test")
    @warmup
    def test_fidelity_pivot_with_many_contacts(self):
        self._contacts(30)
        self._load_fidelity_pivot()
