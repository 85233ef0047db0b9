import re
import subprocess
from datetime import date

import lxml.html
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import users, warmup

from .common import (
    BACKOFFICE,
    DIMENSION_CODES,
    MANAGER,
    MENTOR,
    BusyMentorCase,
    MobilityMentoringCase,
    english_sentences,
    login_user,
    not_dutch,
    pdf_text,
)


@tagged("post_install", "-at_install")
class TestReports(HttpCase):
    """The four reports rendered to PDF by the real wkhtmltopdf (inside an HttpCase: the
    renderer fetches the report's assets from the running server), read back with
    pdftotext. One fixture, figures worked out by hand in the comments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["mm.reward.rule"].search([]).action_archive()
        cls.users = {
            login: login_user(cls.env, login, group, name)
            for login, name, group in (
                ("report_mentor_1", "Mira Mentor", MENTOR),
                ("report_mentor_2", "Niels Mentor", MENTOR),
                ("report_outsider", "Olga Outsider", MENTOR),
                ("report_backoffice", "Bea Backoffice", BACKOFFICE),
                ("report_manager", "Max Manager", MANAGER),
            )
        }
        mentors = cls.users["report_mentor_1"] | cls.users["report_mentor_2"]
        cls.team = cls.env["mm.team"].create(
            {"name": "Report team", "member_ids": [(6, 0, mentors.ids)]}
        )
        cls.env["mm.team"].create(
            {"name": "Other team", "member_ids": [(6, 0, cls.users["report_outsider"].ids)]}
        )
        cls.rule = cls.env["mm.reward.rule"].create(
            {
                "name": "Postcard",
                "trigger": "action_done",
                "reward_type": "card",
                "amount": 5,
                "budget": 100,
            }
        )
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        cls.rosa = cls._mentorship("Rosa Resident", "report_mentor_1", "en_US")
        cls.sem = cls._mentorship("Sem Sterk", "report_mentor_1", "nl_NL")
        cls.tara = cls._mentorship("Tara Nieuw", "report_mentor_2", "en_US")
        # Rosa: all on step 2 (25.0), then all on 3 with debts on 4: (8 x 50 + 75) / 9 = 52.8
        cls._assess(cls.rosa, "2025-02-01", 2)
        cls._assess(cls.rosa, "2025-08-01", 3, debts=4, priorities=["debts"])
        # Sem: all on 3 (50.0), then all on 2 (25.0): moved down 25.0
        cls._assess(cls.sem, "2025-02-15", 3)
        cls._assess(cls.sem, "2025-09-15", 2)
        cls.goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": cls.rosa.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "dimension_id": cls.env.ref("mobility_mentoring.dimension_debts").id,
                "name": "Pay the rent on time",
                "description": "Rest in my head",
                "deadline": "2030-06-30",
            }
        )
        on_time, late, cls.open_action, _second = cls.env["mm.action"].create(
            [
                {"goal_id": cls.goal.id, "name": "Sort the post", "deadline": "2025-03-10"},
                {
                    "goal_id": cls.goal.id,
                    "name": "Ask for a payment plan",
                    "deadline": "2025-04-01",
                },
                {"goal_id": cls.goal.id, "name": "Call the landlord", "deadline": "2030-03-15"},
                {
                    "goal_id": cls.goal.id,
                    "name": "Set up a standing order",
                    "deadline": "2030-04-01",
                },
            ]
        )
        with freeze_time("2025-03-01"):
            on_time.action_done()
        with freeze_time("2025-04-20"):
            late.action_done()

    @classmethod
    def _mentorship(cls, name, mentor, lang):
        partner = cls.env["res.partner"].create({"name": name, "lang": lang})
        return cls.env["mm.mentorship"].create(
            {
                "partner_id": partner.id,
                "team_id": cls.team.id,
                "user_id": cls.users[mentor].id,
                "date_start": "2025-01-10",
            }
        )

    @classmethod
    def _assess(cls, mentorship, day, level, priorities=(), **levels):
        cls.env["mm.assessment"]._create_from_levels(
            mentorship.id,
            day,
            dict(dict.fromkeys(DIMENSION_CODES, level), **levels),
            list(priorities),
        )

    def _pdf(self, report, records, login="report_mentor_1", data=None):
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.users[login])
            .with_context(force_report_rendering=True)
        )
        pdf, report_type = Report._render_qweb_pdf(
            f"mobility_mentoring.{report}", records.ids, data=data
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def test_goal_action_plan_to_sign(self):
        text = self._pdf("action_report_goal_action_plan", self.rosa)
        for expected in (
            "My plan",
            "Rosa Resident",
            "Mira Mentor",
            "Financial management",
            "Pay the rent on time",
            "Rest in my head",
            "Call the landlord",
            "03/15/2030",
            "Set up a standing order",
            "We agree on this plan",
            "Signature",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Sort the post", text, "only open actions are on the plan")

    def _html(self, report, records, login="report_mentor_1", data=None, lang=None):
        """The report's text as rendered to HTML (no PDF: quicker, same words)."""
        Report = self.env["ir.actions.report"].with_user(self.users[login])
        if lang:
            Report = Report.with_context(lang=lang)
        html, _type = Report._render_qweb_html(
            f"mobility_mentoring.{report}", records.ids, data=data
        )
        return " ".join(" ".join(lxml.html.fromstring(html).itertext()).split())

    def test_the_signatures_never_stand_alone_on_a_page(self):
        """A plan over two pages keeps its last goal with the signatures."""
        uma = self._mentorship("Uma Uitgebreid", "report_mentor_1", "en_US")
        financial = self.env.ref("mobility_mentoring.pillar_financial")
        for n in range(1, 5):
            goal = self.env["mm.goal"].create(
                {
                    "mentorship_id": uma.id,
                    "pillar_id": financial.id,
                    "name": f"Goal number {n}",
                    "deadline": "2030-06-30",
                }
            )
            self.env["mm.action"].create(
                [
                    {"goal_id": goal.id, "name": f"Step {n}.{m}", "deadline": f"2030-0{m}-01"}
                    for m in range(1, 4)
                ]
            )
        text = self._pdf("action_report_goal_action_plan", uma)
        pages = [page for page in text.split("\f") if page.strip()]
        self.assertGreaterEqual(len(pages), 2, "the plan is long enough to need two pages")
        signed = [page for page in pages if "We agree on this plan" in page]
        self.assertEqual(len(signed), 1)
        self.assertRegex(signed[0], r"Goal number \d")

    def test_the_plan_says_by_when_a_goal_is_to_be_reached(self):
        self.env["mm.goal"].create(
            {
                "mentorship_id": self.sem.id,
                "pillar_id": self.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "De huur op tijd betalen",
                "deadline": "2030-06-30",
            }
        )
        for mentorship, deadline, not_reached in (
            (self.rosa, "Reach by 06/30/2030", "Reached by"),
            (self.sem, "Bereiken vóór 30-06-2030", "Bereikt op"),
        ):
            with self.subTest(resident=mentorship.partner_id.name):
                text = self._html("action_report_goal_action_plan", mentorship)
                self.assertIn(deadline, text)
                self.assertNotIn(not_reached, text)

    def test_goal_action_plan_in_the_residents_language_and_without_goals(self):
        text = self._pdf("action_report_goal_action_plan", self.sem)
        self.assertIn("Mijn plan", text)
        self.assertIn("Het plan heeft nog geen doelen", text)

    def test_back_office_prints_no_confidential_why(self):
        text = self._pdf("action_report_goal_action_plan", self.rosa, login="report_backoffice")
        self.assertIn("Pay the rent on time", text)
        self.assertNotIn("Rest in my head", text)

    def test_a_mentor_of_another_team_prints_nothing(self):
        for report in (
            "action_report_goal_action_plan",
            "action_report_bridge_cards",
            "action_report_progress",
        ):
            with self.assertRaises(AccessError):
                self._pdf(report, self.rosa, login="report_outsider")

    def test_bridge_cards_one_card_per_pillar_front_and_back(self):
        text = self._pdf("action_report_bridge_cards", self.rosa)
        pages = text.split("\f")[:-1]
        self.assertEqual(len(pages), 10, "five pillars, a front and a back each")
        financial_front, financial_back = pages[4], pages[5]
        self.assertIn("Financial management", financial_front)
        self.assertIn("Debts", financial_front)
        self.assertIn("4. Paying off steadily Now", " ".join(financial_front.split()))
        self.assertIn("2. Debts known, no plan yet Last time", " ".join(financial_front.split()))
        self.assertIn("Pay the rent on time", financial_back)
        self.assertIn("Call the landlord", financial_back)
        self.assertIn("No goal in this pillar yet", pages[1])

    def test_bridge_cards_without_assessment(self):
        text = self._pdf("action_report_bridge_cards", self.tara, login="report_mentor_2")
        self.assertIn("Not placed on this ladder yet", text)

    def _praatplaat(self, records, login="report_mentor_1", data=None):
        """The praatplaat's PDF: its number of pages, and its text in reading order
        with every run of white space one space (a cell's words wrap over lines)."""
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.users[login])
            .with_context(force_report_rendering=True)
        )
        pdf, _type = Report._render_qweb_pdf(
            "mobility_mentoring.action_report_praatplaat", records.ids, data=data
        )
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        pages = int(re.search(rb"Pages:\s+(\d+)", info.stdout).group(1))
        size = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups()
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return pages, [float(side) for side in size], " ".join(text.stdout.decode().split())

    def _easy_texts(self, lang):
        Dimension = self.env["mm.dimension"].with_context(lang=lang)
        dimensions = Dimension._bridge_dimensions()
        records = [*dimensions.pillar_id, *dimensions, *dimensions.step_ids]
        return [record.easy_text for record in records]

    def test_praatplaat_one_landscape_page_with_every_easy_text(self):
        pages, (width, height), text = self._praatplaat(self.rosa)
        self.assertEqual(pages, 1)
        self.assertGreater(width, height, "landscape")
        self.assertAlmostEqual(width, 1190.55, delta=2)  # A3: 420 mm in points
        self.assertIn("Rosa Resident", text)
        self.assertIn("Tick the box where you are now", text)
        missing = [words for words in self._easy_texts("en_US") if words not in text]
        self.assertEqual(missing, [])
        # filled from Rosa's last Bridge: nine ladders ticked, a star for debts
        self.assertEqual(len(re.findall(r"\bX\b", text)), 9)
        self.assertEqual(text.count("★"), 1)

    def test_praatplaat_in_the_residents_language(self):
        pages, _size, text = self._praatplaat(self.sem)
        self.assertEqual(pages, 1)
        self.assertIn("Mijn Brug", text)
        missing = [words for words in self._easy_texts("nl_NL") if words not in text]
        self.assertEqual(missing, [])

    def test_praatplaat_printed_empty_from_the_bridge_configuration(self):
        pillars = self.env["mm.pillar"].with_user(self.users["report_manager"]).search([])
        action = pillars.action_print_praatplaat()
        self.assertEqual(action["report_name"], "mobility_mentoring.report_praatplaat")
        self.assertNotIn("active_ids", action["context"])
        pages, _size, text = self._praatplaat(
            self.env["mm.mentorship"], login="report_manager", data=action["data"]
        )
        self.assertEqual(pages, 1)
        self.assertNotIn("Rosa", text)
        self.assertEqual(re.findall(r"\bX\b", text), [])
        self.assertEqual(text.count("☆"), 9)
        missing = [words for words in self._easy_texts("en_US") if words not in text]
        self.assertEqual(missing, [])

    def test_praatplaat_of_another_teams_resident_is_refused(self):
        with self.assertRaises(AccessError):
            self._praatplaat(self.rosa, login="report_outsider")

    def test_progress_report(self):
        text = self._pdf("action_report_progress", self.rosa)
        flat = " ".join(text.split())
        for expected in (
            "My progress on the Bridge",
            "25.0",
            "52.8",
            "02/01/2025",
            "08/01/2025",
            "Housing",
        ):
            self.assertIn(expected, flat)
        self.assertIn("Actions done 2", flat)
        self.assertIn("Of which on time 1", flat)
        self.assertIn("Postcard", flat)

    def test_progress_report_without_assessment_or_actions(self):
        text = self._pdf("action_report_progress", self.tara, login="report_mentor_2")
        self.assertIn("There is no Bridge assessment yet", text)
        self.assertIn("Actions done", text)

    def test_team_figures_equal_a_computation_by_hand(self):
        figures = (
            self.env["report.mobility_mentoring.report_team_monitoring"]
            .with_user(self.users["report_manager"])
            ._figures(self.team, date(2025, 1, 1), date(2025, 12, 31))
        )
        self.assertEqual(figures["caseload"], [("Mira Mentor", 2), ("Niels Mentor", 1)])
        self.assertEqual((figures["residents"], figures["assessed"]), (3, 2))
        # Rosa +27.8 (25.0 -> 52.8), Sem -25.0 (50.0 -> 25.0): (27.8 - 25.0) / 2 = 1.4
        self.assertEqual(figures["average_change"], 1.4)
        self.assertEqual(figures["moved_up"], [(self.rosa, 27.8)])
        self.assertEqual(figures["moved_down"], [(self.sem, -25.0)])
        steps = {pillar.code: counts for pillar, counts in figures["steps"]}
        # Rosa now: 8 dimensions on 3, debts on 4; Sem now: all 9 on 2
        self.assertEqual(steps["family_stability"], {3: 2, 2: 2})
        self.assertEqual(steps["financial"], {4: 1, 3: 1, 2: 2})
        self.assertEqual(steps["education"], {3: 1, 2: 1})
        self.assertEqual(
            figures["actions"], {"done": 2, "reported": 0, "on_time": 1, "on_time_share": 50}
        )
        # three running mentorships, no contact logged: nobody reached the dosage yet
        self.assertEqual(
            figures["fidelity"],
            {"running": 3, "reached": 0, "reached_share": 0, "average_hours": 0.0},
        )
        # two postcards of 5.00; budget 100 a month for twelve months, 10 spent
        [rewards] = figures["rewards"]
        as_mentor = self.env["report.mobility_mentoring.report_team_monitoring"].with_user(
            self.users["report_mentor_2"]
        )
        self.assertEqual(
            as_mentor._figures(self.team, date(2025, 1, 1), date(2025, 12, 31))["rewards"][0][
                "left"
            ],
            1190.0,
        )
        self.assertEqual(
            (rewards["count"], rewards["amount"], rewards["budget"], rewards["left"]),
            (2, 10.0, 1200.0, 1190.0),
        )

    def test_movement_by_months_in_mentoring_by_hand(self):
        """Rosa and Sem started on 10 January 2025. At 6 months (July 2025) both carry
        their first assessment: not assessed again. At 12 months (January 2026) Rosa
        carries her second (+27.8), Sem his (-25.0): (27.8 - 25.0) / 2 = 1.4, one of
        two improved. Nobody reached 24 months by the end of 2026. Tara has no
        assessment: no rows."""
        figures = (
            self.env["report.mobility_mentoring.report_team_monitoring"]
            .with_user(self.users["report_manager"])
            ._figures(self.team, date(2026, 1, 1), date(2026, 12, 31))
        )
        reference = {"months": 12, "score_change": 5.3, "improved": 74}
        self.assertEqual(
            figures["cohort"],
            [
                {
                    "months": 6,
                    "residents": 2,
                    "assessed_again": 0,
                    "change": 0.0,
                    "improved": None,
                    "reference": None,
                },
                {
                    "months": 12,
                    "residents": 2,
                    "assessed_again": 2,
                    "change": 1.4,
                    "improved": 50,
                    "reference": reference,
                },
                {
                    "months": 24,
                    "residents": 0,
                    "assessed_again": 0,
                    "change": 0.0,
                    "improved": None,
                    "reference": None,
                },
            ],
        )
        text = self._html(
            "action_report_team_monitoring",
            self.team,
            "report_manager",
            {"date_from": "2026-01-01", "date_to": "2026-12-31"},
        )
        self.assertIn("Movement by months in mentoring", text)
        # (the test joins the text of each element with a space: "+ 1.4" is "+1.4")
        self.assertIn("12 2 2 + 1.4 50% + 5.3 , 74% improved", text)

    def test_team_figures_count_what_residents_reported(self):
        goal = self.env["mm.goal"].create(
            {
                "mentorship_id": self.rosa.id,
                "pillar_id": self.env.ref("mobility_mentoring.pillar_financial").id,
                "name": "Reported goal",
            }
        )
        action = self.env["mm.action"].create(
            {"goal_id": goal.id, "name": "Ticked off", "deadline": "2025-06-30"}
        )
        action.write({"state": "reported", "date_done": "2025-06-01"})
        figures = self.env["report.mobility_mentoring.report_team_monitoring"]._figures(
            self.team, date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertEqual(figures["actions"]["reported"], 1)
        self.assertEqual(figures["actions"]["done"], 2)

    def test_team_figures_of_a_shorter_period(self):
        figures = self.env["report.mobility_mentoring.report_team_monitoring"]._figures(
            self.team, date(2025, 1, 1), date(2025, 3, 31)
        )
        # only the first assessments count: nobody moved yet; one action done in March
        self.assertEqual((figures["assessed"], figures["average_change"]), (2, 0.0))
        self.assertEqual(figures["actions"]["done"], 1)
        self.assertEqual(figures["rewards"][0]["budget"], 300.0)

    def test_reports_write_decimals_the_way_of_the_language(self):
        team = self._html(
            "action_report_team_monitoring",
            self.team,
            "report_manager",
            {"date_from": "2025-01-01", "date_to": "2025-12-31"},
            lang="nl_NL",
        )
        for dutch in ("1,4", "Rosa Resident +27,8", "Sem Sterk -25,0"):
            self.assertIn(dutch, team)
        # the report's words and numbers, not its style sheet ("line-height: 1.45")
        words = re.sub(r"[.\w -]*\{[^}]*\}", " ", team)
        for english in ("1.4", "27.8", "25.0"):
            self.assertNotRegex(words, rf"(?<![\d.,]){re.escape(english)}(?!\d)")
        # Sem's progress, in Sem's Dutch: the Bridge score from 50.0 to 25.0
        progress = self._html("action_report_progress", self.sem)
        self.assertIn("50,0", progress)
        self.assertIn("25,0", progress)
        self.assertNotIn("50.0", progress)

    def test_every_report_reads_as_dutch(self):
        """Each report, printed for a Dutch reader: no decimal point, no ISO date, no
        English sentence of the addon's own."""
        sentences = english_sentences()
        self.assertGreater(len(sentences), 100)
        period = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        for report, records, login, data in (
            ("action_report_goal_action_plan", self.sem, "report_mentor_1", None),
            ("action_report_bridge_cards", self.sem, "report_mentor_1", None),
            ("action_report_progress", self.sem, "report_mentor_1", None),
            ("action_report_praatplaat", self.sem, "report_mentor_1", None),
            ("action_report_team_monitoring", self.team, "report_manager", period),
            ("action_report_resident_data", self.sem.partner_id, "report_manager", None),
        ):
            with self.subTest(report=report):
                html = self._html(report, records, login, data, lang="nl_NL")
                # the report's words and numbers, not its style sheet
                words = re.sub(r"[.\w -]*\{[^}]*\}", " ", html)
                self.assertEqual(not_dutch(words, sentences), [])

    def test_team_monitoring_report(self):
        wizard = (
            self.env["mm.team.monitoring.wizard"]
            .with_user(self.users["report_manager"])
            .create(
                {
                    "team_ids": [(6, 0, self.team.ids)],
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                }
            )
        )
        action = wizard.action_print()
        text = " ".join(
            self._pdf(
                "action_report_team_monitoring", self.team, "report_manager", action["data"]
            ).split()
        )
        for expected in (
            "Report team",
            "Team monitoring",
            "Mira Mentor 2",
            "Niels Mentor 1",
            "1.4",
            "Rosa Resident +27.8",
            "Sem Sterk -25.0",
            "Of which on time 1 (50%)",
            "Postcard 2",
        ):
            self.assertIn(expected, text)


@tagged("post_install", "-at_install")
class TestTeamMonitoringWizard(MobilityMentoringCase):
    """The wizard proposes the teams of the user who prints: those they lead, else
    those they work in."""

    def _proposed(self, user, **context):
        Wizard = self.env["mm.team.monitoring.wizard"].with_user(user).with_context(**context)
        [(_set, _zero, ids)] = Wizard.default_get(["team_ids"]).get("team_ids", [(6, 0, [])])
        return self.env["mm.team"].browse(ids)

    def test_the_teams_the_user_leads_else_works_in(self):
        self.team_b.leader_id = self.mentor_a
        self.assertEqual(self._proposed(self.mentor_a), self.team_b, "the team they lead")
        self.assertEqual(self._proposed(self.mentor_a2), self.team_a, "the team they work in")
        self.assertFalse(self._proposed(self.manager), "no team of their own: they choose")
        from_team = {"active_model": "mm.team", "active_ids": self.team_a.ids}
        self.assertEqual(self._proposed(self.mentor_a, **from_team), self.team_a)


# Query counts, pinned: the team monitoring figures, the same for 5 mentorships or 25
TEAM_FIGURES = 14


@tagged("post_install", "-at_install")
class TestTeamFiguresPerformance(BusyMentorCase):
    def _team_figures(self, extra_residents):
        partners = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Extra {n}"} for n in range(extra_residents)])
        )
        mentorships = (
            self.env["mm.mentorship"]
            .sudo()
            .create(
                [
                    {"partner_id": p.id, "user_id": self.mentor_a2.id, "team_id": self.team_a.id}
                    for p in partners
                ]
            )
        )
        for mentorship in self.mentorships | mentorships:
            self._done_assessment(mentorship, self._levels(2), date="2026-01-10")
            self._done_assessment(mentorship, self._levels(3), date="2026-03-10")
        self.env.flush_all()
        self.env.invalidate_all()
        monitoring = self.env["report.mobility_mentoring.report_team_monitoring"]
        with self.assertQueryCount(TEAM_FIGURES):
            figures = monitoring._figures(
                self.team_a.with_env(self.env), date(2026, 1, 1), date(2026, 12, 31)
            )
        self.assertEqual(figures["assessed"], len(self.mentorships) + extra_residents)

    @users("manager_test")
    @warmup
    def test_team_figures_for_five_residents(self):
        self._team_figures(0)

    @users("manager_test")
    @warmup
    def test_team_figures_for_twenty_five_residents(self):
        self._team_figures(20)
