from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, tagged

from .common import MANAGER, MENTOR, login_user


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """A mentor in a real browser (headless Chromium)."""

    def _mentorship_of(self, login, resident):
        mentor = login_user(self.env, login, MENTOR)
        team = self.env["mm.team"].create(
            {"name": f"Team of {login}", "member_ids": [(6, 0, mentor.ids)]}
        )
        return self.env["mm.mentorship"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": resident}).id,
                "user_id": mentor.id,
                "team_id": team.id,
            }
        )

    def test_mentor_assesses_a_resident_on_the_bridge(self):
        mentorship = self._mentorship_of("tour_mentor", "Tour Resident")

        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_mentorship_action",
            "mm_assessment_tour",
            login="tour_mentor",
        )

        assessment = mentorship.assessment_ids
        self.assertEqual(assessment.state, "done")
        self.assertEqual(
            {line.dimension_id.code: line.level for line in assessment.line_ids},
            dict.fromkeys(
                [
                    "housing",
                    "family",
                    "health",
                    "network",
                    "savings",
                    "education",
                    "work",
                    "income",
                ],
                3,
            )
            | {"debts": 1},
        )
        self.assertEqual(
            assessment.priority_pillar_ids, self.env.ref("mobility_mentoring.pillar_financial")
        )
        self.assertEqual(mentorship.bridge_score, 44.4)

    def test_mentor_records_outcome_values_on_an_assessment(self):
        mentorship = self._mentorship_of("tour_outcome", "Outcome Resident")
        for code, value in (("net_income", 1100), ("total_debts", 5000)):
            self.env["mm.outcome.measurement"].create(
                {
                    "mentorship_id": mentorship.id,
                    "indicator_id": self.env.ref(f"mobility_mentoring.outcome_{code}").id,
                    "date": "2025-01-10",
                    "value": value,
                }
            )

        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_mentorship_action",
            "mm_outcome_tour",
            login="tour_outcome",
        )

        self.assertRecordValues(
            mentorship.assessment_ids.outcome_ids.sorted(lambda m: m.indicator_id.sequence),
            [
                {
                    "indicator_id": self.env.ref("mobility_mentoring.outcome_net_income").id,
                    "kind": "measurement",
                    "value": 1100,
                },
                {
                    "indicator_id": self.env.ref("mobility_mentoring.outcome_total_debts").id,
                    "kind": "measurement",
                    "value": 4200,
                },
                {
                    "indicator_id": self.env.ref("mobility_mentoring.outcome_savings").id,
                    "kind": "baseline",
                    "value": 50,
                },
            ],
        )

    def test_mentor_adds_a_goal_and_actions_and_meets_the_limit(self):
        mentorship = self._mentorship_of("plan_mentor", "Plan Resident")

        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_goal_action", "mm_plan_tour", login="plan_mentor"
        )

        goal = mentorship.goal_ids
        self.assertEqual(goal.name, "Get the debts in one plan")
        self.assertEqual(goal.pillar_id, self.env.ref("mobility_mentoring.pillar_financial"))
        self.assertEqual(
            goal.action_ids.mapped("name"),
            ["Sort the post", "Call the debt counsellor", "List the creditors"],
        )

    def test_the_goals_kanban_shows_every_pillar_on_a_laptop_screen(self):
        self._mentorship_of("kanban_mentor", "Kanban Resident")
        self.assertEqual(self.browser_size, "1366x768")
        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_goal_action",
            "mm_goal_kanban_tour",
            login="kanban_mentor",
        )

    def test_mentor_logs_a_contact_from_the_kanban_in_two_clicks(self):
        mentorship = self._mentorship_of("contact_mentor", "Contact Resident")
        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_mentorship_action",
            "mm_contact_tour",
            login="contact_mentor",
        )
        self.assertEqual(mentorship.contact_ids.kind, "phone")
        self.assertEqual(mentorship.contact_ids.user_id.login, "contact_mentor")

    def test_a_manager_reads_movement_by_months_in_mentoring(self):
        login_user(self.env, "cohort_manager", MANAGER)
        today = date.today()
        levels = dict.fromkeys(self.env["mm.dimension"].search([]).mapped("code"), 2)
        long_ago = self._mentorship_of("cohort_mentor_1", "Cohort Resident 1")
        long_ago.date_start = today - relativedelta(months=8)
        recent = self._mentorship_of("cohort_mentor_2", "Cohort Resident 2")
        recent.date_start = today - relativedelta(months=2)
        Assessment = self.env["mm.assessment"]
        Assessment._create_from_levels(long_ago.id, long_ago.date_start, levels)
        Assessment._create_from_levels(
            long_ago.id, today - relativedelta(months=2), {**levels, "debts": 4}
        )
        Assessment._create_from_levels(recent.id, recent.date_start, levels)
        self.start_tour(
            "/odoo/action-mobility_mentoring.mm_bridge_snapshot_action",
            "mm_cohort_tour",
            login="cohort_manager",
        )
