from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase, OtherMunicipalityCase


@tagged("post_install", "-at_install")
class TestContact(MobilityMentoringCase):
    """Contact moments: logged in two clicks, the summary confidential, the mentorship
    showing the last one."""

    def _log(self, user=None, mentorship=None, **values):
        mentorship = (mentorship or self.mentorship_a).with_user(user or self.mentor_a)
        action = mentorship.action_log_contact()
        Contact = self.env["mm.contact"].with_user(user or self.mentor_a)
        return Contact.with_context(**action["context"]).create(values)

    def test_two_clicks_from_the_mentorship(self):
        action = self.mentorship_a.with_user(self.mentor_a).action_log_contact()
        self.assertEqual(action["target"], "new")
        contact = self._log(kind="phone", duration=20, summary="Talked about the rent")
        self.assertEqual(contact.mentorship_id, self.mentorship_a)
        self.assertEqual(contact.user_id, self.mentor_a)
        self.assertEqual((contact.team_id, contact.partner_id), (self.team_a, self.resident_a))
        self.assertEqual(self.mentorship_a.contact_count, 1)
        self.assertEqual(self.mentorship_a.last_contact_date, contact.date)

    def test_days_since_the_last_contact(self):
        self._log(date=fields.Datetime.now() - timedelta(days=10))
        self._log(date=fields.Datetime.now() - timedelta(days=3))
        self.assertEqual(self.mentorship_a.days_since_contact, 3)

    def test_back_office_sees_that_contacts_happen_not_what_was_said(self):
        contact = self._log(summary="Gambling debts")
        as_back_office = contact.with_user(self.backoffice)
        self.assertEqual(as_back_office.read(["date", "kind"])[0]["kind"], "visit")
        log = self.env["mm.access.log"].search([("user_id", "=", self.backoffice.id)])
        self.assertEqual(log.partner_id, self.resident_a)
        with self.assertRaises(AccessError):
            as_back_office.read(["summary"])
        with self.assertRaises(AccessError):
            self.env["mm.contact"].with_user(self.backoffice).search([("summary", "ilike", "debt")])
        with self.assertRaises(AccessError):
            self._log(user=self.backoffice)

    def test_another_team_neither_sees_nor_logs(self):
        contact = self._log()
        self.assertFalse(self.env["mm.contact"].with_user(self.mentor_b).search([]))
        with self.assertRaises(AccessError):
            contact.with_user(self.mentor_b).read(["date"])
        with self.assertRaises(AccessError):  # a hostile mentorship id
            self.env["mm.contact"].with_user(self.mentor_b).create(
                {"mentorship_id": self.mentorship_a.id}
            )

    def test_stays_on_its_mentorship(self):
        contact = self._log()
        with self.assertRaises(AccessError):
            contact.write({"mentorship_id": self.mentorship_b.id})

    def test_a_plausible_duration(self):
        for minutes in (0, -5, 24 * 60 + 1):
            with self.subTest(minutes=minutes), self.assertRaises(ValidationError):
                self._log(duration=minutes)

    def test_a_meeting_marked_done_is_a_contact_moment(self):
        mentorship = self.mentorship_a.with_user(self.mentor_a)
        call = mentorship.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.mentor_a.id, summary="Call about rent"
        )
        todo = mentorship.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.mentor_a.id
        )
        call.action_feedback(feedback="Rent plan agreed")
        todo.action_feedback(feedback="Done")
        contact = self.mentorship_a.contact_ids
        self.assertEqual(len(contact), 1)
        self.assertEqual((contact.kind, contact.duration), ("phone", 15))
        self.assertEqual(contact.summary, "Rent plan agreed")

    def test_anonymisation_keeps_the_dosage_not_the_words(self):
        contact = self._log(summary="Gambling debts", duration=60)
        self.mentorship_a.action_close()
        self.mentorship_a._anonymise()
        self.assertFalse(contact.summary)
        self.assertEqual((contact.duration, contact.kind), (60, "visit"))
        with self.assertRaises(Exception):  # noqa: B017 - nothing is added to an anonymised file
            self._log(user=self.manager)


@tagged("post_install", "-at_install")
class TestContactDate(OtherMunicipalityCase):
    """A contact moment took place already."""

    # hole 7
    def test_a_contact_took_place_already(self):
        Contact = self.env["mm.contact"].with_user(self.mentor_a)
        ahead = fields.Datetime.now() + timedelta(days=365)
        with self.assertRefused(ValidationError, "not in the future"):
            Contact.create({"mentorship_id": self.mentorship_a.id, "date": ahead})
        contact = Contact.create({"mentorship_id": self.mentorship_a.id})
        with self.assertRefused(ValidationError, "not in the future"):
            contact.date = ahead
        # a clock a little ahead is no contact in the future
        contact.date = fields.Datetime.now() + timedelta(minutes=2)
        self.assertEqual(self.mentorship_a.days_since_contact, 0)
