from freezegun import freeze_time

from odoo.tests import tagged

from ..const import MENTOR_GROUP as MENTOR
from .common import MobilityMentoringCase, load_dutch

NO_CONTACT = "mobility_mentoring.mail_activity_type_mm_no_contact"
FIDELITY_CRON = "mobility_mentoring.mm_fidelity_cron"
OVERDUE_CRON = "mobility_mentoring.mm_action_cron_overdue"
# a day of Odoo's cron: at most 10 batches a run, then it runs again at once while the
# job reports work done and work left; far more than these tests need
MOST_BATCHES = 200
# pinned: one batch of no-contact to-dos for one mentor, for 10 files as for 100
NO_CONTACT_BATCH = 16
# pinned: what each further mentor of a batch adds (Odoo's to-do makes its assignee
# follow the files, one assignee at a time), and each further language of mentors;
# a mentor added 9 when each mentor's to-dos were made apart (73 for the test's 8)
NO_CONTACT_PER_MENTOR = 4
NO_CONTACT_PER_LANGUAGE = 4
# pinned: the aftercare job's day, for 10 ended files as for 100 (not batched: a search
# of the files and of the residents still coached, and one write)
AFTERCARE_DAY = 7


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01 12:00:00")
class TestDailyJobs(MobilityMentoringCase):
    """The daily jobs in batches, as Odoo's cron runs them: every record handled the
    same day whatever the batch size, and a batch's cost independent of its size."""

    def setUp(self):
        super().setUp()
        self.env["mm.action.limit"].search([]).action_archive()
        self.team_a.caseload_hard_limit = 500  # a hundred files for one mentor

    def _lapsed_files(self, count, mentors=None):
        """Files of mentor A (or of ``mentors`` in turn) started half a year ago,
        never contacted."""
        mentors = mentors or self.mentor_a
        partners = self.env["res.partner"].create(
            [{"name": f"Lapsed resident {n}"} for n in range(count)]
        )
        return self.env["mm.mentorship"].create(
            [
                {
                    "partner_id": partner.id,
                    "team_id": self.team_a.id,
                    "user_id": mentors[n % len(mentors)].id,
                    "date_start": "2026-01-01",
                }
                for n, partner in enumerate(partners)
            ]
        )

    def _run_day(self, cron_xmlid, job):
        """``job(records)`` as ir.cron calls it, batch after batch while it reports
        progress and work left (ir_cron._run_job); the number of batches."""
        cron = self.env.ref(cron_xmlid)
        for batch in range(1, MOST_BATCHES + 1):
            progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
            job(progress.id)
            if not (progress.done and progress.remaining):
                return batch
        raise AssertionError(f"more than {MOST_BATCHES} batches")

    def _no_contact_todo_missing(self):
        Mentorship = self.env["mm.mentorship"].with_context(active_test=False)
        todo = self.env.ref(NO_CONTACT)
        return Mentorship.search(
            [
                *Mentorship._lapsed_domain(),
                ("activity_ids", "not any", [("activity_type_id", "=", todo.id)]),
            ]
        )

    def test_every_lapsed_file_gets_its_to_do_in_one_days_run(self):
        files = self._lapsed_files(4)
        Mentorship = self.env["mm.mentorship"]
        batches = self._run_day(
            FIDELITY_CRON,
            lambda progress: Mentorship.with_context(
                ir_cron_progress_id=progress
            )._cron_fidelity_daily(batch_size=1),
        )
        self.assertFalse(self._no_contact_todo_missing())
        self.assertGreaterEqual(batches, len(files), "a batch of one at a time")

    def test_every_overdue_action_gets_its_reminder_in_one_days_run(self):
        with freeze_time("2026-05-01"):
            goal = self._goal(self.mentorship_a)
            actions = self._actions(goal, 3, deadline="2026-06-01")
        Action = self.env["mm.action"]
        self._run_day(
            OVERDUE_CRON,
            lambda progress: Action.with_context(ir_cron_progress_id=progress)._cron_notify_overdue(
                batch_size=1
            ),
        )
        self.assertTrue(all(actions.mapped("activity_ids")))
        self.assertEqual(len(actions.activity_ids), 3)

    def test_no_contact_to_dos_cost_the_same_for_10_files_as_for_100(self):
        """One batch of to-dos per mentor: before, Odoo's to-do read each file's name
        alone (115 queries for 100 files, 25 for 10)."""
        Mentorship = self.env["mm.mentorship"]

        def remind(count):
            files = self._lapsed_files(count)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(NO_CONTACT_BATCH):
                Mentorship._remind_lapsed_contact(batch_size=10000)
                self.env.flush_all()
            self.assertFalse(self._no_contact_todo_missing() & files)

        # the files there already, and a first batch that fills Odoo's caches
        self._lapsed_files(1)
        Mentorship._remind_lapsed_contact(batch_size=10000)
        remind(10)
        remind(100)

    def test_no_contact_to_dos_of_eight_mentors_are_made_together(self):
        """A batch's to-dos are made in one go per language, not per mentor: eight
        mentors in two languages cost one mentor's batch, Odoo's following per further
        mentor and a create for the second language. Each to-do is its mentor's, in
        the mentor's language."""
        Mentorship = self.env["mm.mentorship"]
        mentors = self.mentor_a | self.mentor_a2
        for n in range(6):
            mentors |= self._user(f"mentor_extra_{n}", MENTOR)
        self.team_a.member_ids = mentors
        load_dutch(self.env)
        mentors[1].lang = "nl_NL"
        self._lapsed_files(8, mentors)
        Mentorship._remind_lapsed_contact(batch_size=10000)  # Odoo's caches
        files = self._lapsed_files(40, mentors)
        self.env.flush_all()
        self.env.invalidate_all()
        expected = NO_CONTACT_BATCH + 7 * NO_CONTACT_PER_MENTOR + NO_CONTACT_PER_LANGUAGE
        with self.assertQueryCount(expected):
            Mentorship._remind_lapsed_contact(batch_size=10000)
            self.env.flush_all()
        todos = files.activity_ids
        self.assertEqual(len(todos), 40)
        self.assertEqual(todos.mapped("res_id"), files.ids)
        for todo in todos:
            self.assertEqual(todo.user_id, Mentorship.browse(todo.res_id).user_id)
        in_dutch = todos.filtered(lambda todo: todo.user_id == mentors[1])
        todo_type = self.env.ref(NO_CONTACT)
        self.assertEqual(
            set(in_dutch.mapped("summary")), {todo_type.with_context(lang="nl_NL").summary}
        )
        self.assertEqual(
            set((todos - in_dutch).mapped("summary")),
            {todo_type.with_context(lang="en_US").summary},
        )
        self.assertNotEqual(in_dutch[0].summary, (todos - in_dutch)[0].summary)

    def test_ended_aftercare_closes_mijnoverzicht_for_10_files_as_for_100(self):
        """The aftercare job ends MijnOverzicht of every resident whose last follow-up
        has passed, in one run and at one cost whatever their number."""
        Mentorship = self.env["mm.mentorship"]

        def ended(count):
            files = self._lapsed_files(count)
            files.partner_id.mm_portal_access = True
            files.date_start = "2025-01-01"
            with freeze_time("2025-06-01"):  # the last follow-up after 12 months: passed
                files._close("completed")
            self.assertTrue(all(files.partner_id.mapped("mm_portal_access")))
            return files

        ended(1)
        Mentorship._cron_aftercare()  # Odoo's caches
        for count in (10, 100):
            files = ended(count)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(AFTERCARE_DAY):
                Mentorship._cron_aftercare()
                self.env.flush_all()
            self.assertFalse(any(files.partner_id.mapped("mm_portal_access")))

    def test_every_resident_gets_their_reminder_in_one_days_run(self):
        """A batch ends with a resident's last due action, not in the middle of them:
        a resident mailed today waits until tomorrow, so a cut would delay the rest."""
        (self.resident_a | self.resident_b).email = "resident@example.com"
        due = self.env["mm.action"]
        for mentorship, count in ((self.mentorship_a, 2), (self.mentorship_b, 1)):
            goal = self._goal(mentorship)
            due |= self._actions(goal, count, deadline="2026-07-03", prefix=mentorship.display_name)
        Action = self.env["mm.action"]
        self._run_day(
            "mobility_mentoring.mm_resident_reminder_cron",
            lambda progress: Action.with_context(
                ir_cron_progress_id=progress
            )._cron_remind_residents(batch_size=1),
        )
        self.assertEqual(due.mapped("resident_reminded"), [True] * 3)
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", (self.resident_a | self.resident_b).ids)]
        )
        self.assertEqual(len(mails), 2, "one mail per resident")

    def test_every_file_due_is_anonymised_in_one_days_run(self):
        self.env["ir.config_parameter"].set_param("mobility_mentoring.retention_months", 12)
        files = self.mentorship_a | self.mentorship_b
        files.date_start = "2024-01-01"
        with freeze_time("2025-01-01"):
            files.action_close()
        Mentorship = self.env["mm.mentorship"]
        self._run_day(
            "mobility_mentoring.mm_retention_cron_anonymise",
            lambda progress: Mentorship.with_context(ir_cron_progress_id=progress)._cron_anonymise(
                batch_size=1
            ),
        )
        self.assertEqual(files.mapped("is_anonymised"), [True, True])
