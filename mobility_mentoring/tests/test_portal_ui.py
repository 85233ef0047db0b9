from odoo.tests import tagged

from .accessibility import AxeMixin, KeyboardMixin
from .common import PortalHttpCase, load_dutch


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


@tagged("post_install", "-at_install")
class TestPortalKeyboard(KeyboardMixin, PortalHttpCase):
    """MijnOverzicht with the keyboard alone, on a phone-size screen: what comes first
    by Tab, where the focus is after Done and after its undo, and that it shows."""

    browser_size = "375x667"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overdue = cls.env["mm.action"].create(
            {"goal_id": cls.file_a["goal"].id, "name": "Pay the rent", "deadline": "2026-01-05"}
        )
        cls.draft = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.draft.action_let_resident_fill_in()

    def test_mijn_overzicht_by_keyboard(self):
        def done(focused):
            return "o_mm_done" in focused["classes"]

        with self.keyboard("/my/mentoring", "resident_a_test") as keys:
            # from the top: the Bridge to fill in and the jump links come before the
            # plan, the overdue action's Done first of all
            passed = keys.tab_until(done)
            texts = [focused["text"] for focused in passed if focused]
            bridge = texts.index("Fill in your Bridge")
            plan = texts.index("My plan")
            self.assertLess(bridge, plan)
            self.assertEqual(passed[-1]["item"], f"action-{self.overdue.id}")
            # each stop shows where the focus is, and has a name to read out
            for focused in passed:
                self.assertTrue(focused and focused["visible"] and focused["text"], focused)

            # a jump link takes the focus to its section: the next Tab is in the plan,
            # on its Read aloud (the browser can speak), then the overdue action
            keys.evaluate("window.scrollTo(0, 0)")
            keys.evaluate("document.querySelector('.o_mm_jump a[href=\"#plan\"]').focus()")
            keys.press("Enter")
            self.assertEqual(keys.evaluate("location.hash"), "#plan")
            read_aloud = keys.press("Tab")
            self.assertIn("o_mm_read_aloud", read_aloud["classes"], read_aloud)
            self.assertEqual(read_aloud["item"], "plan")
            self.assertEqual(keys.press("Tab")["item"], f"action-{self.overdue.id}")

            # Done by keyboard: back on the same action, whose undo is the next stop
            keys.enter_and_load()
            self.assertEqual(self.overdue.state, "reported")
            undo = keys.press("Tab")
            self.assertIn("o_mm_undo", undo["classes"], undo)
            self.assertEqual(undo["item"], f"action-{self.overdue.id}")
            self.assertTrue(undo["visible"])

            # and the undo by keyboard: Done is the next stop again
            keys.enter_and_load()
            self.overdue.invalidate_recordset(["state"])
            self.assertEqual(self.overdue.state, "open")
            again = keys.press("Tab")
            self.assertIn("o_mm_done", again["classes"], again)
            self.assertEqual(again["item"], f"action-{self.overdue.id}")

    def test_fill_in_the_bridge_by_keyboard(self):
        first = self.draft.line_ids.sorted(lambda line: (line.pillar_id.sequence, line.id))
        first = first.filtered(lambda line: line.dimension_id.step_ids)[0]

        def step(level):
            return lambda focused: (
                "o_mm_step" in focused["classes"] and focused["text"].startswith(f"{level}.")
            )

        with self.keyboard("/my/mentoring/bridge", "resident_a_test") as keys:
            passed = keys.tab_until(step(3))
            texts = [focused["text"] for focused in passed]
            # back first, then the first ladder's steps from the lowest
            self.assertLess(texts.index("Back to MijnOverzicht"), len(texts) - 3)
            self.assertEqual(passed[-1]["item"], f"line-{first.id}")
            self.assertTrue(all(focused["visible"] for focused in passed))
            keys.enter_and_load()
            self.assertEqual(first.level, 3)
            # back on the same ladder, its chosen step marked for a screen reader
            self.assertEqual(keys.press("Tab")["item"], f"line-{first.id}")
            pressed = keys.evaluate(
                f"document.querySelector('#line-{first.id} [aria-pressed=true]').innerText"
            )
            self.assertTrue(pressed.startswith("3."), pressed)


@tagged("post_install", "-at_install")
class TestPortalEasyRead(AxeMixin, PortalHttpCase):
    """The simple view for a resident who reads with difficulty, and read aloud, in
    headless Chromium on a phone, in Dutch."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        load_dutch(cls.env)
        cls.resident_user_a.partner_id.lang = "nl_NL"
        if "website" in cls.env:  # beside the website app, a page in its languages only
            cls.env["website"].search([]).language_ids |= cls.env.ref("base.lang_nl")
        cls.env["mm.action"].create(
            {
                "goal_id": cls.file_a["goal"].id,
                "name": "Call the debt counsellor",
                "deadline": "2030-01-31",
            }
        )
        cls.draft = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.draft.action_let_resident_fill_in()

    def _page(self, url):
        """The page in Dutch (with the website app installed, from /nl/...)."""
        self.authenticate("resident_a_test", "resident_a_test")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_simple_view_fills_in_a_ladder_by_tapping_pictures(self):
        self.mentorship_a.with_user(self.mentor_a).easy_read = True
        page = self._page("/my/mentoring/bridge")
        housing = self.env.ref("mobility_mentoring.step_housing_1").with_context(lang="nl_NL")
        self.assertIn(housing.easy_text, page)
        self.assertNotIn(housing.with_context(lang="nl_NL").description, page)
        self.start_tour("/my/mentoring/bridge", "mm_portal_easy_read_tour", login="resident_a_test")
        first = self.draft.line_ids.sorted(lambda line: (line.pillar_id.sequence, line.id))[0]
        self.assertEqual(first.level, 4)
        self.assertTrue(first.filled_by_resident)
        for url in ("/my/mentoring", "/my/mentoring/bridge"):
            with self.subTest(url=url):
                self.assert_accessible(url, "resident_a_test")

    def test_the_usual_view_shows_the_pictures_beside_the_longer_texts(self):
        page = self._page("/my/mentoring/bridge")
        housing = self.env.ref("mobility_mentoring.step_housing_1").with_context(lang="nl_NL")
        self.assertIn(housing.description, page)
        self.assertIn(housing.easy_text, page)
        self.assertIn(f"/web/image/mm.step/{housing.id}/pictogram", page)
        # the resident's browser fetches the picture with the resident's rights
        picture = self._get(housing._pictogram_url())
        self.assertEqual(picture.status_code, 200)
        self.assertTrue(picture.headers["Content-Type"].startswith("image/svg+xml"))
        self.assertIn("default-src 'none'", picture.headers["Content-Security-Policy"])

    def test_read_aloud_speaks_my_plan_in_dutch(self):
        self.start_tour("/my/mentoring", "mm_portal_read_aloud_tour", login="resident_a_test")
        # without script the button is not there for the eye: the page works as before
        self.assertIn(
            'class="btn btn-outline-dark o_mm_tap o_mm_read_aloud mb-2" hidden="hidden"',
            self._page("/my/mentoring"),
        )
