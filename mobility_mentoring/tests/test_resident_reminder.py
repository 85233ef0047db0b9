from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestResidentReminder(MobilityMentoringCase):
    """Two days before a deadline the resident gets one plain mail, once per action and
    at most one a day, in their language."""

    def setUp(self):
        super().setUp()
        self.env["mm.action.limit"].search([]).action_archive()
        self.resident_a.email = "fatima@example.com"
        self.today = fields.Date.context_today(self.mentorship_a)
        self.goal = self._goal(self.mentorship_a)
        self.action = self._actions(self.goal, 1, deadline=self._in_days(2))
        self.action.if_then = "If I come home on Monday, then I call"

    def _in_days(self, days):
        return self.today + timedelta(days=days)

    def _run(self):
        self.env["mm.action"]._cron_remind_residents()

    def _mails(self, partner=None):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", (partner or self.resident_a).ids)]
        )

    def test_one_mail_with_the_if_then_plan(self):
        self._run()
        mail = self._mails()
        self.assertEqual(len(mail), 1)
        self.assertIn("Action 1", mail.body_html)
        self.assertIn("If I come home on Monday, then I call", mail.body_html)
        self.assertNotIn("/my/mentoring", mail.body_html)  # no MijnOverzicht: no link
        self.assertTrue(self.action.resident_reminded)
        self._run()
        self.assertEqual(len(self._mails()), 1)

    def test_one_mail_a_day_for_all_due_actions(self):
        self._actions(self.goal, 2, deadline=self._in_days(1), prefix="Soon")
        self._run()
        mail = self._mails()
        self.assertEqual(len(mail), 1)
        for name in ("Action 1", "Soon 1", "Soon 2"):
            self.assertIn(name, mail.body_html)
        # a new action due tomorrow waits for tomorrow's mail
        later = self._actions(self.goal, 1, deadline=self._in_days(1), prefix="Later")
        self._run()
        self.assertEqual(len(self._mails()), 1)
        self.assertFalse(later.resident_reminded)

    def test_link_to_mijnoverzicht_with_access(self):
        self.resident_a.mm_portal_access = True
        self._run()
        self.assertIn("/my/mentoring", self._mails().body_html)

    def test_not_too_early_and_not_after_the_deadline(self):
        self.action.deadline = self._in_days(3)
        self._run()
        self.action.deadline = self._in_days(-1)
        self._run()
        self.assertFalse(self._mails())

    def test_a_new_deadline_earns_a_new_reminder(self):
        self._run()
        self.action.with_user(self.mentor_a).deadline = self._in_days(10)
        self.assertFalse(self.action.resident_reminded)

    def test_none_when_switched_off_paused_or_without_address(self):
        self.mentorship_a.resident_reminders = False
        self._run()
        self.mentorship_a.resident_reminders = True
        self.mentorship_a.action_pause()
        self._run()
        self.mentorship_a.action_resume()
        self.resident_a.email = False
        self._run()
        self.assertFalse(self._mails())
        self.assertFalse(self.action.resident_reminded)

    def test_in_the_residents_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.resident_a.lang = "nl_NL"
        self._run()
        mail = self._mails()
        self.assertIn("Over twee dagen", mail.body_html)
        self.assertEqual(mail.subject, "Binnenkort: wat je van plan was")


# Query counts, pinned: a day's reminders made together, the same for 2 residents as
# for 8 (each one mail of their own actions, in their own language); 20 without other
# apps, 22 beside them (the suite from the wheel: their hooks on mail)
REMINDER_BATCH = 22


@tagged("post_install", "-at_install")
class TestResidentReminderCost(MobilityMentoringCase):
    def _due_residents(self, count):
        self.env["mm.action.limit"].search([]).action_archive()
        self.env["res.lang"]._activate_lang("nl_NL")
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Reminded {n}",
                    "email": f"reminded{n}@example.com",
                    "lang": "nl_NL" if n % 2 else "en_US",
                }
                for n in range(count)
            ]
        )
        mentorships = self.env["mm.mentorship"].create(
            [{"partner_id": partner.id, "team_id": self.team_a.id} for partner in partners]
        )
        deadline = fields.Date.context_today(mentorships) + timedelta(days=2)
        for n, mentorship in enumerate(mentorships):
            self._actions(self._goal(mentorship), 2, deadline=deadline, prefix=f"Step{n}")
        self.env.flush_all()
        self.env.invalidate_all()
        return partners

    def _assert_reminded_at_the_same_cost(self, count):
        partners = self._due_residents(count)
        with self.assertQueryCount(REMINDER_BATCH):
            self.env["mm.action"]._cron_remind_residents()
            self.env.flush_all()
        for n, partner in enumerate(partners):
            mail = self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])
            self.assertEqual(len(mail), 1)
            self.assertIn(f"Step{n} 2", mail.body_html)
            others = [f"Step{other} 1" for other in range(count) if other != n]
            self.assertFalse([name for name in others if name in mail.body_html])
            self.assertEqual(mail.subject == "Binnenkort: wat je van plan was", bool(n % 2))

    @warmup
    def test_two_residents(self):
        self._assert_reminded_at_the_same_cost(2)

    @warmup
    def test_eight_residents(self):
        self._assert_reminded_at_the_same_cost(8)
