from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestStateConcurrency(TransactionCase):
    """Two users mark the same action done at the same moment, each in a transaction
    of their own (found by `make load`): the second must not pass the check and earn
    the reward again, but be told the action is done. Real, committed transactions on
    two cursors; the test cleans up after itself."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            team = env["mm.team"].create({"name": "State race team"})
            partner = env["res.partner"].create({"name": "State race resident"})
            mentorship = env["mm.mentorship"].create(
                {"partner_id": partner.id, "team_id": team.id, "user_id": False}
            )
            goal = env["mm.goal"].create(
                {
                    "mentorship_id": mentorship.id,
                    "pillar_id": env.ref("mobility_mentoring.pillar_financial").id,
                    "name": "Race goal",
                }
            )
            action = env["mm.action"].create(
                {"goal_id": goal.id, "name": "Call the landlord", "deadline": "2030-01-01"}
            )
            self.ids = {"team": team.id, "partner": partner.id, "action": action.id}
        self.addCleanup(self._remove_committed_records)

    def _remove_committed_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mm.mentorship"].search([("team_id", "=", self.ids["team"])]).unlink()
            env["mm.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _done(self, env):
        env["mm.action"].browse(self.ids["action"]).action_done()
        env.flush_all()

    def test_two_users_never_both_mark_the_same_action_done(self):
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, SUPERUSER_ID, {})
            env_2 = api.Environment(cr_2, SUPERUSER_ID, {})
            for env in (env_1, env_2):  # both see the action open
                self.assertEqual(env["mm.action"].browse(self.ids["action"]).state, "open")
            self._done(env_1)
            cr_1.commit()
            with self.assertRaises(SerializationFailure):
                self._done(env_2)
            cr_2.rollback()
            # Odoo retries a request that failed to serialise; the retry finds it done
            with self.assertRaisesRegex(UserError, "is done"):
                self._done(env_2)
            cr_2.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rewards = env["mm.reward"].search([("source", "=", f"mm.action,{self.ids['action']}")])
            self.assertTrue(rewards)
            self.assertEqual(len(rewards), len(rewards.rule_id), "once per rule, not twice")
