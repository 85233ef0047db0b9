from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestActionLimit(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the shipped defaults are tested apart; each test sets its own rules
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.debts = cls._goal_for(cls.mentorship_a, "financial", "Get debts in a plan")
        cls.savings = cls._goal_for(cls.mentorship_a, "financial", "Save 10 euros a week")
        cls.health = cls._goal_for(cls.mentorship_a, "wellbeing", "See the GP")

    @classmethod
    def _goal_for(cls, mentorship, pillar, name):
        return cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref(f"mobility_mentoring.pillar_{pillar}").id,
                "name": name,
            }
        )

    def _rule(self, scope, max_open, **values):
        return self.env["mm.action.limit"].create(
            {
                "name": f"At most {max_open} ({scope})",
                "scope": scope,
                "max_open": max_open,
                **values,
            }
        )

    def test_per_resident(self):
        self._rule("mentorship", 2)
        first = self._actions(self.debts, 1, deadline="2030-02-01", prefix="Call the bank")
        self._actions(self.health, 1, deadline="2030-03-01", prefix="Book the GP")
        with self.assertRefused(
            ValidationError, r"“At most 2 \(mentorship\)” allows 2 open actions for Resident A"
        ):
            self._actions(self.savings, 1)
        first.action_done()
        self._actions(self.savings, 1)

    def test_refusal_names_the_open_actions_and_deadlines(self):
        self._rule("mentorship", 1)
        self._actions(self.debts, 1, deadline="2030-02-01", prefix="Call the bank")
        with self.assertRaises(ValidationError) as refusal:
            self._actions(self.health, 1, deadline="2030-03-01", prefix="Book the GP")
        message = str(refusal.exception)
        self.assertIn("Call the bank 1 (due 02/01/2030)", message)
        self.assertIn("Mark one as done or cancel it first.", message)

    def test_cancelled_and_done_make_room(self):
        self._rule("mentorship", 1)
        action = self._actions(self.debts, 1)
        action.action_cancel()
        second = self._actions(self.debts, 1, prefix="Second")
        second.action_done()
        self._actions(self.debts, 1, prefix="Third")

    def test_per_resident_and_pillar(self):
        self._rule("pillar", 1)
        self._actions(self.debts, 1)
        with self.assertRefused(ValidationError, "Resident A in Financial management"):
            self._actions(self.savings, 1)
        self._actions(self.health, 1)

    def test_per_goal(self):
        self._rule("goal", 2)
        self._actions(self.debts, 2)
        with self.assertRefused(ValidationError, "the goal Get debts in a plan"):
            self._actions(self.debts, 1, prefix="Third")
        self._actions(self.savings, 2)

    def test_reopen_refused_when_full(self):
        self._rule("goal", 1)
        done = self._actions(self.debts, 1)
        done.action_done()
        self._actions(self.debts, 1, prefix="Next")
        with self.assertRefused(ValidationError, "allows 1 open actions"):
            done.action_reopen()
        self.assertEqual(done.state, "done")

    def test_moving_an_open_action_to_a_full_goal(self):
        self._rule("goal", 2)
        self._actions(self.debts, 2)
        moving = self._actions(self.savings, 1)
        with self.assertRefused(ValidationError, "the goal Get debts in a plan"):
            moving.goal_id = self.debts
        done = self._actions(self.savings, 1, prefix="Done one")
        done.action_done()
        done.goal_id = self.debts  # a done action takes no room

    def test_batch_create_is_checked_as_a_whole(self):
        self._rule("mentorship", 3)
        self._actions(self.debts, 1)
        with self.assertRefused(ValidationError, "allows 3 open actions"):
            self.env["mm.action"].create(
                [
                    {"goal_id": self.savings.id, "name": "Batch 1", "deadline": "2030-01-01"},
                    {"goal_id": self.health.id, "name": "Batch 2", "deadline": "2030-01-01"},
                    {"goal_id": self.health.id, "name": "Batch 3", "deadline": "2030-01-01"},
                ]
            )
        self.assertEqual(self.mentorship_a.open_action_count, 1)
        self._actions(self.health, 2)

    def test_inactive_rules_other_teams_and_companies_are_ignored(self):
        self._rule("mentorship", 1, active=False)
        self._rule("mentorship", 1, team_ids=[(6, 0, self.team_b.ids)])
        self._rule(
            "mentorship", 1, company_id=self.env["res.company"].create({"name": "Elsewhere"}).id
        )
        self._actions(self.debts, 3)
        goal_b = self._goal_for(self.mentorship_b, "financial", "Team B goal")
        self._actions(goal_b, 1)
        with self.assertRefused(ValidationError, "Resident B"):
            self._actions(goal_b, 1, prefix="Second")

    def test_managers_exception_for_one_resident_until_its_end_date(self):
        self._rule("mentorship", 2)
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.mentor_a).action_limit_exception = 4
        self.mentorship_a.with_user(self.manager).write(
            {
                "action_limit_exception": 4,
                "action_limit_exception_reason": "Moving house: many small steps",
                "action_limit_exception_until": "2999-12-31",
            }
        )
        self.env.flush_all()
        self.assertIn(
            "at most 4 open actions until 12/31/2999",
            self.mentorship_a.message_ids[0].body,
        )
        self._actions(self.debts, 4)
        with self.assertRefused(ValidationError, "allows 4 open actions"):
            self._actions(self.health, 1)
        self.mentorship_a.action_limit_exception_until = "2000-01-01"  # ended
        with self.assertRefused(ValidationError, "allows 2 open actions"):
            self._actions(self.health, 1)

    def test_exception_needs_a_reason_and_an_end_date(self):
        with self.assertRefused(ValidationError, "needs a reason and an end date"):
            self.mentorship_a.action_limit_exception = 8

    def test_exception_ending_today_still_applies(self):
        self._rule("mentorship", 1)
        today = fields.Date.context_today(self.mentorship_a)  # the user's today
        self.mentorship_a.write(
            {
                "action_limit_exception": 2,
                "action_limit_exception_reason": "Short crisis",
                "action_limit_exception_until": today,
            }
        )
        self._actions(self.debts, 2)

    def test_room_left_is_shown(self):
        self._rule("mentorship", 5, name="At most 5 per resident")
        self._rule("goal", 3, name="At most 3 per goal")
        self._actions(self.debts, 2)
        self.assertIn(
            "2 of 5 open actions (At most 5 per resident)", self.mentorship_a.action_limit_summary
        )
        self.assertEqual(self.debts.open_action_room, "2 of 3 open actions (At most 3 per goal)")
        self.assertEqual(self.health.open_action_room, "0 of 3 open actions (At most 3 per goal)")

    def test_the_shipped_defaults(self):
        self.env["mm.action.limit"].with_context(active_test=False).search([]).action_unarchive()
        self._actions(self.debts, 3)
        with self.assertRefused(ValidationError, "At most 3 open actions per goal"):
            self._actions(self.debts, 1, prefix="Fourth")
        self._actions(self.savings, 2)
        with self.assertRefused(ValidationError, "At most 5 open actions per resident"):
            self._actions(self.health, 1)

    def test_refusal_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.env["mm.action.limit"].with_context(active_test=False).search(
            [("scope", "=", "goal")]
        ).action_unarchive()
        self._actions(self.debts, 3, prefix="Bel de bank")
        with self.assertRefused(
            ValidationError, "Geen open acties meer: de regel “Maximaal 3 open acties per doel”"
        ):
            self.env["mm.action"].with_context(lang="nl_NL").create(
                {"goal_id": self.debts.id, "name": "Nog een", "deadline": "2030-01-01"}
            )
