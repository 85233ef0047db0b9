from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import users, warmup
from odoo.tools import file_open

from ..exceptions import ActionLimitReached
from .common import ConcurrencyCase, MobilityMentoringCase


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

    def test_refusal_is_the_class_the_web_client_titles(self):
        """The web client picks its dialog by the exception's full class name
        (static/src/errors/action_limit_dialog.js; the plan tour sees the title)."""
        self._rule("mentorship", 1)
        self._actions(self.debts, 1)
        with self.assertRaises(ActionLimitReached) as refusal:
            self._actions(self.health, 1)
        exception = type(refusal.exception)
        dialog = "odoo.addons.mobility_mentoring.exceptions.ActionLimitReached"
        self.assertEqual(f"{exception.__module__}.{exception.__name__}", dialog)
        with file_open("mobility_mentoring/static/src/errors/action_limit_dialog.js") as js:
            self.assertIn(f'"{dialog}"', js.read())

    def test_refusal_names_the_open_actions_and_deadlines(self):
        self._rule("mentorship", 1)
        self._actions(self.debts, 1, deadline="2030-02-01", prefix="Call the bank")
        with self.assertRaises(ValidationError) as refusal:
            self._actions(self.health, 1, deadline="2030-03-01", prefix="Book the GP")
        message = str(refusal.exception)
        self.assertIn("Call the bank 1 (due 02/01/2030)", message)
        self.assertIn("Mark one as done or cancel it first.", message)

    def test_refusal_counts_the_refused_action_apart_from_those_open_before(self):
        self._rule("mentorship", 1)
        bank = self._actions(self.debts, 1, deadline="2030-02-01", prefix="Call the bank")
        with self.assertRaises(ValidationError) as refusal:
            self._actions(self.health, 1, deadline="2030-03-01", prefix="Book the GP")
        refused, already_open = str(refusal.exception).split("Already open:")
        self.assertIn("there is no room for “Book the GP 1”", refused)
        self.assertIn("Call the bank 1", already_open)
        self.assertNotIn("Book the GP", already_open)
        bank.action_done()
        with self.assertRefused(
            ValidationError, "so “Batch 1”, “Batch 2” cannot all be open at once"
        ):
            self._actions(self.savings, 2, prefix="Batch")

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
        ) as refusal:
            self.env["mm.action"].with_context(lang="nl_NL").create(
                {"goal_id": self.debts.id, "name": "Nog een", "deadline": "2030-01-01"}
            )
        refused, already_open = str(refusal.exception).split("Al open:")
        self.assertIn("dus er is geen plaats voor “Nog een”", refused)
        self.assertNotIn("Nog een", already_open)
        self.assertIn("Bel de bank 1 (uiterlijk 31-01-2030)", already_open)


# Query counts, pinned: creating an action under a limit of each scope
ACTION_CREATE = 26


