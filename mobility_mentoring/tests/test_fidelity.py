from datetime import date, datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import users, warmup

from ..models.mm_mentorship_fidelity import HOURS_PARAMETER, REFRESH_PASS_PARAMETER
from .common import BusyMentorCase, ConcurrencyCase, MobilityMentoringCase

NO_CONTACT = "mobility_mentoring.mail_activity_type_mm_no_contact"


@tagged("post_install", "-at_install")
class TestFidelity(MobilityMentoringCase):
    """The dosage (EMPath: 12 hours of contact over 6 months), kept current by the
    daily job, and a to-do when contact lapses."""

    def setUp(self):
        super().setUp()
        self.mentorship_a.date_start = date(2026, 1, 1)

    def _contact(self, when, minutes, mentorship=None):
        return self.env["mm.contact"].create(
            {
                "mentorship_id": (mentorship or self.mentorship_a).id,
                "date": when,
                "duration": minutes,
            }
        )

    def _run_job(self, batch_size=1000):
        self.env["mm.mentorship"]._cron_fidelity_daily(batch_size=batch_size)

    def _todos(self):
        ours = (self.mentorship_a | self.mentorship_b).ids  # the demo's files lapse too
        todos = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "mm.mentorship"),
                    ("activity_type_id", "=", self.env.ref(NO_CONTACT).id),
                ]
            )
        )
        return todos.filtered(lambda activity: activity.res_id in ours)

    @freeze_time("2026-07-01 12:00:00")
    def test_exactly_twelve_hours_over_exactly_six_months(self):
        for month in range(1, 7):
            self._contact(datetime(2026, month, 10, 10), 120)
        self.env.invalidate_all()
        mentorship = self.mentorship_a
        self.assertEqual(mentorship.contact_hours, 12.0)
        self.assertEqual(mentorship.months_in_mentoring, 6.0)
        self.assertTrue(mentorship.fidelity_ok)

    @freeze_time("2026-07-01 12:00:00")
    def test_a_minute_short_or_a_day_short(self):
        for month in range(1, 7):
            self._contact(datetime(2026, month, 10, 10), 120)
        self.mentorship_a.contact_ids[:1].duration = 119
        self.assertFalse(self.mentorship_a.fidelity_ok)
        self.mentorship_a.contact_ids[:1].duration = 120
        self.mentorship_a.date_start = date(2026, 1, 2)
        self.assertFalse(self.mentorship_a.fidelity_ok)

    @freeze_time("2026-07-01 12:00:00")
    def test_only_recent_contacts_count_as_recent(self):
        self._contact(datetime(2026, 3, 1, 10), 60)  # 122 days ago
        self._contact(datetime(2026, 6, 1, 10), 30)
        self.assertEqual(self.mentorship_a.contacts_last_90_days, 1)
        self.assertEqual(self.mentorship_a.contact_hours, 1.5)

    def test_the_daily_job_keeps_time_bound_figures_current(self):
        with freeze_time("2026-07-01 12:00:00"):
            self._contact(datetime(2026, 6, 1, 10), 60)
            self.env.flush_all()
            self.assertEqual(self.mentorship_a.contacts_last_90_days, 1)
        with freeze_time("2026-10-01 12:00:00"):
            self._run_job(batch_size=1)  # one mentorship per batch, progress committed
            self._run_job()
            self.env.invalidate_all()
            self.assertEqual(self.mentorship_a.contacts_last_90_days, 0)
            self.assertEqual(self.mentorship_a.months_in_mentoring, 9.0)
            self.assertEqual(self.mentorship_a.fidelity_date, date(2026, 10, 1))

    def test_the_fidelity_pivot_reads_dosage_reached_or_not_yet(self):
        """Monitoring > Fidelity groups by words ("Dosis gehaald", "Nog niet"), not by
        a Boolean, and the daily job keeps them current as time passes."""
        with freeze_time("2026-03-01 12:00:00"):
            for month in range(1, 3):
                self._contact(datetime(2026, month, 10, 10), 360)
            self.assertEqual(self.mentorship_a.fidelity_status, "not_yet")
        with freeze_time("2026-07-02 12:00:00"):
            self._run_job()  # six months passed: nothing was written but the job
        Mentorship = self.env["mm.mentorship"]
        reached = Mentorship.search([("fidelity_status", "=", "reached")])
        self.assertIn(self.mentorship_a, reached)
        self.assertEqual(self.mentorship_a.fidelity_status, "reached")
        for xmlid, view_type in (
            ("mm_mentorship_view_pivot_fidelity", "pivot"),
            ("mm_mentorship_view_graph_fidelity", "graph"),
        ):
            view = self.env.ref(f"mobility_mentoring.{xmlid}")
            arch = etree.fromstring(Mentorship.get_view(view.id, view_type)["arch"])
            grouped = {field.get("name") for field in arch.iter("field")}
            self.assertIn("fidelity_status", grouped, xmlid)
            self.assertNotIn("fidelity_ok", grouped, xmlid)
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        columns = Mentorship.with_context(lang="nl_NL").fields_get(["fidelity_status"])
        self.assertEqual(
            columns["fidelity_status"]["selection"],
            [("reached", "Dosis gehaald"), ("not_yet", "Nog niet")],
        )

    def test_settings_set_the_threshold(self):
        self.env["ir.config_parameter"].set_param("mobility_mentoring.fidelity_hours", "1")
        self.env["ir.config_parameter"].set_param("mobility_mentoring.fidelity_months", "1")
        with freeze_time("2026-03-01 12:00:00"):
            self._contact(datetime(2026, 2, 1, 10), 60)
            self.assertTrue(self.mentorship_a.fidelity_ok)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"mm_fidelity_hours": 0})

    def test_a_to_do_once_when_contact_lapses(self):
        with freeze_time("2026-07-01 12:00:00"):
            self._contact(datetime(2026, 5, 1, 10), 60)  # 61 days ago
            self.mentorship_b.date_start = date(2026, 6, 20)  # started 11 days ago
            self._run_job()
            todo = self._todos()
            self.assertEqual(todo.res_id, self.mentorship_a.id)
            self.assertEqual(todo.user_id, self.mentor_a)
            todo.action_feedback(feedback="Called, no answer")
            self._run_job()
            self.assertEqual(len(self._todos()), 1)  # done, kept: not repeated
            self._contact(datetime(2026, 7, 1, 9), 30)  # the lapse ends
            self.assertFalse(self._todos())

    def test_no_to_do_for_a_paused_mentorship(self):
        self.mentorship_a.action_pause()
        with freeze_time("2026-07-01 12:00:00"):
            self._run_job()
        self.assertFalse(self._todos().filtered(lambda a: a.res_id == self.mentorship_a.id))

    def test_the_figures_cost_the_same_for_many_contacts(self):
        mentorships = self.mentorship_a | self.mentorship_b
        for mentorship in mentorships:
            self._contact(datetime(2026, 2, 1, 10), 60, mentorship)
        self.env.flush_all()
        # two aggregates (hours, recent contacts), however many contacts there are
        with self.assertQueryCount(2):
            mentorships._refresh_fidelity()
        for n in range(20):
            self._contact(datetime(2026, 2, 2 + n, 10), 30, self.mentorship_a)
        self.env.flush_all()
        with self.assertQueryCount(2):
            mentorships._refresh_fidelity()


