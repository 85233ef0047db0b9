from odoo.tests import TransactionCase, tagged

from .. import anchors, bench_data

MODELS = (
    "mm.mentorship",
    "mm.assessment",
    "mm.assessment.line",
    "mm.goal",
    "mm.action",
    "mm.reward",
    "mm.contact",
    "mm.outcome.measurement",
)


@tagged("post_install", "-at_install")
class TestBenchData(TransactionCase):
    """The benchmark's bulk loader, at 50 residents: what it writes in SQL is what the
    models would have computed, and it breaks none of their rules. So the benchmark
    measures the addon as it is, not a drifted copy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = bench_data.load(cls.env, 50)
        cls.mentorships = cls.env["mm.mentorship"].search([("partner_id.ref", "=like", "bench-%")])

    def _records(self, model):
        return self.env[model].search([("mentorship_id", "in", self.mentorships.ids)])

    def test_the_monthly_bridge_scores_are_written_as_the_addon_writes_them(self):
        """The loader's rows of mm.bridge.snapshot are the addon's own for the same
        files: written again by the ORM's refresh, nothing changes."""
        Snapshot = self.env["mm.bridge.snapshot"]
        domain = [("mentorship_id", "in", self.mentorships.ids)]

        def rows():
            return sorted(
                (r.mentorship_id.id, r.month, r.bridge_score, r.score_change)
                for r in Snapshot.search(domain)
            )

        loaded = rows()
        self.assertGreater(len(loaded), len(self.mentorships))
        self.assertTrue(self.env["mm.bridge.snapshot.pillar"].search_count(domain))
        Snapshot._refresh(self.mentorships)
        self.assertEqual(rows(), loaded)

    def test_the_shape_of_the_files(self):
        self.assertEqual(len(self.mentorships), 50)
        counts = {model: len(self._records(model)) for model in MODELS[1:]}
        aftercare = self._records("mm.outcome.measurement").filtered("is_aftercare")
        dimensions = self.env["mm.dimension"].search_count([])
        self.assertEqual(
            counts,
            {
                "mm.assessment": 100,
                "mm.assessment.line": 100 * dimensions,
                "mm.goal": 150,
                "mm.action": 500,
                "mm.reward": 100,
                "mm.contact": counts["mm.contact"],
                "mm.outcome.measurement": 200 + len(aftercare),
            },
        )
        # resident 10 closed completed 200 days ago: income measured 3 months later
        self.assertEqual(aftercare.mapped("after_exit_result"), ["kept"])
        group = self._records("mm.contact").filtered(lambda c: c.kind == "group")
        self.assertEqual(
            set(group.mentorship_id.partner_id.mapped(lambda p: int(p.ref[6:]) // 40 % 5)), {0}
        )
        self.assertTrue(group)
        self.assertEqual(group.group_meeting_id.user_id, group.mentorship_id.user_id)
        self.assertGreater(counts["mm.contact"], 50 * 3)
        self.assertTrue(self.mentorships.filtered("fidelity_ok"))
        self.assertTrue(self.mentorships.filtered(lambda m: not m.fidelity_ok))
        self.assertEqual(set(self.mentorships.mapped("state")), {"active", "paused", "closed"})
        actions = self._records("mm.action")
        self.assertEqual(set(actions.mapped("state")), {"open", "reported", "done", "cancelled"})
        self.assertTrue(actions.filtered("is_overdue"))
        self.assertTrue(actions.filtered("done_on_time"))
        self.assertEqual(
            set(self._records("mm.reward").mapped("state")),
            {"proposed", "approved", "delivered", "cancelled"},
        )
        self.assertEqual(
            self.env["mm.access.log"].search_count(
                [("user_id", "=", self.staff["backoffice"].id), ("kind", "=", "client_context")]
            ),
            5 * 12,
        )

    def test_stored_computations_match_the_orm(self):
        for model in ("res.partner", *MODELS):
            records = (
                self.mentorships.partner_id
                if model == "res.partner"
                else self.mentorships
                if model == "mm.mentorship"
                else self._records(model)
            )
            with self.subTest(model=model):
                differences = bench_data.check_stored_computations(self.env, records)
                self.assertFalse(differences[:10])

    def test_no_rule_of_the_addon_is_broken(self):
        for model in MODELS:
            records = self.mentorships if model == "mm.mentorship" else self._records(model)
            records._validate_fields(list(records._fields))
        open_actions = self._records("mm.action")._unfinished()
        self.env["mm.action.limit"]._check_room_for(open_actions)

    def test_the_goals_kanban_anchor_returns_the_orms_rows(self):
        """The raw SQL beside the goals kanban filters as the mentor's rule does: the
        same counts per pillar and the same first page, for a mentor, a team lead and
        a mentor of another team."""
        team = self.staff["teams"][0]
        for user in (team.member_ids[-1], team.leader_id, self.staff["teams"][1].member_ids[-1]):
            with self.subTest(user=user.login):
                orm = anchors.goals_orm_rows(self.env, user)
                self.assertTrue(orm)
                self.assertEqual(anchors.goals_sql_rows(self.env, user), orm)
