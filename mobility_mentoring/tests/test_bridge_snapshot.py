from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import users, warmup
from odoo.tools import file_open

from ..const import EMPATH_REFERENCE
from .common import BusyMentorCase, MobilityMentoringCase

ROW_FIELDS = ["month", "months_in_mentoring", "bridge_score", "score_change", "improved"]


@tagged("post_install", "-at_install")
class TestBridgeSnapshot(MobilityMentoringCase):
    """Movement on the Bridge by months in mentoring: a row per month from the first
    done assessment until the mentorship closed, the score carried forward."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.mentorship_a | cls.mentorship_b).write({"date_start": "2025-01-10"})

    def _rows(self, mentorship, model="mm.bridge.snapshot"):
        return self.env[model].search([("mentorship_id", "=", mentorship.id)])

    def _expected(self, months):
        """[(first day of the month, months in mentoring, score, change, improved)]"""
        return [dict(zip(ROW_FIELDS, row, strict=True)) for row in months]

    def test_a_score_is_carried_through_the_months_without_an_assessment(self):
        first = self._done_assessment(self.mentorship_a, self._levels(2), date="2025-01-20")
        second = self._done_assessment(self.mentorship_a, self._levels(4), date="2025-06-05")
        self.mentorship_a.sudo().write({"state": "closed", "date_end": "2025-08-12"})
        s1, s2 = first.bridge_score, second.bridge_score
        self.assertLess(s1, s2)
        # hand-computed: months 0-4 carry January's score, 5-7 June's; none after closing
        expected = [(date(2025, 1, 1), 0, s1, 0.0, 0.0)]
        expected += [(date(2025, 1 + n, 1), n, s1, 0.0, 0.0) for n in range(1, 5)]
        expected += [(date(2025, 1 + n, 1), n, s2, s2 - s1, 100.0) for n in range(5, 8)]
        self.assertRecordValues(self._rows(self.mentorship_a), self._expected(expected))
        self.assertEqual(
            self._rows(self.mentorship_a).mapped("assessed_again"), [False] * 5 + [True] * 3
        )

    def test_no_row_before_the_first_assessment(self):
        assessment = self._done_assessment(self.mentorship_b, self._levels(3), date="2025-03-15")
        rows = self._rows(self.mentorship_b)
        self.assertEqual(rows[0].month, date(2025, 3, 1))
        self.assertEqual(rows[0].months_in_mentoring, 2)
        # a running mentorship counts until this month
        self.assertEqual(rows[-1].month, date.today().replace(day=1))
        self.assertEqual(set(rows.mapped("bridge_score")), {assessment.bridge_score})

    def test_the_latest_assessment_of_a_month_counts(self):
        self._done_assessment(self.mentorship_a, self._levels(1), date="2025-02-03")
        later = self._done_assessment(self.mentorship_a, self._levels(5), date="2025-02-20")
        rows = self._rows(self.mentorship_a)
        self.assertEqual(rows[0].month, date(2025, 2, 1))
        self.assertEqual(rows[0].bridge_score, later.bridge_score)
        self.assertTrue(rows[0].assessed_again)

    def test_the_rows_follow_the_file(self):
        first = self._done_assessment(self.mentorship_a, self._levels(2), date="2025-01-20")
        second = self._done_assessment(self.mentorship_a, self._levels(4), date="2025-06-05")
        # a manager reopens the second assessment: its months carry the first again
        second.with_user(self.manager).action_reset_to_draft()
        self.assertEqual(
            set(self._rows(self.mentorship_a).mapped("bridge_score")), {first.bridge_score}
        )
        second.with_user(self.manager).action_done()
        self.assertIn(second.bridge_score, self._rows(self.mentorship_a).mapped("bridge_score"))
        # a manager corrects a step of the done assessment
        line = second.line_ids[0]
        lower = line.dimension_id.step_ids.filtered(lambda step: step.level == 1)
        line.with_user(self.manager).step_id = lower
        second.invalidate_recordset(["bridge_score"])
        self.assertEqual(self._rows(self.mentorship_a)[-1].bridge_score, second.bridge_score)
        # a manager moves the file to team B: its rows go with it
        self.mentorship_a.with_user(self.manager).team_id = self.team_b
        self.assertEqual(self._rows(self.mentorship_a).team_id, self.team_b)
        # closing ends the months; reopening runs them to this month again
        self.mentorship_a.with_user(self.manager).action_close()
        self.assertEqual(self._rows(self.mentorship_a)[-1].month, date.today().replace(day=1))
        self.mentorship_a.sudo().date_end = date.today() - relativedelta(months=3)
        self.assertEqual(
            self._rows(self.mentorship_a)[-1].month,
            (date.today() - relativedelta(months=3)).replace(day=1),
        )

    def test_the_steps_per_pillar_are_carried_too(self):
        levels = {**self._levels(2), "debts": 4, "savings": 2}
        self._done_assessment(self.mentorship_a, levels, date="2025-01-20")
        self.mentorship_a.sudo().write({"state": "closed", "date_end": "2025-03-02"})
        financial = self.env.ref("mobility_mentoring.pillar_financial")
        rows = self._rows(self.mentorship_a, "mm.bridge.snapshot.pillar")
        self.assertEqual(len(rows), 3 * len(rows.pillar_id))
        mine = rows.filtered(lambda row: row.pillar_id == financial)
        self.assertEqual(mine.mapped("months_in_mentoring"), [0, 1, 2])
        # the financial pillar's dimensions (debts 4, savings 2, income 2): their average
        dimensions = self.env["mm.dimension"].search([("pillar_id", "=", financial.id)])
        expected = sum(levels[code] for code in dimensions.mapped("code")) / len(dimensions)
        self.assertAlmostEqual(mine[0].level, expected, places=1)

    def test_the_nightly_job_repairs_and_adds_the_months(self):
        self._done_assessment(self.mentorship_b, self._levels(3), date="2025-03-15")
        count = len(self._rows(self.mentorship_b))
        self.env.cr.execute(
            "DELETE FROM mm_bridge_snapshot WHERE mentorship_id = %s AND month = %s",
            [self.mentorship_b.id, date(2025, 4, 1)],
        )
        self.env.cr.execute(
            "UPDATE mm_bridge_snapshot SET bridge_score = 1 WHERE mentorship_id = %s",
            [self.mentorship_b.id],
        )
        self.env["mm.bridge.snapshot"].invalidate_model()
        self.env.ref("mobility_mentoring.mm_bridge_snapshot_cron").method_direct_trigger()
        rows = self._rows(self.mentorship_b)
        self.assertEqual(len(rows), count)
        self.assertNotIn(1, rows.mapped("bridge_score"))

    def test_each_role_sees_the_figures_of_its_files(self):
        self._done_assessment(self.mentorship_a, self._levels(2), date="2025-01-20")
        self._done_assessment(self.mentorship_b, self._levels(3), date="2025-01-20")
        Snapshot = self.env["mm.bridge.snapshot"]
        # the demo's files are there too: the two teams' rows only
        both = [("team_id", "in", (self.team_a | self.team_b).ids)]
        mine = Snapshot.with_user(self.mentor_a).search(both)
        self.assertEqual(mine.team_id, self.team_a)
        self.assertEqual(Snapshot.with_user(self.mentor_b).search(both).team_id, self.team_b)
        self.assertEqual(
            Snapshot.with_user(self.manager).search(both).team_id, self.team_a | self.team_b
        )
        with self.assertRaises(AccessError):
            Snapshot.with_user(self._user("outsider_test", "base.group_user")).search(both)
        # back office: the figures of every team, never whose they are
        backoffice = Snapshot.with_user(self.backoffice)
        groups = backoffice.read_group(both, ["score_change:avg"], ["team_id"])
        self.assertEqual({g["team_id"][0] for g in groups}, {self.team_a.id, self.team_b.id})
        rows = backoffice.search(both)
        # the mentor, the start day or the calendar month would nearly name a resident
        for fname in ("mentorship_id", "assessment_id", "user_id", "date_start", "month"):
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                rows.read([fname])
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                backoffice.read_group([], ["__count"], [fname])
        by_start_year = backoffice.read_group(both, ["__count"], ["start_year", "team_id"])
        self.assertEqual({g["start_year"] for g in by_start_year}, {2025})
        # nobody writes them but the system
        for user in (self.mentor_a, self.manager, self.backoffice):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                mine.with_user(user).write({"bridge_score": 99})

    def test_the_graphs_neither_stack_nor_fall_to_zero(self):
        for xmlid in (
            "mm_bridge_snapshot_view_graph",
            "mm_bridge_snapshot_view_graph_improving",
            "mm_bridge_snapshot_pillar_view_graph",
            "mm_assessment_line_view_graph",
        ):
            with self.subTest(view=xmlid):
                arch = self.env.ref(f"mobility_mentoring.{xmlid}").arch
                self.assertIn('stacked="0"', arch)
                if "snapshot" in xmlid:
                    self.assertIn('js_class="mm_cohort_graph"', arch)
        menu = self.env.ref("mobility_mentoring.mm_assessment_line_menu")
        self.assertEqual(
            menu.action, self.env.ref("mobility_mentoring.mm_bridge_snapshot_pillar_action")
        )

    def test_empath_is_quoted_alike_in_the_graphs_and_the_report(self):
        with file_open("mobility_mentoring/static/src/cohort_graph/cohort_graph.js") as js:
            source = js.read()
        for measure in ("score_change", "improved"):
            with self.subTest(measure=measure):
                self.assertRegex(source, rf"{measure}: {{\s*value: {EMPATH_REFERENCE[measure]},")


# Query counts, pinned: writing the rows (two deletes, one insert into both) and the graph of a
# team by months (the record rule and the read_group), the same for five files or 25
SNAPSHOT_REFRESH = 3
COHORT_GRAPH = 2


@tagged("post_install", "-at_install")
class TestBridgeSnapshotPerformance(BusyMentorCase):
    def _assessed(self, extra):
        partners = (
            self.env["res.partner"].sudo().create([{"name": f"Cohort {n}"} for n in range(extra)])
        )
        mentorships = self.mentorships | self.env["mm.mentorship"].sudo().create(
            [
                {"partner_id": p.id, "user_id": self.mentor_a.id, "team_id": self.team_a.id}
                for p in partners
            ]
        )
        mentorships.sudo().write({"date_start": "2025-01-10"})
        for mentorship in mentorships:
            self._done_assessment(mentorship, self._levels(2), date="2025-01-20")
            self._done_assessment(mentorship, self._levels(3), date="2025-07-20")
        self.env.flush_all()
        self.env.invalidate_all()
        return mentorships

    def _refresh_and_graph(self, extra):
        mentorships = self._assessed(extra)
        Snapshot = self.env["mm.bridge.snapshot"]
        with self.assertQueryCount(SNAPSHOT_REFRESH):
            Snapshot._refresh(mentorships)
        with self.assertQueryCount(COHORT_GRAPH):
            groups = Snapshot.with_user(self.manager).read_group(
                [("months_in_mentoring", "<=", 24)],
                ["score_change:avg"],
                ["months_in_mentoring", "team_id"],
                lazy=False,
            )
        month_6 = [g for g in groups if g["months_in_mentoring"] == 6]
        self.assertEqual(month_6[0]["__count"], len(mentorships))

    @users("manager_test")
    @warmup
    def test_one_team_of_five(self):
        self._refresh_and_graph(0)

    @users("manager_test")
    @warmup
    def test_one_team_of_twenty_five(self):
        self._refresh_and_graph(20)