# Query counts, pinned: the Fidelity pivot as a manager, the same for a few contact
# moments or many
FIDELITY_PIVOT = 4


@tagged("post_install", "-at_install")
class TestFidelityPerformance(BusyMentorCase):
    def _load_fidelity_pivot(self):
        self.env.invalidate_all()
        with self.assertQueryCount(FIDELITY_PIVOT):
            groups = self.env["mm.mentorship"].read_group(
                [("state", "in", ("active", "paused"))],
                ["contact_hours:sum", "months_in_mentoring:avg", "__count"],
                ["team_id", "user_id", "fidelity_status"],
                lazy=False,
            )
        self.assertTrue(groups)

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


@tagged("post_install", "-at_install")
class TestDosageSettingWhileFilesAreSaved(ConcurrencyCase):
    """A manager saves a new dosage while mentors save files, on other workers: the
    setting's save must not depend on no file being saved meanwhile. It marked every
    running file in one statement, which failed to serialise against any file saved
    after the manager's transaction began (make scale-out, at 180,000 files)."""

    def _commit_records(self, env):
        partner = env["res.partner"].create({"name": "Dosage race"})
        team = env["mm.team"].create({"name": "Dosage race team"})
        mentorship = env["mm.mentorship"].create(
            {"partner_id": partner.id, "team_id": team.id, "user_id": False}
        )
        params = env["ir.config_parameter"]
        return {
            "partner": partner.id,
            "team": team.id,
            "mentorship": mentorship.id,
            "hours": params.get_param(HOURS_PARAMETER),
            "pass": params.get_param(REFRESH_PASS_PARAMETER),
        }

    def _remove_committed_records(self, env):
        env["mm.mentorship"].browse(self.ids["mentorship"]).unlink()
        env["mm.team"].browse(self.ids["team"]).unlink()
        env["res.partner"].browse(self.ids["partner"]).unlink()
        params = env["ir.config_parameter"]
        params.set_param(HOURS_PARAMETER, self.ids["hours"])
        params.set_param(REFRESH_PASS_PARAMETER, self.ids["pass"])

    def test_a_new_dosage_is_saved_while_a_file_is_saved(self):
        hours = int(self.ids["hours"] or 12) + 1
        with self._two_transactions() as (mentor_env, manager_env):
            for env in (mentor_env, manager_env):
                env.cr.execute("SELECT 1")  # each transaction's snapshot is taken
            mentor_env["mm.mentorship"].browse(self.ids["mentorship"]).date_start = "2026-01-05"
            mentor_env.flush_all()
            mentor_env.cr.commit()
            manager_env["res.config.settings"].create({"mm_fidelity_hours": hours}).execute()
            manager_env.flush_all()
            manager_env.cr.commit()
        with self._committed() as env:
            Mentorship = env["mm.mentorship"]
            self.assertEqual(env["ir.config_parameter"].get_param(HOURS_PARAMETER), str(hours))
            # owed to every running file, this one among them: a pass of the daily job
            self.assertEqual(env["ir.config_parameter"].get_param(REFRESH_PASS_PARAMETER), "0")
            self.assertGreater(Mentorship._refresh_pass_remaining(), 0)
