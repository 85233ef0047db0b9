import re
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SECRET, PortalHttpCase, pdf_text

# the sections of the main page, in their order, as its jump links name them
SECTIONS = ["plan", "bridge", "rewards", "papers", "messages"]


@tagged("post_install", "-at_install")
class TestPortalPages(PortalHttpCase):
    """MijnOverzicht over HTTP: the resident's page, their changes, and every id that
    is not theirs."""

    def _plant_secrets(self):
        file = self.file_a
        self.mentorship_a.confidential_note = SECRET
        file["goal"].confidential_note = SECRET
        file["assessment"].note = SECRET
        file["line"].note = SECRET
        file["reward"].note = SECRET
        self.mentorship_a.with_user(self.mentor_a).message_post(
            body=SECRET, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.mentorship_a.message_post(body=SECRET)  # a system note

    def test_page_shows_the_residents_own_file(self):
        self._plant_secrets()
        response = self._get("/my/mentoring")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for expected in ("Goal A", "Action A", "I want peace of mind", "If it is Monday morning"):
            self.assertIn(expected, html)
        for unexpected in (SECRET, "Goal B", "Action B", "Resident B"):
            self.assertNotIn(unexpected, html)

    def test_plan_first_with_what_is_late_on_top(self):
        """The plan before the Bridge drawing, then the rest as before; a late action
        on top of the plan, then by deadline, whatever its pillar."""
        self.env["mm.action.limit"].search([]).action_archive()
        today = fields.Date.context_today(self.mentorship_a)
        goal = self._goal(self.mentorship_a, "wellbeing", name="Sleep better")
        self.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": "Late call", "deadline": today - timedelta(days=3)},
                {"goal_id": goal.id, "name": "Next walk", "deadline": today + timedelta(days=2)},
            ]
        )
        html = self._get("/my/mentoring").text
        sections = [html.index(f'id="{section}"') for section in SECTIONS]
        self.assertEqual(sections, sorted(sections), "plan, Bridge, rewards, papers, messages")
        self.assertLess(html.index('id="plan"'), html.index("Late call"))
        self.assertLess(html.index("Late call"), html.index("Next walk"))
        self.assertLess(html.index("Next walk"), html.index("Action A"))  # 2030
        self.assertIn("3 days late", html)

    def test_jump_links_to_every_section(self):
        html = self._get("/my/mentoring").text
        nav = re.search(r'<nav class="o_mm_jump.*?</nav>', html, re.S).group(0)
        self.assertEqual(re.findall(r'href="#([\w-]+)"', nav), SECTIONS)
        for section in SECTIONS:
            self.assertIn(f'id="{section}"', html)

    def test_home_has_the_tile(self):
        response = self._get("/my")
        self.assertIn('href="/my/mentoring"', response.text)

    def test_papers_are_the_residents_and_keep_secrets(self):
        self._plant_secrets()
        for kind in ("plan", "bridge"):
            with self.subTest(kind=kind):
                # under test, Odoo answers with the report's HTML instead of the PDF
                response = self._get(f"/my/mentoring/{self.mentorship_a.id}/report/{kind}")
                self.assertEqual(response.status_code, 200)
                self.assertIn("Goal A", response.text)
                self.assertNotIn(SECRET, response.text)
        praatplaat = self._get(f"/my/mentoring/{self.mentorship_a.id}/report/praatplaat")
        self.assertEqual(praatplaat.status_code, 200)
        self.assertIn("Tick the box where you are now", praatplaat.text)
        self.assertNotIn(SECRET, praatplaat.text)
        # the real PDF, rendered with the resident's rights (wkhtmltopdf calls back
        # into the server: not from inside a request, which would wait on itself)
        Report = self.env["ir.actions.report"].with_user(self.resident_user_a)
        pdf, _type = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "mobility_mentoring.action_report_goal_action_plan", self.mentorship_a.ids
        )
        plan = pdf_text(pdf)
        self.assertNotIn(SECRET, plan)
        self.assertIn("I want peace of mind", plan)
        self.assertIn("If it is Monday morning", plan)

    def test_tick_off_an_action(self):
        action = self.file_a["action"]
        response = self._post(f"/my/mentoring/action/{action.id}/done")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(action.state, "reported")
        self.assertIn("You said this is done", self._get("/my/mentoring").text)

    def test_take_back_a_mistaken_done(self):
        action = self.file_a["action"]
        undo = f"/my/mentoring/action/{action.id}/undo"
        self._post(f"/my/mentoring/action/{action.id}/done")
        html = self._get("/my/mentoring").text
        self.assertIn("Not done after all", html)
        self.assertIn(f'action="{undo}"', html)
        response = self._post(undo)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"#action-{action.id}"))
        self.assertEqual(action.state, "open")
        html = self._get("/my/mentoring").text
        self.assertIn(f'action="/my/mentoring/action/{action.id}/done"', html)
        self.assertNotIn("You said this is done", html)
        self.assertNotIn(undo, html)

    def test_no_taking_back_once_confirmed_or_paused(self):
        action = self.file_a["action"]
        undo = f"/my/mentoring/action/{action.id}/undo"
        self._post(f"/my/mentoring/action/{action.id}/done")
        self.mentorship_a.with_user(self.mentor_a).action_pause()
        self.assertNotIn(undo, self._get("/my/mentoring").text)  # no button
        response = self._post(undo)
        self.assertEqual(response.status_code, 200)
        self.assertIn("paused or closed", response.text)
        self.assertEqual(action.state, "reported")
        self.mentorship_a.with_user(self.mentor_a).action_resume()
        action.with_user(self.mentor_a).action_done()
        response = self._post(undo)
        self.assertIn("already dealt with", response.text)
        self.assertEqual(action.state, "done")

    def test_staff_cannot_take_back_for_the_resident(self):
        action = self.file_a["action"]
        self._post(f"/my/mentoring/action/{action.id}/done")
        response = self._post(f"/my/mentoring/action/{action.id}/undo", login="mentor_a_test")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(action.state, "reported")

    def test_answer_the_self_assessment(self):
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        draft.action_let_resident_fill_in()
        line = draft.line_ids.filtered(lambda line: line.dimension_id.code == "debts")
        step = self._step("debts", 4)
        bridge_page = f"/my/mentoring/{self.mentorship_a.id}/bridge"
        html = self._get("/my/mentoring").text
        self.assertIn("Fill in your Bridge", html)
        self.assertIn(f'href="{bridge_page}"', html)
        self.assertNotIn(f'action="/my/mentoring/line/{line.id}"', html)  # on its own page
        html = self._get(bridge_page).text
        self.assertIn(f'action="/my/mentoring/line/{line.id}"', html)
        self.assertEqual(self._get("/my/mentoring/bridge").status_code, 200)
        response = self._post(f"/my/mentoring/line/{line.id}", step_id=step.id)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"{bridge_page}#line-{line.id}"))
        self._post(f"/my/mentoring/line/{line.id}", priority="1")
        self.assertEqual(line.step_id, step)
        self.assertTrue(line.is_priority)
        response = self._post(f"/my/mentoring/line/{line.id}", step_id=self._step("work", 1).id)
        self.assertIn("Choose a step of this ladder", response.text)
        self.assertIn(f'action="/my/mentoring/line/{line.id}"', response.text)  # Bridge page
        self.assertEqual(line.step_id, step)
        # back on the main page: how far they are
        self.assertRegex(self._get("/my/mentoring").text, r"You filled in 1 of \d+ ladders")

    def test_bridge_page_only_while_open_to_the_resident(self):
        main_page = f"/my/mentoring/{self.mentorship_a.id}"
        for url in ("/my/mentoring/bridge", f"{main_page}/bridge"):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 303)
                self.assertTrue(response.headers["Location"].endswith(main_page))
        self.assertNotIn(f"{main_page}/bridge", self._get("/my/mentoring").text)
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        draft.action_let_resident_fill_in()
        self.assertEqual(self._get(f"{main_page}/bridge").status_code, 200)
        self.mentorship_a.with_user(self.mentor_a).action_pause()  # no answers while paused
        self.assertEqual(self._get(f"{main_page}/bridge").status_code, 303)
        self.assertNotIn(f"{main_page}/bridge", self._get("/my/mentoring").text)

    def test_message_the_mentor(self):
        self._post(f"/my/mentoring/{self.mentorship_a.id}/message", body="<b>Hello</b> mentor")
        message = self.mentorship_a.message_ids[0]
        self.assertEqual(message.author_id, self.resident_a)
        self.assertIn("&lt;b&gt;Hello&lt;/b&gt; mentor", message.body)  # text, not HTML
        self.assertIn(self.mentor_a.partner_id, message.notification_ids.res_partner_id)
        self.assertIn("Hello", self._get("/my/mentoring").text)

    def test_messages_show_their_time_without_seconds(self):
        message = self.mentorship_a.with_user(self.mentor_a).message_post(
            body="See you on Monday", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        message.sudo().date = datetime(2025, 11, 29, 9, 15, 37)
        html = self._get("/my/mentoring").text
        self.assertIn("See you on Monday", html)
        self.assertRegex(html, r"11/29/2025 \d\d:15(?!:)")
        self.assertNotIn(":15:37", html)

    def test_every_id_not_theirs_is_not_found(self):
        file_b = self.file_b
        draft_b = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_b.id})
        draft_b.action_let_resident_fill_in()
        unknown = 999999999
        gets = [
            f"/my/mentoring/{file_b['mentorship'].id}",
            f"/my/mentoring/{file_b['mentorship'].id}/bridge",
            f"/my/mentoring/{unknown}/bridge",
            f"/my/mentoring/{file_b['mentorship'].id}/report/plan",
            f"/my/mentoring/{file_b['mentorship'].id}/report/bridge",
            f"/my/mentoring/{file_b['mentorship'].id}/report/praatplaat",
            f"/my/mentoring/{unknown}",
            f"/my/mentoring/{self.mentorship_a.id}/report/progress",
        ]
        posts = [
            (f"/my/mentoring/action/{file_b['action'].id}/done", {}),
            (f"/my/mentoring/action/{unknown}/done", {}),
            (f"/my/mentoring/action/{file_b['action'].id}/undo", {}),
            (f"/my/mentoring/action/{unknown}/undo", {}),
            (f"/my/mentoring/line/{draft_b.line_ids[0].id}", {"priority": "1"}),
            (f"/my/mentoring/line/{file_b['line'].id}", {"priority": "1"}),
            (f"/my/mentoring/{file_b['mentorship'].id}/message", {"body": "Hi"}),
        ]
        for url in gets:
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Resident B", response.text)
        for url, data in posts:
            with self.subTest(url=url):
                response = self._post(url, **data)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Resident B", response.text)
        self.assertEqual(file_b["action"].state, "open")
        self.assertFalse(draft_b.line_ids.filtered("is_priority"))
        self.assertNotIn("Hi", self.mentorship_b.message_ids.mapped("body"))

    def test_staff_have_no_resident_page(self):
        self.assertEqual(self._get("/my/mentoring", login="mentor_a_test").status_code, 404)
        self.assertEqual(self._get("/my/mentoring/bridge", login="mentor_a_test").status_code, 404)

    def test_footer_names_the_municipality_not_the_software(self):
        company = self.resident_user_a.company_id
        for url in ("/my", "/my/mentoring"):
            with self.subTest(url=url):
                html = self._get(url).text
                self.assertNotIn("o_brand_promotion", html)
                # with the Website app, the site's own header and footer (edited in its
                # builder) frame the portal pages instead
                if "website" not in self.env:
                    self.assertIn(company.name, html)

    def test_no_page_once_access_ended(self):
        self.mentorship_a.with_user(self.mentor_a).action_revoke_portal_access()
        self.assertEqual(self._get("/my/mentoring").status_code, 404)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["mm_mentorship_count"]})
        self.assertEqual(counters["mm_mentorship_count"], 0)

    def test_page_queries_do_not_grow_with_the_plan(self):
        self.env["mm.action.limit"].search([]).action_archive()
        self._actions(self._goal(self.mentorship_a, "wellbeing", name="Health"), 1)
        self._get("/my/mentoring")  # warm the caches (assets, views)
        small = self._count_page_queries()
        for n in range(3):
            for pillar in ("financial", "wellbeing"):
                goal = self._goal(self.mentorship_a, pillar, name=f"More {n}")
                self._actions(goal, 3, prefix=f"More {n}")
        large = self._count_page_queries()
        self.assertEqual(small, large)

    def _count_page_queries(self):
        self.authenticate("resident_a_test", "resident_a_test")  # not counted
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response = self.url_open("/my/mentoring", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before
