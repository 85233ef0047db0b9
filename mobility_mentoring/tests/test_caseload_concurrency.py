from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaseloadConcurrency(TransactionCase):
    """Two managers hand the same mentor their last allowed resident at the same time,
    each in a transaction of their own: they must never both commit. Real, committed
    transactions on two cursors; the test cleans up after itself."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mentor = env["res.users"].create({"name": "Busy mentor", "login": "busy_mentor_race"})
            team = env["mm.team"].create(
                {
                    "name": "Caseload race team",
                    "member_ids": [(6, 0, mentor.ids)],
                    "caseload_soft_limit": 1,
                    "caseload_hard_limit": 1,
                }
            )
            residents = env["res.partner"].create(
                [{"name": "Race resident 1"}, {"name": "Race resident 2"}]
            )
            self.ids = {"mentor": mentor.id, "team": team.id, "residents": residents.ids}
        self.addCleanup(self._remove_committed_records)

    def _remove_committed_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mm.mentorship"].search([("team_id", "=", self.ids["team"])]).unlink()
            env["mm.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["residents"]).unlink()
            env["res.users"].browse(self.ids["mentor"]).unlink()

    def _hand(self, env, resident_id):
        env["mm.mentorship"].create(
            {"partner_id": resident_id, "user_id": self.ids["mentor"], "team_id": self.ids["team"]}
        )
        env.flush_all()

    def test_two_managers_never_both_fill_the_last_place(self):
        first, second = self.ids["residents"]
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            env_1 = api.Environment(cr_1, SUPERUSER_ID, {})
            env_2 = api.Environment(cr_2, SUPERUSER_ID, {})
            for env in (env_1, env_2):  # both snapshots are taken before either commits
                self.assertEqual(
                    env["mm.mentorship"].search_count([("team_id", "=", self.ids["team"])]), 0
                )
            self._hand(env_1, first)
            cr_1.commit()
            with self.assertRaises(SerializationFailure):
                self._hand(env_2, second)
            cr_2.rollback()
            # Odoo retries a request that failed to serialise; the retry sees the place taken
            with self.assertRaisesRegex(ValidationError, "caseload of .* is already 1"):
                self._hand(env_2, second)
            cr_2.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["mm.mentorship"].search_count([("user_id", "=", self.ids["mentor"])]), 1
            )
