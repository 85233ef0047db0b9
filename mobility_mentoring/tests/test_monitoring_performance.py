from datetime import date, datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import MobilityMentoringCase

# Queries to load the mentorships kanban as a mentor, and the Fidelity pivot as a
# manager: the same for a few contact moments or many (no query per record); and the
# team monitoring figures, the same for 5 mentorships or 25.
KANBAN, FIDELITY_PIVOT, TEAM_FIGURES = 9, 4, 12
# back office opening one resident's client context: the same for a short or long plan
CLIENT_CONTEXT = 12


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

    def _team_figures(self, extra_residents):
        partners = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Extra {n}"} for n in range(extra_residents)])
        )
        mentorships = (
            self.env["mm.mentorship"]
            .sudo()
            .create(
                [
                    {"partner_id": p.id, "user_id": self.mentor_a2.id, "team_id": self.team_a.id}
                    for p in partners
                ]
            )
        )
        for mentorship in self.mentorships | mentorships:
            self._done_assessment(mentorship, self._levels(2), date="2026-01-10")
            self._done_assessment(mentorship, self._levels(3), date="2026-03-10")
        self.env.flush_all()
        self.env.invalidate_all()
        monitoring = self.env["report.mobility_mentoring.report_team_monitoring"]
        with self.assertQueryCount(TEAM_FIGURES):
            figures = monitoring._figures(
                self.team_a.with_env(self.env), date(2026, 1, 1), date(2026, 12, 31)
            )
        self.assertEqual(figures["assessed"], len(self.mentorships) + extra_residents)

    def _client_context(self, actions):
        goal = self._goal(self.mentorship_a)
        for n in range(actions):  # one by one: done ones leave room under the limits
            self.env["mm.action"].sudo().create(
                {"goal_id": goal.id, "name": f"Done {n}", "deadline": "2026-01-31"}
            ).action_done()
        self.env.flush_all()
        view = self.env.ref("mobility_mentoring.mm_mentorship_view_form_client_context")
        Mentorship = self.env["mm.mentorship"]
        described = Mentorship.get_views([(view.id, "form")])["models"]["mm.mentorship"]
        specification = {
            fname: {"fields": {"display_name": {}}} if Mentorship._fields[fname].relational else {}
            for fname in described["fields"]
        }
        self.env.invalidate_all()
        with self.assertQueryCount(CLIENT_CONTEXT):
            Mentorship.with_context(mm_client_context=True).browse(self.mentorship_a.id).web_read(
                specification
            )

    @users("backoffice_test")
    @warmup
    def test_client_context_with_two_actions(self):
        self._client_context(2)

    @users("backoffice_test")
    @warmup
    def test_client_context_with_five_actions(self):
        self._client_context(5)

    @users("manager_test")
    @warmup
    def test_team_figures_for_five_residents(self):
        self._team_figures(0)

    @users("manager_test")
    @warmup
    def test_team_figures_for_twenty_five_residents(self):
        self._team_figures(20)

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
