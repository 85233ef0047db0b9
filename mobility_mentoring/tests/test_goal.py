from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestGoal(MobilityMentoringCase):
    def test_goal_from_a_priority_of_an_assessment(self):
        assessment = self._done_assessment(self.mentorship_a, self._levels(2), priorities=["debts"])
        line = assessment.line_ids.filtered("is_priority")
        action = line.action_create_goal()
        form = Form(self.env["mm.goal"].with_context(**action["context"]))
        self.assertEqual(form.mentorship_id, self.mentorship_a)
        self.assertEqual(form.pillar_id, self.env.ref("mobility_mentoring.pillar_financial"))
        self.assertEqual(form.dimension_id, self.env.ref("mobility_mentoring.dimension_debts"))
        form.name = "All post opened and sorted"
        goal = form.save()
        self.assertEqual(goal.assessment_line_id, line)
        self.assertEqual(goal.partner_id, self.resident_a)

    def test_the_drop_button_and_the_dropped_state_use_one_verb_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        Goal = self.env["mm.goal"].with_context(lang="nl_NL")
        states = dict(Goal.fields_get(["state"])["state"]["selection"])
        for xmlid in ("mm_goal_view_form", "mm_mentorship_view_form"):
            view = self.env.ref(f"mobility_mentoring.{xmlid}")
            model = self.env[view.model].with_context(lang="nl_NL")
            arch = etree.fromstring(model.get_view(view.id, "form")["arch"])
            buttons = {
                button.get("string") for button in arch.xpath("//button[@name='action_drop']")
            }
            self.assertEqual((buttons, states["dropped"]), ({"Loslaten"}, "Losgelaten"), xmlid)

    def test_dimension_and_target_step_must_fit(self):
        with self.assertRefused(ValidationError, "is not part of the pillar"):
            self._goal(
                self.mentorship_a,
                "wellbeing",
                dimension_id=self.env.ref("mobility_mentoring.dimension_debts").id,
            )
        with self.assertRefused(ValidationError, "target step must be a step of Debts"):
            self._goal(
                self.mentorship_a,
                dimension_id=self.env.ref("mobility_mentoring.dimension_debts").id,
                target_step_id=self._step("savings", 3).id,
            )

    def test_progress_leaves_cancelled_actions_out(self):
        goal = self._goal(self.mentorship_a)
        self.assertEqual(goal.progress, 0.0)
        first, second, third = self._actions(goal, 3)
        first.action_done()
        third.action_cancel()
        self.assertEqual(goal.progress, 50.0)
        self.assertEqual((goal.action_count, goal.open_action_count), (3, 1))
        second.action_done()
        self.assertEqual(goal.progress, 100.0)

    def test_achieving_with_open_actions_asks_the_mentor_per_action(self):
        goal = self._goal(self.mentorship_a).with_user(self.mentor_a)
        done, open_1, open_2 = self._actions(goal, 3).with_user(self.mentor_a)
        done.action_done()
        dialog = goal.action_achieve()
        self.assertEqual(dialog["res_model"], "mm.goal.close")
        self.assertEqual(goal.state, "open", "nothing changes silently")
        wizard = self.env["mm.goal.close"].with_user(self.mentor_a).browse(dialog["res_id"])
        self.assertEqual(wizard.line_ids.action_id, open_1 | open_2)
        wizard.line_ids[0].decision = "done"
        with self.assertRefused(UserError, "Decide for every open action"):
            wizard.action_confirm()
        wizard.line_ids[1].decision = "cancelled"
        wizard.action_confirm()
        self.assertEqual(
            (goal.state, open_1.state, open_2.state), ("achieved", "done", "cancelled")
        )
        self.assertTrue(goal.date_closed)

    def test_a_goal_with_open_actions_is_not_closed_by_a_plain_write(self):
        goal = self._goal(self.mentorship_a)
        self._actions(goal, 1)
        with self.assertRefused(UserError, "Decide first"):
            goal.write({"state": "achieved"})

    def test_drop_and_reopen(self):
        goal = self._goal(self.mentorship_a)
        goal.action_drop()
        self.assertEqual(goal.state, "dropped")
        with self.assertRefused(ValidationError, "is no longer open"):
            self._actions(goal, 1)
        with self.assertRefused(UserError, "Only an open goal"):
            goal.action_achieve()
        goal.action_reopen()
        self.assertFalse(goal.date_closed)
        self._actions(goal, 1)

    def test_every_pillar_is_a_column_of_the_goals_kanban(self):
        self._goal(self.mentorship_a, "financial")
        groups = (
            self.env["mm.goal"]
            .with_user(self.mentor_a)
            .read_group(
                [("mentorship_id", "=", self.mentorship_a.id)], ["pillar_id"], ["pillar_id"]
            )
        )
        self.assertEqual(
            [group["pillar_id"][1] for group in groups],
            [
                "Family stability",
                "Well-being",
                "Financial management",
                "Education and training",
                "Employment and career",
            ],
        )
        self.assertEqual([group["pillar_id_count"] for group in groups], [0, 0, 1, 0, 0])

    def test_actions_kanban_has_every_pillar_and_state(self):
        groups = self.env["mm.action"].read_group([("id", "=", 0)], ["state"], ["state"])
        self.assertEqual(
            [group["state"] for group in groups], ["open", "reported", "done", "cancelled"]
        )
        groups = self.env["mm.action"].read_group([("id", "=", 0)], ["pillar_id"], ["pillar_id"])
        self.assertEqual(len(groups), 5)

    def test_mentor_sees_goals_and_actions_of_own_team_only(self):
        goal_b = self._goal(self.mentorship_b, name="Team B goal")
        self._actions(goal_b, 1)
        goal_a = self._goal(self.mentorship_a)
        self._actions(goal_a, 1)
        self.assertEqual(self.env["mm.goal"].with_user(self.mentor_a).search([]), goal_a)
        self.assertEqual(self.env["mm.action"].with_user(self.mentor_a).search([]).goal_id, goal_a)
        self.assertEqual(
            self.env["mm.action"]
            .with_user(self.backoffice)
            .search([("goal_id", "in", (goal_a | goal_b).ids)])
            .goal_id,
            goal_a | goal_b,
        )
