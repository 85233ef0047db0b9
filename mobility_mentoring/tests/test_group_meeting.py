from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MobilityMentoringCase

SHARE = "mobility_mentoring.group_hours_share"


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01 12:00:00")
class TestGroupMeeting(MobilityMentoringCase):
    """A group meeting, recorded once, is a contact moment of each resident who came;
    its hours count for the dosage up to the share set in Settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentorship_c = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "user_id": cls.mentor_a2.id, "team_id": cls.team_a.id}
        )

    def setUp(self):
        super().setUp()
        self.mentorship_a.date_start = date(2026, 1, 1)

    def _meeting(self, *mentorships, user=None, when=datetime(2026, 6, 3, 14), minutes=120):
        return (
            self.env["mm.group.meeting"]
            .with_user(user or self.mentor_a)
            .create(
                {
                    "name": "Budgeting",
                    "team_id": self.team_a.id,
                    "date": when,
                    "duration": minutes,
                    "contact_ids": [
                        (0, 0, {"mentorship_id": mentorship.id}) for mentorship in mentorships
                    ],
                }
            )
        )

    def _one_to_one(self, minutes, mentorship=None):
        return self.env["mm.contact"].create(
            {
                "mentorship_id": (mentorship or self.mentorship_a).id,
                "date": datetime(2026, 5, 4, 10),
                "duration": minutes,
            }
        )

    def test_a_meeting_is_a_contact_moment_of_each_resident_who_came(self):
        meeting = self._meeting(self.mentorship_a, self.mentorship_c)
        contacts = meeting.contact_ids
        self.assertEqual(contacts.mentorship_id, self.mentorship_a | self.mentorship_c)
        self.assertEqual(set(contacts.mapped("kind")), {"group"})
        self.assertEqual(set(contacts.mapped("duration")), {120})
        self.assertEqual(contacts.user_id, self.mentor_a)
        self.assertEqual(self.mentorship_a.last_contact_date, datetime(2026, 6, 3, 14))
        self.assertEqual(meeting.attendee_count, 2)

        # changed in one place: every resident's contact follows the meeting
        meeting.with_user(self.mentor_a2).write(
            {"date": datetime(2026, 6, 4, 9), "duration": 90, "user_id": self.mentor_a2.id}
        )
        self.assertEqual(set(contacts.mapped("date")), {datetime(2026, 6, 4, 9)})
        self.assertEqual(set(contacts.mapped("duration")), {90})
        self.assertEqual(contacts.user_id, self.mentor_a2)
        self.assertEqual(self.mentorship_c.group_contact_hours, 1.5)

    def test_group_hours_count_up_to_the_share_in_settings(self):
        # 4 one-to-one hours, 6 in three meetings: at half, the group hours count no
        # more than the one-to-one hours (4 + 4); all of them 10; not at all 4; up to a
        # quarter 4 + 4/3, kept to a tenth
        self._one_to_one(240)
        for day in (3, 10, 17):
            self._meeting(self.mentorship_a, when=datetime(2026, 6, day, 14))
        mentorship = self.mentorship_a
        self.assertEqual(mentorship.group_contact_hours, 6.0)
        self.assertEqual(mentorship.contact_hours, 8.0)
        for share, hours in (("100", 10.0), ("0", 4.0), ("25", 5.3), ("50", 8.0)):
            with self.subTest(share=share):
                self.env["res.config.settings"].create({"mm_group_hours_share": share}).execute()
                # a new setting owes the running files a refresh by the daily job, now
                self.assertGreaterEqual(mentorship._refresh_pass_remaining(), 3)
                self.env["mm.mentorship"]._cron_fidelity_daily()
                self.assertAlmostEqual(mentorship.contact_hours, hours, places=6)
                self.assertEqual(mentorship.group_contact_hours, 6.0)

    def test_group_hours_help_reach_the_dosage_but_never_make_it_alone(self):
        self._one_to_one(12 * 60, self.mentorship_c)  # reached on one-to-one hours
        self.mentorship_c.date_start = date(2026, 1, 1)
        self.assertTrue(self.mentorship_c.fidelity_ok)
        for day in range(1, 13):  # 12 hours in groups and nothing else: not the method
            self._meeting(self.mentorship_a, when=datetime(2026, 6, day, 14), minutes=60)
        self.assertEqual(self.mentorship_a.contact_hours, 0.0)
        self.assertFalse(self.mentorship_a.fidelity_ok)
        self._one_to_one(6 * 60)  # 6 one-to-one hours and 6 of the 12 in groups
        self.assertEqual(self.mentorship_a.contact_hours, 12.0)
        self.assertTrue(self.mentorship_a.fidelity_ok)

    def test_a_resident_s_group_contact_changes_only_with_its_meeting(self):
        contact = self._meeting(self.mentorship_a).contact_ids
        for values in ({"date": datetime(2026, 6, 5, 9)}, {"duration": 30}, {"kind": "phone"}):
            with (
                self.subTest(values=values),
                self.assertRefused(ValidationError, "part of the group meeting Budgeting"),
            ):
                contact.with_user(self.mentor_a).write(values)
        with self.assertRefused(ValidationError, "Team > Group meetings"):
            self.env["mm.contact"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_a.id, "kind": "group", "duration": 60}
            )
        # a resident who did not come after all: their line goes, the others' stay
        meeting = contact.group_meeting_id
        self._meeting(self.mentorship_c)  # another meeting, untouched
        meeting.with_user(self.mentor_a).contact_ids = [(2, contact.id)]
        self.assertFalse(contact.exists())
        self.assertFalse(self.mentorship_a.contact_ids)

    def test_only_residents_of_the_meeting_s_team_join_it(self):
        with self.assertRefused(ValidationError, "Only residents of team Team A"):
            self._meeting(self.mentorship_a, self.mentorship_b, user=self.manager)
        meeting = self._meeting(self.mentorship_a, user=self.manager)
        with self.assertRefused(UserError, "stays with its team"):
            meeting.team_id = self.team_b
        other = self.env["res.company"].create({"name": "Elsewhere"})
        with self.assertRefused(UserError, "stays with its team"):  # its stored company
            meeting.with_user(self.mentor_a).company_id = other
        # a mentor of another team neither sees the meeting nor slips a file into it
        self.assertFalse(self.env["mm.group.meeting"].with_user(self.mentor_b).search([]))
        with self.assertRaises(AccessError):
            self.env["mm.contact"].with_user(self.mentor_b).create(
                {"mentorship_id": self.mentorship_b.id, "group_meeting_id": meeting.id}
            )
        with self.assertRaises(AccessError):
            self._meeting(self.mentorship_b, user=self.mentor_b)  # not their team's
        with self.assertRaises(AccessError):  # nor by a default in the context
            self.env["mm.contact"].with_user(self.mentor_b).with_context(
                default_group_meeting_id=meeting.id
            ).create({"mentorship_id": self.mentorship_b.id})
        # once on the list of a meeting
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            meeting.with_user(self.mentor_a).contact_ids = [
                (0, 0, {"mentorship_id": self.mentorship_a.id})
            ]
            self.env.flush_all()

    def test_a_meeting_deleted_takes_its_contacts_along_through_the_orm(self):
        self._one_to_one(60)
        meeting = self._meeting(self.mentorship_a, when=datetime(2026, 6, 20, 14))
        self.assertEqual(self.mentorship_a.last_contact_date, datetime(2026, 6, 20, 14))
        self.assertEqual(self.mentorship_a.group_contact_hours, 2.0)
        meeting.with_user(self.mentor_a2).unlink()
        self.assertEqual(self.mentorship_a.last_contact_date, datetime(2026, 5, 4, 10))
        self.assertEqual(self.mentorship_a.group_contact_hours, 0.0)
        self.assertEqual(len(self.mentorship_a.contact_ids), 1)

    def test_a_file_moved_to_another_team_keeps_the_meetings_it_came_to(self):
        meeting = self._meeting(self.mentorship_a, self.mentorship_c)
        self.mentorship_c.with_user(self.manager).team_id = self.team_b
        meeting.with_user(self.mentor_a).duration = 60
        self.assertEqual(set(meeting.contact_ids.mapped("duration")), {60})

    def test_back_office_reads_that_it_happened_and_nothing_of_the_meeting(self):
        meeting = self._meeting(self.mentorship_a, self.mentorship_c)
        meeting.contact_ids.summary = "Secret ALPHA"
        meeting.note = "Team note ALPHA"
        Contact = self.env["mm.contact"].with_user(self.backoffice)
        rows = Contact.search_read(
            [("mentorship_id", "=", self.mentorship_a.id)], ["kind", "date", "duration"]
        )
        self.assertEqual([(row["kind"], row["duration"]) for row in rows], [("group", 120)])
        with self.assertRaises(AccessError):
            Contact.browse(rows[0]["id"]).read(["group_meeting_id"])
        with self.assertRaises(AccessError):
            meeting.with_user(self.backoffice).read(["name"])
        with self.assertRaises(AccessError):
            Contact.browse(rows[0]["id"]).read(["summary"])

    def test_export_and_anonymisation_keep_the_dosage(self):
        self._one_to_one(240)
        meeting = self._meeting(self.mentorship_a, self.mentorship_c)
        meeting.contact_ids.filtered(
            lambda contact: contact.mentorship_id == self.mentorship_a
        ).summary = "Asked about ALPHA"
        contacts = self.resident_a._mm_export_data()["mentorships"][0]["contacts"]
        group = [row for row in contacts if row["kind"] == "group"]
        self.assertEqual(len(group), 1)
        self.assertEqual(group[0]["minutes"], 120)
        self.assertEqual(group[0]["summary"], "Asked about ALPHA")
        self.assertNotIn("Resident C", str(contacts), "nothing of the other attendees")

        self.mentorship_a._anonymise()
        self.env.invalidate_all()
        self.assertEqual(self.mentorship_a.group_contact_hours, 2.0)
        self.assertEqual(self.mentorship_a.contact_hours, 6.0)
        self.assertFalse(any(self.mentorship_a.contact_ids.mapped("summary")))
        self.assertEqual(meeting.attendee_count, 2)

    def test_the_demo_tells_it(self):
        meeting = self.env.ref("mobility_mentoring.group_meeting_budgeting_demo")
        self.assertEqual(len(meeting.contact_ids), 4)
        self.assertEqual(set(meeting.contact_ids.mapped("kind")), {"group"})
        noor = self.env.ref("mobility_mentoring.mentorship_noor_demo")
        self.assertEqual(noor.group_contact_hours, 1.5)
        intervisie = self.env.ref("mobility_mentoring.intervisie_noord_demo")
        self.assertEqual(len(intervisie.review_ids), 3)
        self.assertEqual(set(intervisie.review_ids.mapped("date")), {intervisie.date})
