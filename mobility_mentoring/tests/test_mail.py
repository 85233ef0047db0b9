from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import (
    ACCESS_ERROR,
    BACKOFFICE,
    MENTOR,
    SECRET,
    DebtsOnFileCase,
    MobilityMentoringCase,
    PortalHttpCase,
    ResidentCase,
    RpcCase,
    call_kw,
)


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


@tagged("post_install", "-at_install")
class TestBackOfficeWritesToTheTeam(ResidentCase):
    # hole 4
    def test_back_office_message_never_reaches_the_resident(self):
        mentorship = self.mentorship_a
        mentorship.message_subscribe(partner_ids=(self.resident_a | self.mentor_a.partner_id).ids)
        message = mentorship.with_user(self.backoffice).message_post(
            body="Is the payment plan signed?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = message.sudo().notification_ids.res_partner_id
        self.assertIn(self.mentor_a.partner_id, notified, "the mentor is told")
        self.assertNotIn(self.resident_a, notified, "the resident is not")
        self.assertTrue(message.sudo().subtype_id.internal)
        # not on MijnOverzicht, nor readable by the resident in any other way
        conversation = mentorship.with_user(self.resident_user_a)._portal_conversation()
        self.assertNotIn(message, conversation)
        with self.assertRaises(AccessError):
            message.with_user(self.resident_user_a).read(["body"])
        # back office reads what it wrote, and the mentor reads it
        message.with_user(self.backoffice).read(["body"])
        message.with_user(self.mentor_a).read(["body"])


@tagged("post_install", "-at_install")
class TestMailOfAFile(DebtsOnFileCase):
    """Back office neither searches through the mentors' notes and to-dos nor forges
    a message or history."""

    def test_no_search_through_the_mentors_notes_and_to_dos(self):
        self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Gambling debts", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.mentorship_a.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.mentor_a.id,
            summary="Gambling",
            note="Partner does not know",
        )
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        for domain in (
            [("message_ids", "any", [("body", "ilike", "gambling")])],
            [("message_ids.body", "ilike", "gambling")],
            [("activity_ids", "any", [("summary", "ilike", "gambling")])],
            [("activity_ids.note", "ilike", "partner")],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(
                    Mentorship.search_count([("id", "=", self.mentorship_a.id), *domain]), 0
                )
        # the mentor still finds their own note and to-do
        mentor = self.env["mm.mentorship"].with_user(self.mentor_a)
        self.assertEqual(
            mentor.search([("message_ids.body", "ilike", "gambling")]), self.mentorship_a
        )
        self.assertEqual(
            mentor.search([("activity_ids.summary", "ilike", "gambling")]), self.mentorship_a
        )

    def test_back_office_cannot_forge_a_message_or_history(self):
        Message = self.env["mail.message"].with_user(self.backoffice)
        comment = self.env.ref("mail.mt_comment").id
        base = {"model": "mm.mentorship", "res_id": self.mentorship_a.id, "body": "Forged"}
        for values in (
            {
                "message_type": "comment",
                "subtype_id": comment,
                "author_id": self.mentor_a.partner_id.id,
            },
            {"message_type": "comment", "subtype_id": comment},
            {
                "message_type": "notification",
                "tracking_value_ids": [
                    Command.create(
                        {
                            "field_id": self.env["ir.model.fields"]
                            ._get("mm.mentorship", "state")
                            .id,
                            "old_value_char": "Active",
                            "new_value_char": "Closed",
                        }
                    )
                ],
            },
        ):
            with self.subTest(values=list(values)), self.assertRaises(AccessError):
                Message.create({**base, **values})
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.mentor_a).create(
                {**base, "message_type": "comment", "author_id": self.mentor_a2.partner_id.id}
            )


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestMailOverRpc(RpcCase):
    """Back office over JSON-RPC: no file of a mentor mailed out, no activity touched."""

    def test_back_office_cannot_mail_out_a_mentors_file(self):
        file = self.files["a"]
        response = self._call(
            "attack_backoffice",
            "mm.mentorship",
            "message_post",
            file["mentorship"].ids,
            body="See attached",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=file["letter"].ids,
        )
        self.assertRefused(response)
        self.assertFalse(file["mentorship"].message_ids.attachment_ids)

    def test_back_office_cannot_touch_the_mentors_activities(self):
        mentorship = self.files["a"]["mentorship"]
        todo = mentorship.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.users["attack_mentor_a"].id,
            note="Ask about the gambling",
        )
        found = self._call(
            "attack_backoffice",
            "mail.activity",
            "search_read",
            [("res_model", "=", "mm.mentorship")],
            fields=["note"],
        )
        self.assertEqual(found["result"], [])
        self.assertRefused(self._call("attack_backoffice", "mail.activity", "unlink", todo.ids))
        self.assertTrue(todo.exists())


