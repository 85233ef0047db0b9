from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BACKOFFICE, MENTOR, MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestMailAccess(MobilityMentoringCase):
    """Back office may write to the mentor on what it can only read. That must not
    let it mail out files it may not read, nor touch the mentors' activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.letter_a = cls._letter(cls.mentorship_a, "doctor-a.pdf")
        cls.letter_b = cls._letter(cls.mentorship_b, "doctor-b.pdf")
        cls.todo = cls.mentorship_a.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.mentor_a.id,
            summary="Ask about the gambling",
            note="Partner does not know",
        )

    @classmethod
    def _letter(cls, record, name):
        return cls.env["ir.attachment"].create(
            {"name": name, "raw": b"letter", "res_model": record._name, "res_id": record.id}
        )

    def _post(self, record, user, attachment):
        return record.with_user(user).message_post(
            body="See the attached file",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachment.ids,
        )

    def test_back_office_cannot_send_out_a_file_it_may_not_read(self):
        for record in (self.mentorship_a, self.file_a["goal"], self.file_a["action"]):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                self._post(self.mentorship_a, self.backoffice, self._letter(record, "letter.pdf"))
        self.assertEqual(self.letter_a.res_id, self.mentorship_a.id, "the file stays put")

    def test_a_mentor_cannot_send_out_a_file_of_another_team(self):
        with self.assertRaises(AccessError):
            self._post(self.mentorship_a, self.mentor_a, self.letter_b)

    def test_a_file_uploaded_in_the_composer_goes_with_the_message(self):
        for user in (self.mentor_a, self.backoffice):
            with self.subTest(user=user.login):
                upload = (
                    self.env["ir.attachment"]
                    .with_user(user)
                    .create(
                        {
                            "name": "payment-plan.pdf",
                            "raw": b"plan",
                            "res_model": "mail.compose.message",
                            "res_id": 0,
                        }
                    )
                )
                message = self._post(self.mentorship_a, user, upload)
                self.assertEqual(message.attachment_ids, upload)

    def test_an_edited_message_cannot_take_a_file_either(self):
        message = self._post(self.mentorship_a, self.backoffice, self.env["ir.attachment"])
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice)._message_update_content(
                message, "Edited", attachment_ids=self.letter_a.ids
            )

    def test_a_scheduled_message_cannot_take_a_file_either(self):
        with self.assertRaises(AccessError):
            self.env["mail.scheduled.message"].with_user(self.backoffice).create(
                {
                    "model": "mm.mentorship",
                    "res_id": self.mentorship_a.id,
                    "author_id": self.backoffice.partner_id.id,
                    "body": "Later",
                    "scheduled_date": "2099-01-01 08:00:00",
                    "attachment_ids": [(6, 0, self.letter_a.ids)],
                }
            )

    def test_back_office_has_no_access_to_the_mentors_activities(self):
        Activity = self.env["mail.activity"].with_user(self.backoffice)
        mentorship = self.mentorship_a.with_user(self.backoffice)
        self.assertFalse(Activity.search([("res_model", "=", "mm.mentorship")]))
        self.assertFalse(mentorship.activity_ids)
        attempts = {
            "read": lambda: self.todo.with_user(self.backoffice).read(["note", "summary"]),
            "write": lambda: self.todo.with_user(self.backoffice).write({"note": "Changed"}),
            "done": lambda: self.todo.with_user(self.backoffice).action_feedback("Done"),
            "unlink": lambda: self.todo.with_user(self.backoffice).unlink(),
            "schedule": lambda: mentorship.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.backoffice.id
            ),
            "summary": lambda: mentorship.read(["activity_summary"]),
        }
        for operation, attempt in attempts.items():
            with self.subTest(operation=operation), self.assertRaises(AccessError):
                attempt()
        self.assertTrue(self.todo.exists())

    def test_back_office_keeps_its_activities_elsewhere(self):
        self.backoffice.groups_id |= self.env.ref("base.group_partner_manager")
        partner = self.env["res.partner"].create({"name": "A supplier"})
        activity = partner.with_user(self.backoffice).activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.backoffice.id, note="Call back"
        )
        activity.with_user(self.backoffice).write({"note": "Called"})
        activity.with_user(self.backoffice).action_feedback("Done")

    def test_mentors_and_a_mentor_in_back_office_keep_their_activities(self):
        both = self._user("mentor_and_backoffice_test", f"{MENTOR},{BACKOFFICE}")
        self.team_a.member_ids |= both
        for user in (self.mentor_a2, both):
            with self.subTest(user=user.login):
                self.assertIn("gambling", self.todo.with_user(user).summary)
                self.mentorship_a.with_user(user).activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id
                )

    def test_a_mentor_gets_no_access_to_activities_outside_mentoring(self):
        """The mentor rule opens nothing that Odoo's own rules close."""
        partner = self.env["res.partner"].create({"name": "Somebody's contact"})
        other = partner.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.manager.id, note="Not yours"
        )
        employee_only = self._user("employee_only_test", "base.group_user")
        for user in (self.mentor_a, self.backoffice, employee_only):
            with self.subTest(user=user.login):
                # Odoo lets whoever may edit the contact edit its activities; a mentor
                # or back office user gets exactly the same as a plain employee
                self.assertEqual(
                    other.with_user(user).has_access("write"),
                    other.with_user(employee_only).has_access("write"),
                )

    def test_a_back_office_follower_gets_no_internal_note(self):
        internal = self.env.ref("mail.mt_note") | self.env.ref("mail.mt_activities")
        mentorship = self.mentorship_a.with_user(self.backoffice)
        mentorship.message_subscribe(
            self.backoffice.partner_id.ids, (internal | self.env.ref("mail.mt_comment")).ids
        )
        follower = self.mentorship_a.message_follower_ids.filtered(
            lambda f: f.partner_id == self.backoffice.partner_id
        )
        self.assertFalse(follower.subtype_ids & internal, "internal subtypes are left out")
        follower.sudo().subtype_ids |= internal  # as if set some other way
        note = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Coaching: gambling relapse",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.backoffice.partner_id.ids,
        )
        self.assertNotIn(self.backoffice.partner_id, note.notification_ids.res_partner_id)
        comment = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Appointment moved", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.backoffice.partner_id, comment.notification_ids.res_partner_id)

    def test_back_office_writes_in_its_own_name_to_colleagues(self):
        mentorship = self.mentorship_a.with_user(self.backoffice)
        for values in (
            {"author_id": self.mentor_a.partner_id.id},
            {"email_from": "mentor@example.com"},
            {"partner_ids": self.resident_a.ids},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                mentorship.message_post(body="Hello", message_type="comment", **values)
        with self.assertRaises(AccessError):
            mentorship.action_send_action_list()
        message = mentorship.message_post(
            body="Can we call?", message_type="comment", partner_ids=self.mentor_a.partner_id.ids
        )
        self.assertEqual(message.author_id, self.backoffice.partner_id)

    def test_back_office_reads_no_mentors_scheduled_note(self):
        Scheduled = self.env["mail.scheduled.message"]
        note = Scheduled.with_user(self.mentor_a).create(
            {
                "model": "mm.mentorship",
                "res_id": self.mentorship_a.id,
                "author_id": self.mentor_a.partner_id.id,
                "body": "Note for later: gambling",
                "is_note": True,
                "scheduled_date": "2099-01-01 08:00:00",
            }
        )
        upload = self._letter(note, "later.pdf")
        own = Scheduled.with_user(self.backoffice).create(
            {
                "model": "mm.mentorship",
                "res_id": self.mentorship_a.id,
                "author_id": self.backoffice.partner_id.id,
                "body": "Reminder to myself",
                "scheduled_date": "2099-01-01 08:00:00",
            }
        )
        found = Scheduled.with_user(self.backoffice).search([("model", "=", "mm.mentorship")])
        self.assertEqual(found, own)
        with self.assertRaises(AccessError):
            note.with_user(self.backoffice).read(["body"])
        with self.assertRaises(AccessError):
            upload.with_user(self.backoffice).read(["name"])
        self.assertEqual(Scheduled.with_user(self.mentor_a2).search([("id", "=", note.id)]), note)

    def test_activity_feedback_cannot_carry_another_teams_file(self):
        with self.assertRaises(AccessError):
            self.todo.with_user(self.mentor_a).action_feedback(
                "Done", attachment_ids=self.letter_b.ids
            )
        self.assertTrue(self.todo.exists())

    def test_back_office_does_not_see_what_the_next_todo_is(self):
        for fname in ("activity_type_id", "activity_type_icon", "activity_summary"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                self.mentorship_a.with_user(self.backoffice).read([fname])