@tagged("post_install", "-at_install")
class TestActionLimitPerformance(MobilityMentoringCase):
    """Creating an action with a limit of each scope active costs the same whether the
    resident has two open actions or twenty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["mm.action.limit"].create(
            [
                {"name": f"Limit per {scope}", "scope": scope, "max_open": 50}
                for scope in ("mentorship", "pillar", "goal")
            ]
        )
        cls.mentorship_a_new = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
        )
        cls.few = cls._goal_with_actions(cls.mentorship_a, 2)
        cls.many = cls._goal_with_actions(cls.mentorship_a_new, 20)

    @classmethod
    def _goal_with_actions(cls, mentorship, count):
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "Goal",
            }
        )
        cls.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": f"Action {n}", "deadline": "2030-01-01"}
                for n in range(count)
            ]
        )
        return goal

    @users("mentor_a_test")
    @warmup
    def test_action_when_two_are_open(self):
        self._create_action(self.few)

    @users("mentor_a_test")
    @warmup
    def test_action_when_twenty_are_open(self):
        self._create_action(self.many)

    def _create_action(self, goal):
        with self.assertQueryCount(ACTION_CREATE):
            self.env["mm.action"].create(
                {"goal_id": goal.id, "name": "Call the bank", "deadline": "2030-02-01"}
            )


# Concurrency: real, committed transactions on two cursors
@tagged("post_install", "-at_install")
class TestActionLimitConcurrency(ConcurrencyCase):
    """Two mentors save the last allowed action for the same resident at the same time,
    each in a transaction of their own: they must never both commit."""

    def _commit_records(self, env):
        team = env["mm.team"].create({"name": "Concurrency team"})
        partner = env["res.partner"].create({"name": "Concurrency resident"})
        mentorship = env["mm.mentorship"].create({"partner_id": partner.id, "team_id": team.id})
        pillar = env.ref("mobility_mentoring.pillar_financial")
        goals = env["mm.goal"].create(
            [
                {"mentorship_id": mentorship.id, "pillar_id": pillar.id, "name": f"Goal {n}"}
                for n in (1, 2)
            ]
        )
        rule = env["mm.action.limit"].create(
            {
                "name": "Two at most",
                "scope": "mentorship",
                "max_open": 2,
                "team_ids": [(6, 0, team.ids)],
            }
        )
        env["mm.action"].create(
            {"goal_id": goals[0].id, "name": "Already open", "deadline": "2030-01-01"}
        )
        return {"team": team.id, "partner": partner.id, "rule": rule.id, "goals": goals.ids}

    def _remove_committed_records(self, env):
        env["mm.mentorship"].search([("team_id", "=", self.ids["team"])]).unlink()
        env["mm.action.limit"].browse(self.ids["rule"]).unlink()
        env["mm.team"].browse(self.ids["team"]).unlink()
        env["res.partner"].browse(self.ids["partner"]).unlink()

    def _add_action(self, env, goal_id, name):
        env["mm.action"].create({"goal_id": goal_id, "name": name, "deadline": "2030-02-01"})
        env.flush_all()

    def test_two_transactions_never_both_take_the_last_place(self):
        goal_1, goal_2 = self.ids["goals"]

        def one_open_action(env):
            self.assertEqual(
                env["mm.action"].search_count([("goal_id", "in", self.ids["goals"])]), 1
            )

        self._assert_the_second_loses(
            lambda env: self._add_action(env, goal_1, "Mentor one's action"),
            lambda env: self._add_action(env, goal_2, "Mentor two's action"),
            ValidationError,
            "allows 2 open actions",
            snapshot=one_open_action,
        )
        with self._committed() as env:
            open_actions = env["mm.action"].search([("goal_id", "in", self.ids["goals"])])
            self.assertEqual(open_actions.mapped("name"), ["Already open", "Mentor one's action"])

    def test_the_second_writer_waits_for_the_first(self):
        """While the first transaction is open, the second cannot take the lock."""
        goal_1, goal_2 = self.ids["goals"]
        with self._two_transactions() as (env_1, env_2):
            cr_1, cr_2 = env_1.cr, env_2.cr
            self._add_action(env_1, goal_1, "Mentor one's action")
            cr_2.execute("SET LOCAL lock_timeout = '200ms'")
            with self.assertRaisesRegex(Exception, "lock timeout"):
                self._add_action(env_2, goal_2, "Mentor two's action")
            cr_2.rollback()
            cr_1.rollback()

    def test_two_transactions_never_both_start_an_active_mentorship(self):
        """The Python check cannot see a mentorship that another transaction committed
        after this one began; the deferred exclusion constraint refuses it at commit."""
        partner_id, team_id = self.ids["partner"], self.ids["team"]
        with self._committed() as env:
            env["mm.mentorship"].search([("partner_id", "=", partner_id)]).action_close()
        with self._two_transactions() as (env_1, env_2):
            cr_1, cr_2 = env_1.cr, env_2.cr
            env_2["mm.mentorship"].search_count([])  # the second transaction has begun
            # without a mentor: the caseload check would serialise the two on the mentor
            vals = {"partner_id": partner_id, "team_id": team_id, "user_id": False}
            env_1["mm.mentorship"].create(vals)
            env_1.flush_all()
            cr_1.commit()
            env_2["mm.mentorship"].create(vals)
            env_2.flush_all()
            with self.assertRaises(IntegrityError):
                cr_2.commit()
            cr_2.rollback()
        with self._committed() as env:
            self.assertEqual(
                env["mm.mentorship"].search_count(
                    [("partner_id", "=", partner_id), ("state", "=", "active")]
                ),
                1,
            )
