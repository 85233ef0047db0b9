from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestActionLimitConcurrency(TransactionCase):
    """Two mentors save the last allowed action for the same resident at the same time,
    each in a transaction of their own: they must never both commit. Real, committed
    transactions on two cursors; the test cleans up after itself."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
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
            self.ids = {"team": team.id, "partner": partner.id, "rule": rule.id, "goals": goals.ids}
        self.addCleanup(self._remove_committed_records)

    def _remove_committed_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mentorships = env["mm.mentorship"].search([("team_id", "=", self.ids["team"])])
            mentorships.unlink()
            env["mm.action.limit"].browse(self.ids["rule"]).unlink()
            env["mm.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _add_action(self, env, goal_id, name):
        env["mm.action"].create({"goal_id": goal_id, "name": name, "deadline": "2030-02-01"})
        env.flush_all()

    def test_two_transactions_never_both_take_the_last_place(self):
        goal_1, goal_2 = self.ids["goals"]
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, SUPERUSER_ID, {})
            env_2 = api.Environment(cr_2, SUPERUSER_ID, {})
            # both transactions start (take their snapshot) before either commits
            for env in (env_1, env_2):
                self.assertEqual(
                    env["mm.action"].search_count([("goal_id", "in", self.ids["goals"])]), 1
                )

            self._add_action(env_1, goal_1, "Mentor one's action")
            cr_1.commit()

            with self.assertRaises(SerializationFailure):
                self._add_action(env_2, goal_2, "Mentor two's action")
            cr_2.rollback()

            # Odoo retries a request that failed to serialise; the retry sees the place taken
            with self.assertRaisesRegex(ValidationError, "allows 2 open actions"):
                self._add_action(env_2, goal_2, "Mentor two's action")
            cr_2.rollback()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            open_actions = env["mm.action"].search([("goal_id", "in", self.ids["goals"])])
            self.assertEqual(open_actions.mapped("name"), ["Already open", "Mentor one's action"])

    def test_the_second_writer_waits_for_the_first(self):
        """While the first transaction is open, the second cannot take the lock."""
        goal_1, goal_2 = self.ids["goals"]
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, SUPERUSER_ID, {})
            env_2 = api.Environment(cr_2, SUPERUSER_ID, {})
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
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mm.mentorship"].search([("partner_id", "=", partner_id)]).action_close()
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, SUPERUSER_ID, {})
            env_2 = api.Environment(cr_2, SUPERUSER_ID, {})
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
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["mm.mentorship"].search_count(
                    [("partner_id", "=", partner_id), ("state", "=", "active")]
                ),
                1,
            )
