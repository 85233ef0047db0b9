from odoo.tests import tagged

from .accessibility import AxeMixin
from .common import PortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalUi(AxeMixin, PortalHttpCase):
    """MijnOverzicht in real headless Chromium, on a phone-size screen with touch."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.action = cls.env["mm.action"].create(
            {
                "goal_id": cls.file_a["goal"].id,
                "name": "Call the debt counsellor",
                "deadline": "2030-01-31",
                "if_then": "If the children are at school on Monday, then I call",
            }
        )
        cls.draft = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.draft.action_let_resident_fill_in()
        cls.mentorship_a.with_user(cls.mentor_a).message_post(
            body="See you on Monday", message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def test_resident_and_mentor_in_the_browser(self):
        # the resident taps Done, takes it back, taps Done again, fills in the Debts
        # ladder on the Bridge page and writes to the mentor
        self.start_tour("/my/mentoring", "mm_portal_resident_tour", login="resident_a_test")
        self.assertEqual(self.action.state, "reported")
        confirm = self.env.ref("mobility_mentoring.mail_activity_type_mm_action_reported")
        self.assertEqual(
            len(self.action.activity_ids.filtered(lambda a: a.activity_type_id == confirm)), 1
        )
        debts = self.draft.line_ids.filtered(lambda line: line.dimension_id.code == "debts")
        self.assertEqual(debts.level, 4)
        self.assertTrue(debts.is_priority and debts.filled_by_resident)
        self.assertIn("I sent the letter", self.mentorship_a.message_ids[0].body)

        # the mentor confirms the action and finalises the assessment in the back end
        self.start_tour(
            f"/odoo/action-mobility_mentoring.mm_action_action/{self.action.id}",
            "mm_confirm_reported_tour",
            login="mentor_a_test",
        )
        self.assertEqual(self.action.state, "done")
        self.start_tour(
            f"/odoo/action-mobility_mentoring.mm_assessment_action/{self.draft.id}",
            "mm_finalise_assessment_tour",
            login="mentor_a_test",
        )
        self.assertEqual(self.draft.state, "done")
        self.start_tour("/my/mentoring", "mm_portal_reward_tour", login="resident_a_test")

    def test_pages_pass_axe(self):
        for url in ("/my", "/my/mentoring", "/my/mentoring/bridge"):
            with self.subTest(url=url):
                # the page itself, not a redirect to another one
                self.assertEqual(self._get(url).status_code, 200)
                self.assert_accessible(url, "resident_a_test")
