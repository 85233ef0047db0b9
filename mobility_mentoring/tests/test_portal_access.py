from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ACCESS_ERROR, SECRET, PortalHttpCase, ResidentCase, call_kw

RESIDENT_MODELS = {
    "mentorship": "mm.mentorship",
    "assessment": "mm.assessment",
    "line": "mm.assessment.line",
    "goal": "mm.goal",
    "action": "mm.action",
    "reward": "mm.reward",
}
CONFIDENTIAL = [
    ("mm.mentorship", "confidential_note"),
    ("mm.goal", "confidential_note"),
    ("mm.assessment", "note"),
    ("mm.assessment.line", "note"),
    ("mm.reward", "note"),
]


@tagged("post_install", "-at_install")
class TestPortalAccess(ResidentCase):
    """What a resident (portal user) reads of the mentoring files, through the ORM."""

    def _as_resident(self, model="mm.mentorship", user=None):
        return self.env[model].with_user(user or self.resident_user_a)

    def test_reads_own_files_only(self):
        for key, model in RESIDENT_MODELS.items():
            with self.subTest(model=model):
                found = self._as_resident(model).search([])
                self.assertEqual(found.sudo().partner_id, self.resident_a)
                self.assertIn(
                    self.file_a[key].filtered(lambda r: r.state != "proposed")[:1].id, found.ids
                )
                self.assertFalse(set(self.file_b[key].ids) & set(found.ids))
                with self.assertRaises(AccessError):
                    self._as_resident(model).browse(self.file_b[key][:1].id).read(["display_name"])

    def test_nothing_once_access_ended(self):
        self.mentorship_a.with_user(self.mentor_a).action_revoke_portal_access()
        for model in RESIDENT_MODELS.values():
            with self.subTest(model=model):
                self.assertFalse(self._as_resident(model).search([]))

    def test_draft_assessment_only_when_opened_to_the_resident(self):
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        Assessment = self._as_resident("mm.assessment")
        self.assertNotIn(draft, Assessment.search([]))
        self.assertFalse(
            self._as_resident("mm.assessment.line").search([("assessment_id", "=", draft.id)])
        )
        draft.with_user(self.mentor_a).action_let_resident_fill_in()
        self.assertIn(draft.id, Assessment.search([]).ids)
        self.assertEqual(
            len(self._as_resident("mm.assessment.line").search([("assessment_id", "=", draft.id)])),
            len(draft.line_ids),
        )

    def test_rewards_only_once_approved(self):
        compliment = self.file_a["reward"].filtered(lambda r: r.state == "approved")
        voucher = self.file_a["reward"] - compliment
        self.assertEqual(voucher.state, "proposed")  # the shipped voucher needs approval
        self.assertEqual(self._as_resident("mm.reward").search([]), compliment)
        for state in ("delivered", "cancelled"):
            voucher.state = state
            visible = self._as_resident("mm.reward").search([])
            self.assertEqual(voucher in visible, state == "delivered")

    def test_confidential_fields_unreadable_every_way(self):
        for model, fname in CONFIDENTIAL:
            Model = self._as_resident(model)
            own = Model.search([], limit=1)
            with self.subTest(model=model, way="read"), self.assertRaises(AccessError):
                own.read([fname])
            with self.subTest(model=model, way="search"), self.assertRaises(AccessError):
                Model.search([(fname, "ilike", "secret")])
            with self.subTest(model=model, way="read_group"), self.assertRaises(AccessError):
                Model.read_group([], [fname], [fname])

    def test_goal_shows_the_residents_own_words(self):
        self.file_a["goal"].description = "I want peace of mind"
        goal = self._as_resident("mm.goal").browse(self.file_a["goal"].id)
        self.assertEqual(goal.description, "I want peace of mind")

    def test_writes_nothing_directly(self):
        action = self._as_resident("mm.action").browse(self.file_a["action"].id)
        with self.assertRaises(AccessError):
            action.write({"name": "Something else"})
        with self.assertRaises(AccessError):
            action.unlink()
        with self.assertRaises(AccessError):
            self._as_resident("mm.action").create(
                {"goal_id": self.file_a["goal"].id, "name": "Mine", "deadline": "2030-01-01"}
            )
        line = self._as_resident("mm.assessment.line").browse(self.file_a["line"].id)
        with self.assertRaises(UserError):
            line.write({"is_priority": True})
        with self.assertRaises(AccessError):
            self.resident_a.with_user(self.resident_user_a).write({"mm_portal_access": True})

    def test_access_flag_is_the_systems(self):
        for user in (self.mentor_a, self.manager, self.backoffice):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.resident_c.with_user(user).write({"mm_portal_access": True})

    def test_no_internal_notes_or_their_files(self):
        mentorship = self.mentorship_a.with_user(self.mentor_a)
        secret_file = self.env["ir.attachment"].create(
            {
                "name": "debts.pdf",
                "raw": b"secret",
                "res_model": "mm.mentorship",
                "res_id": self.mentorship_a.id,
            }
        )
        note = mentorship.message_post(
            body="Planted secret: gambling",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=secret_file.ids,
        )
        system_note = mentorship.message_post(body="Planted secret: system note")
        to_resident = mentorship.message_post(
            body="See you Monday", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        as_resident = self._as_resident().browse(self.mentorship_a.id)
        messages = as_resident.message_ids
        self.assertIn(to_resident, messages)
        self.assertNotIn(note.id, messages.ids)
        for message in (note, system_note):
            with self.assertRaises(AccessError):
                message.with_user(self.resident_user_a).read(["body"])
        with self.assertRaises(AccessError):
            secret_file.with_user(self.resident_user_a).read(["datas"])

    def test_message_to_the_mentor(self):
        self.mentorship_a.message_subscribe(partner_ids=self.mentor_a.partner_id.ids)
        mentorship = self._as_resident().browse(self.mentorship_a.id)
        message = mentorship.message_post(
            body="I called the landlord", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(message.author_id, self.resident_a)
        self.assertIn(self.mentor_a.partner_id, message.notification_ids.res_partner_id)

    def test_message_in_own_name_to_the_mentor_only(self):
        mentorship = self._as_resident().browse(self.mentorship_a.id)
        refused = [
            {"author_id": self.mentor_a.partner_id.id},
            {"email_from": "mentor@example.com"},
            {"partner_ids": [self.resident_b.id]},
            {"subtype_xmlid": "mail.mt_note"},
            {"message_type": "notification"},
        ]
        for values in refused:
            with self.subTest(values=values), self.assertRaises(AccessError):
                mentorship.message_post(body="Hello", **{"message_type": "comment", **values})
        # nor on a record of theirs that they cannot write
        with self.assertRaises(AccessError):
            self._as_resident("mm.action").browse(self.file_a["action"].id).message_post(
                body="Hi", message_type="comment"
            )

    def test_files_of_other_records_cannot_be_posted(self):
        other = self.env["ir.attachment"].create(
            {
                "name": "b.pdf",
                "raw": b"b",
                "res_model": "mm.mentorship",
                "res_id": self.mentorship_b.id,
            }
        )
        mentorship = self._as_resident().browse(self.mentorship_a.id)
        with self.assertRaises(AccessError):
            mentorship.message_post(body="Here", message_type="comment", attachment_ids=other.ids)
        self.assertEqual(other.res_id, self.mentorship_b.id)


# Over JSON-RPC and the mail routes, as a browser sends them
@tagged("post_install", "-at_install")
class TestPortalRpc(PortalHttpCase):
    """A portal user reaches /web/dataset/call_kw and the mail routes too."""

    def _call(self, model, method, *args, **kwargs):
        return call_kw(self, "resident_a_test", model, method, *args, **kwargs)

    def test_search_read_returns_own_records_only(self):
        for model in ("mm.mentorship", "mm.goal", "mm.action", "mm.assessment.line"):
            with self.subTest(model=model):
                result = self._call(model, "search_read", [], ["display_name"])["result"]
                ids = {row["id"] for row in result}
                self.assertTrue(ids)
                self.assertEqual(
                    set(self.env[model].browse(ids).partner_id.ids), {self.resident_a.id}
                )

    def test_other_residents_and_secrets_refused(self):
        file_b = self.file_b
        calls = [
            ("mm.mentorship", "read", [file_b["mentorship"].id], ["display_name"]),
            ("mm.action", "action_report_done", [file_b["action"].id]),
            ("mm.mentorship", "read", [self.mentorship_a.id], ["confidential_note"]),
            ("mm.goal", "search_read", [("confidential_note", "ilike", "a")], ["name"]),
            ("mm.action", "write", [self.file_a["action"].id], {"name": "x"}),
            ("mm.mentorship", "message_post", [self.mentorship_a.id]),
        ]
        for model, method, *args in calls:
            with self.subTest(model=model, method=method):
                kwargs = (
                    {"body": "x", "author_id": self.mentor_a.partner_id.id}
                    if method == "message_post"
                    else {}
                )
                response = self._call(model, method, *args, **kwargs)
                self.assertEqual(response["error"]["data"]["name"], ACCESS_ERROR, response)
                self.assertNotIn("Resident B", str(response))

    def test_chatter_routes_show_no_internal_notes(self):
        note = self.mentorship_a.with_user(self.mentor_a).message_post(
            body=SECRET, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.mentorship_a.message_post(body=SECRET)
        self.authenticate("resident_a_test", "resident_a_test")
        for route, params in (
            (
                "/mail/chatter_fetch",
                {"thread_model": "mm.mentorship", "thread_id": self.mentorship_a.id},
            ),
            (
                "/mail/thread/messages",
                {"thread_model": "mm.mentorship", "thread_id": self.mentorship_a.id},
            ),
        ):
            with self.subTest(route=route):
                response = self.make_jsonrpc_request(route, params)
                self.assertNotIn(SECRET, str(response))
                self.assertNotIn(
                    note.id, [m.get("id") for m in response.get("data", {}).get("mail.message", [])]
                )
        # another resident's thread: nothing
        self.mentorship_b.message_post(body="Thread B", message_type="comment")
        response = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "mm.mentorship", "thread_id": self.mentorship_b.id},
        )
        self.assertNotIn("Thread B", str(response))
