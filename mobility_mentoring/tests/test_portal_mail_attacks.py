from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import call_kw
from .test_portal_pages import ACCESS_ERROR, SECRET, PortalHttpCase


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
