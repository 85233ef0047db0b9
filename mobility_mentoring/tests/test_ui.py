from odoo.tests import HttpCase, tagged

from .common import MENTOR


@tagged("post_install", "-at_install")
class TestAssessmentTour(HttpCase):
    def test_mentor_assesses_a_resident_on_the_bridge(self):
        mentor = self.env["res.users"].create(
            {
                "name": "Tour Mentor",
                "login": "tour_mentor",
                "password": "tour_mentor",
                "groups_id": [(6, 0, self.env.ref(MENTOR).ids)],
            }
        )
        team = self.env["mm.team"].create({"name": "Tour team", "member_ids": [(6, 0, mentor.ids)]})
        mentorship = self.env["mm.mentorship"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Tour Resident"}).id,
                "user_id": mentor.id,
                "team_id": team.id,
            }
        )

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


@tagged("post_install", "-at_install")
class TestPlanTour(HttpCase):
    def test_mentor_adds_a_goal_and_actions_and_meets_the_limit(self):
        mentor = self.env["res.users"].create(
            {
                "name": "Plan Mentor",
                "login": "plan_mentor",
                "password": "plan_mentor",
                "groups_id": [(6, 0, self.env.ref(MENTOR).ids)],
            }
        )
        team = self.env["mm.team"].create({"name": "Plan team", "member_ids": [(6, 0, mentor.ids)]})
        mentorship = self.env["mm.mentorship"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Plan Resident"}).id,
                "user_id": mentor.id,
                "team_id": team.id,
            }
        )

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