# A resident over JSON-RPC and the mail routes
@tagged("post_install", "-at_install")
class TestPortalMailAttacks(PortalHttpCase):
    """Odoo's mail layer as a resident would try it over JSON-RPC: messages created on
    someone else's file through a parent sent to them, forged authors and history,
    rewriting what the mentor wrote, notes through the chatter route."""

    def setUp(self):
        super().setUp()
        self.comment = self.env.ref("mail.mt_comment").id
        # a message the mentor sent to the resident: the parent of the attacks
        self.to_resident = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="See you Monday",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.resident_a.ids,
        )

    def _call(self, model, method, *args, **kwargs):
        return call_kw(self, "resident_a_test", model, method, *args, **kwargs)

    def _create_message(self, **values):
        return self._call(
            "mail.message",
            "create",
            {"body": "Injected", "message_type": "comment", "subtype_id": self.comment, **values},
        )

    def _refused(self, response):
        self.assertEqual(
            response.get("error", {}).get("data", {}).get("name"), ACCESS_ERROR, response
        )

    def test_no_message_on_another_file_through_a_parent(self):
        for record in (self.file_b["mentorship"], self.file_b["goal"], self.file_b["action"]):
            with self.subTest(model=record._name):
                self._refused(
                    self._create_message(
                        model=record._name, res_id=record.id, parent_id=self.to_resident.id
                    )
                )
        self.assertNotIn("Injected", "".join(self.mentorship_b.message_ids.mapped("body")))

    def test_no_message_on_own_records_that_only_staff_post_on(self):
        self.file_a["goal"].message_subscribe(partner_ids=self.resident_a.ids)
        self._refused(self._create_message(model="mm.goal", res_id=self.file_a["goal"].id))

    def test_no_forged_author_or_history_on_own_file(self):
        mentorship = self.mentorship_a
        field = self.env["ir.model.fields"]._get("mm.mentorship", "state")
        for values in (
            {"author_id": self.mentor_a.partner_id.id},
            {"email_from": "mentor@example.com"},
            {
                "tracking_value_ids": [
                    (0, 0, {"field_id": field.id, "old_value_char": "a", "new_value_char": "b"})
                ]
            },
            {"subtype_id": self.env.ref("mail.mt_note").id},
        ):
            with self.subTest(values=list(values)):
                self._refused(
                    self._create_message(model="mm.mentorship", res_id=mentorship.id, **values)
                )

    def test_own_plain_message_still_possible(self):
        response = self._create_message(model="mm.mentorship", res_id=self.mentorship_a.id)
        self.assertIn("result", response, response)

    def test_no_rewriting_what_the_mentor_sent(self):
        self._refused(
            self._call("mail.message", "write", [self.to_resident.id], {"body": "Rewritten"})
        )
        self._refused(self._call("mail.message", "unlink", [self.to_resident.id]))
        self.assertIn("See you Monday", self.to_resident.body)

    def _route_post(self, **post_data):
        self.authenticate("resident_a_test", "resident_a_test")
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "mm.mentorship",
                "thread_id": self.mentorship_a.id,
                "post_data": post_data,
            },
        )

    def test_chatter_route_posts_no_note(self):
        with self.assertRaises(Exception):  # noqa: B017 - the AccessError as a JSON-RPC error
            self._route_post(body="A note", message_type="comment", subtype_xmlid="mail.mt_note")
        bodies = "".join(self.mentorship_a.message_ids.mapped("body"))
        self.assertNotIn("A note", bodies)

    def test_chatter_route_reaches_no_one_else(self):
        self._route_post(body="To B", message_type="comment", partner_ids=self.resident_b.ids)
        message = self.mentorship_a.message_ids[0]
        self.assertIn("To B", message.body)
        self.assertFalse(message.partner_ids)

    def test_no_reaction_on_an_internal_note(self):
        note = self.mentorship_a.with_user(self.mentor_a).message_post(
            body=SECRET, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.authenticate("resident_a_test", "resident_a_test")
        with self.assertRaises(Exception):  # noqa: B017 - NotFound as a JSON-RPC error
            self.make_jsonrpc_request(
                "/mail/message/reaction",
                {"action": "add", "content": "👍", "message_id": note.id},
            )
        self.assertFalse(note.sudo().reaction_ids)

    def test_no_text_of_a_strangers_choosing_on_the_page(self):
        response = self._get("/my/mentoring?error=Your+account+is+blocked")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Your account is blocked", response.text)

    def test_no_staff_message_on_another_teams_file_through_a_parent(self):
        sent = self.env["mail.message"].create(
            {"body": "Hi", "message_type": "comment", "partner_ids": self.mentor_b.partner_id.ids}
        )
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.mentor_b).create(
                {
                    "model": "mm.mentorship",
                    "res_id": self.mentorship_a.id,
                    "parent_id": sent.id,
                    "body": "Injected",
                    "message_type": "comment",
                }
            )
