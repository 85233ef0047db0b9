from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import MobilityMentoringCase

LOGGER = "odoo.addons.mobility_mentoring.models.mm_mentorship_retention"
SETTINGS_LOGGER = "odoo.addons.mobility_mentoring.models.res_config_settings"


@tagged("post_install", "-at_install")
class TestRetention(MobilityMentoringCase):
    """The retention job cannot be stopped by one file: each failure is logged,
    reported to the managers and skipped, and the others are anonymised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["ir.config_parameter"].set_param("mobility_mentoring.retention_months", 12)
        cls.mentorship_c = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "team_id": cls.team_a.id, "user_id": cls.mentor_a.id}
        )
        cls.mentorships = cls.mentorship_a | cls.mentorship_b | cls.mentorship_c
        cls.mentorships.date_start = "2015-01-01"
        cls.files = {m: cls._mentoring_file(m, m.partner_id.name) for m in cls.mentorships}
        cls.long_ago = fields.Date.today() - relativedelta(months=13)

    def _close_long_ago(self, mentorships):
        with freeze_time(self.long_ago):
            mentorships.action_close()

    def test_an_exception_to_the_limits_does_not_block_anonymisation(self):
        self.mentorship_a.write(
            {
                "action_limit_exception": 8,
                "action_limit_exception_reason": "Many small steps this month",
                "action_limit_exception_until": "2020-01-31",
            }
        )
        self._close_long_ago(self.mentorship_a)
        self.env["mm.mentorship"]._cron_anonymise()
        self.assertTrue(self.mentorship_a.is_anonymised)
        self.assertFalse(self.mentorship_a.action_limit_exception)

    def test_one_file_that_cannot_be_anonymised_does_not_stop_the_others(self):
        self._close_long_ago(self.mentorships)
        stuck = self.files[self.mentorship_b]["goal"]
        # a real refusal by the database while anonymising one resident's file
        self.env.cr.execute(
            SQL(
                "ALTER TABLE mm_goal ADD CONSTRAINT test_retention_stuck "
                "CHECK (id != %s OR name != 'Goal')",
                stuck.id,
            )
        )
        with mute_logger(LOGGER, "odoo.sql_db"):
            self.env["mm.mentorship"]._cron_anonymise()
        self.env.invalidate_all()
        self.assertEqual(
            self.mentorships.mapped("is_anonymised"), [True, False, True], "the others went on"
        )
        self.assertEqual(stuck.name, "Goal Resident B")
        self.assertEqual(
            self.mentorship_b.retention_failed_on, fields.Date.context_today(self.mentorship_b)
        )
        self.assertIn("test_retention_stuck", self.mentorship_b.retention_error)
        activity = self.mentorship_b.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("mobility_mentoring.mail_activity_type_mm_retention_failed"),
        )
        self.assertIn(self.manager, activity.user_id)
        # not retried the same day (the job would loop on it), but the next day
        with mute_logger(LOGGER, "odoo.sql_db"):
            self.env["mm.mentorship"]._cron_anonymise()
        self.assertEqual(len(self.mentorship_b.activity_ids), len(activity), "reported once")
        self.env.cr.execute("ALTER TABLE mm_goal DROP CONSTRAINT test_retention_stuck")
        with freeze_time(f"{self.mentorship_b.retention_failed_on + relativedelta(days=1)} 12:00"):
            self.env["mm.mentorship"]._cron_anonymise()
        self.assertTrue(self.mentorship_b.is_anonymised)
        self.assertFalse(self.mentorship_b.retention_error)
        self.assertFalse(self.mentorship_b.activity_ids)

    def test_a_mentorship_paused_longer_than_the_retention_period_is_anonymised(self):
        with freeze_time(self.long_ago):
            self.mentorship_a.action_pause()
        with freeze_time(self.long_ago + relativedelta(months=2)):
            self.mentorship_b.action_pause()
        self.env["mm.mentorship"]._cron_anonymise()
        self.assertRecordValues(
            self.mentorship_a | self.mentorship_b,
            [
                {"is_anonymised": True, "state": "closed", "date_end": self.long_ago},
                {"is_anonymised": False, "state": "paused", "date_end": False},
            ],
        )

    def test_old_log_rows_of_a_deleted_mentorship_lose_the_resident(self):
        Log = self.env["mm.access.log"]
        with freeze_time(self.long_ago):
            old = Log.with_user(self.backoffice)._log(self.mentorship_c, "rpc", "read")
        recent = Log.with_user(self.manager)._log(self.mentorship_c, "export", "export_data")
        self.mentorship_c.unlink()
        self.env["mm.mentorship"]._cron_anonymise()
        self.assertEqual(
            (old.partner_id, recent.partner_id), (self.env["res.partner"], self.resident_c)
        )

    def test_a_wrong_retention_setting_keeps_the_default(self):
        Rights = self.env["mm.mentorship"]
        for value, months in (("soon", 84), ("0", 84), ("-5", 84), ("36", 36)):
            with self.subTest(value=value):
                self.env["ir.config_parameter"].set_param(
                    "mobility_mentoring.retention_months", value
                )
                with mute_logger(SETTINGS_LOGGER):
                    self.assertEqual(Rights._retention_months(), months)


# Query counts, pinned: anonymising a day's due files at once, half of them closed and
# half paused, each with an assessment, a goal, actions, a reward and their messages:
# the same for 2 files as for 8. Before, every file got a note that its (absent)
# exception to the action limits was removed, and every paused file a write of its own.
# 109 without other apps, 114 beside them (the suite from the wheel)
RETENTION_DAY = 114


@tagged("post_install", "-at_install")
class TestRetentionCost(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["ir.config_parameter"].set_param("mobility_mentoring.retention_months", 12)
        cls.day = fields.Date.today() - relativedelta(months=13)

    def _due_files(self, count):
        partners = self.env["res.partner"].create(
            [{"name": f"Retention cost {n}"} for n in range(count)]
        )
        mentorships = self.env["mm.mentorship"].create(
            [
                {"partner_id": partner.id, "team_id": self.team_a.id, "date_start": "2015-01-01"}
                for partner in partners
            ]
        )
        for mentorship in mentorships:
            self._mentoring_file(mentorship, mentorship.partner_id.name)
        with freeze_time(self.day):
            mentorships[::2].action_close()
            mentorships[1::2].action_pause()
        self.env.flush_all()
        self.env.invalidate_all()
        return mentorships

    def _assert_anonymised_at_the_same_cost(self, count):
        mentorships = self._due_files(count)
        with self.assertQueryCount(RETENTION_DAY):
            mentorships._anonymise()
            self.env.flush_all()
        self.assertEqual(set(mentorships.mapped("is_anonymised")), {True})
        self.assertEqual(set(mentorships.mapped("state")), {"closed"})

    def test_two_files_of_a_day(self):
        self._assert_anonymised_at_the_same_cost(2)

    def test_eight_files_of_a_day(self):
        self._assert_anonymised_at_the_same_cost(8)
