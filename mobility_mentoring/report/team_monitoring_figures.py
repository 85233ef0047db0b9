from collections import defaultdict
from statistics import median

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL, date_utils, float_round

from ..const import COHORT_MONTHS, EMPATH_REFERENCE, MENTOR_GROUP, RUNNING_STATES

REVIEWS_PER_MONTH = 2
NAMED_MOVERS = 10
PERIOD_STEP = {
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


class ReportTeamMonitoring(models.AbstractModel):
    """The figures a team is steered on, for a period: the team monitoring report and
    its tests use the same computation. Counts what the user may see."""

    _inherit = "report.mobility_mentoring.report_team_monitoring"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _figures(self, team, date_from, date_to):
        """Aggregated in PostgreSQL: the number of queries does not grow with the
        number of mentorships (see docs/benchmark.md)."""
        caseload = [
            ("team_id", "=", team.id),
            ("date_start", "<=", date_to),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", date_from),
        ]
        per_mentor = self.env["mm.mentorship"]._read_group(caseload, ["user_id"], ["__count"])
        # the caseload as a subquery, with the user's record rules: never a list of ids
        mentorships = self.env["mm.mentorship"]._search(caseload)
        bridge = self._bridge_changes(mentorships, date_to)
        changes = {mentorship: change for mentorship, (change, _last) in bridge.items()}
        movers = sorted(changes.items(), key=lambda mc: -mc[1])
        return {
            "team": team,
            "date_from": date_from,
            "date_to": date_to,
            "caseload": self._caseload_per_mentor(per_mentor),
            "residents": sum(count for _user, count in per_mentor),
            "assessed": len(changes),
            "average_change": float_round(sum(changes.values()) / len(changes), 1)
            if changes
            else 0.0,
            "moved_up_count": sum(1 for c in changes.values() if c > 0),
            "moved_down_count": sum(1 for c in changes.values() if c < 0),
            # the report names the residents who moved most, not thousands of them
            "moved_up": [(m, c) for m, c in movers if c > 0][:NAMED_MOVERS],
            "moved_down": [(m, c) for m, c in reversed(movers) if c < 0][:NAMED_MOVERS],
            "steps": self._steps_per_pillar([last for _change, last in bridge.values()]),
            "actions": self._actions_done(mentorships, date_from, date_to),
            "outcomes": self._outcomes(mentorships, date_to, changes),
            "fidelity": self._fidelity(mentorships),
            "exits": self._exits_per_reason(team, date_from, date_to),
            "cohort": self._movement_by_months(team, date_to),
            "reviews": self._reviews_per_mentor(team, per_mentor, date_from, date_to),
            "rewards": self._rewards_against_budget(team, mentorships, date_from, date_to),
        }

    def _movement_by_months(self, team, date_to):
        """[{months, residents, assessed again, their average change, the share of
        them improved, EMPath's reference}] at 6, 12 and 24 months in mentoring, for
        the team's residents who had been in mentoring that long by date_to (the rows of
        mm.bridge.snapshot, in one query). Among those assessed again: only they can
        have moved."""
        # the rows the user may see (record rules), then counted up to date_to by the
        # calendar month, a field back office does not read row by row
        Snapshot = self.env["mm.bridge.snapshot"]
        visible = Snapshot._search([("team_id", "=", team.id)])
        groups = Snapshot.sudo()._read_group(
            [
                ("id", "in", visible),
                ("month", "<=", date_to),
                ("months_in_mentoring", "in", COHORT_MONTHS),
            ],
            ["months_in_mentoring", "assessed_again"],
            ["__count", "score_change:sum", "improved:sum"],
        )
        rows = {
            months: {"months": months, "residents": 0, "assessed_again": 0, "change": 0.0}
            for months in COHORT_MONTHS
        }
        improved = dict.fromkeys(COHORT_MONTHS, 0.0)
        for months, again, count, change, share in groups:
            rows[months]["residents"] += count
            if again:
                rows[months]["assessed_again"] = count
                rows[months]["change"] = float_round(change / count, 1)
                improved[months] = share / count
        for months, row in rows.items():
            row["improved"] = round(improved[months]) if row["assessed_again"] else None
            row["reference"] = EMPATH_REFERENCE if months == EMPATH_REFERENCE["months"] else None
        return list(rows.values())

    def _exits_per_reason(self, team, date_from, date_to):
        """[(reason in words, mentorships closed in the period)], most first; "Not
        recorded" for those closed without a reason."""
        closed = [
            ("team_id", "=", team.id),
            ("state", "=", "closed"),
            ("date_end", ">=", date_from),
            ("date_end", "<=", date_to),
        ]
        groups = self.env["mm.mentorship"]._read_group(closed, ["close_reason"], ["__count"])
        labels = dict(
            self.env["mm.mentorship"]._fields["close_reason"]._description_selection(self.env)
        )
        rows = [
            (labels[reason] if reason else self.env._("Not recorded"), count)
            for reason, count in groups
        ]
        return sorted(rows, key=lambda row: -row[1])

    def _bridge_changes(self, mentorships, date_to):
        """{mentorship: (change of the Bridge score from its first to its last done
        assessment until date_to, the last one's id)}, in one query."""
        self.env["mm.assessment"].flush_model(["mentorship_id", "state", "date", "bridge_score"])
        assessments = self.env["mm.assessment"]._search(
            [
                ("mentorship_id", "in", mentorships),
                ("state", "=", "done"),
                ("is_aftercare", "=", False),
                ("date", "<=", date_to),
            ]
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT mentorship_id,
                          (array_agg(bridge_score ORDER BY date, id))[1],
                          (array_agg(bridge_score ORDER BY date DESC, id DESC))[1],
                          (array_agg(id ORDER BY date DESC, id DESC))[1]
                     FROM mm_assessment WHERE id IN %s GROUP BY mentorship_id""",
                assessments.subselect(),
            )
        )
        Mentorship = self.env["mm.mentorship"]
        return {
            Mentorship.browse(mentorship_id): (round(last - first, 1), last_id)
            for mentorship_id, first, last, last_id in rows
        }

    def _caseload_per_mentor(self, per_mentor):
        return sorted(
            ((user.name or self.env._("No mentor"), count) for user, count in per_mentor),
            key=lambda row: row[0],
        )

    def _steps_per_pillar(self, assessment_ids):
        """How many residents' dimensions stand on each step, per pillar:
        [(pillar, {level: count}), ...] in Bridge order."""
        groups = self.env["mm.assessment.line"]._read_group(
            [("assessment_id", "in", assessment_ids), ("step_id", "!=", False)],
            ["pillar_id", "level"],
            ["__count"],
        )
        per_pillar = defaultdict(dict)
        for pillar, level, count in groups:
            per_pillar[pillar][level] = count
        pillars = self.env["mm.pillar"].union(*per_pillar).sorted(lambda p: (p.sequence, p.id))
        return [(pillar, per_pillar[pillar]) for pillar in pillars]

    def _fidelity(self, mentorships):
        """The dosage of the mentorships still running, as of the daily job."""
        groups = self.env["mm.mentorship"]._read_group(
            [("id", "in", mentorships), ("state", "in", RUNNING_STATES)],
            ["fidelity_ok"],
            ["__count", "contact_hours:sum"],
        )
        running = sum(count for _ok, count, _hours in groups)
        reached = sum(count for ok, count, _hours in groups if ok)
        hours = sum(hours for _ok, _count, hours in groups)
        return {
            "running": running,
            "reached": reached,
            "reached_share": round(100.0 * reached / running) if running else 0,
            "average_hours": float_round(hours / running, 1) if running else 0.0,
        }

    def _reviews_per_mentor(self, team, per_mentor, date_from, date_to):
        """Case reviews per mentor of the team in the period, against the supervisor's
        goal: every mentor's caseload discussed at least twice a month."""
        reviews = dict(
            self.env["mm.case.review"]._read_group(
                [("team_id", "=", team.id), ("date", ">=", date_from), ("date", "<=", date_to)],
                ["mentor_id"],
                ["__count"],
            )
        )
        months = self._periods_in("month", date_from, date_to)
        mentors = self.env["res.users"].union(*(user for user, _count in per_mentor), *reviews)
        return {
            "goal": REVIEWS_PER_MONTH * months,
            "rows": [(mentor.name, reviews.get(mentor, 0)) for mentor in mentors.sorted("name")],
        }

    def _outcomes(self, mentorships, date_to, bridge_changes):
        """Per indicator: the residents measured since their baseline, the share who
        improved, the median change and the same residents' Bridge score change.
        The median is an amount: back office gets only the shares."""
        # no ORM read: the amounts are mentor-only fields; only the team and managers
        # get them back (below)
        self.env["mm.outcome.measurement"].flush_model()
        self.env["mm.assessment"].flush_model(["state", "is_aftercare"])
        rows = self.env.execute_query(
            SQL(
                """WITH counted AS (
                       SELECT m.id, m.mentorship_id, m.indicator_id, m.kind, m.value, m.date
                         FROM mm_outcome_measurement m
                         LEFT JOIN mm_assessment a ON a.id = m.assessment_id
                        WHERE m.mentorship_id IN %s AND m.date <= %s AND m.is_aftercare IS NOT TRUE
                          AND m.kind IN ('baseline', 'measurement')
                          AND (m.assessment_id IS NULL OR a.state = 'done')
                   ), last AS (
                       SELECT DISTINCT ON (mentorship_id, indicator_id)
                              mentorship_id, indicator_id, value
                         FROM counted WHERE kind = 'measurement'
                        ORDER BY mentorship_id, indicator_id, date DESC, id DESC
                   )
                   SELECT last.indicator_id, last.mentorship_id, last.value - base.value
                     FROM last JOIN counted base
                       ON base.kind = 'baseline' AND base.mentorship_id = last.mentorship_id
                      AND base.indicator_id = last.indicator_id""",
                mentorships.subselect(),
                date_to,
            )
        )
        changes = defaultdict(dict)
        Mentorship, Indicator = self.env["mm.mentorship"], self.env["mm.outcome.indicator"]
        for indicator_id, mentorship_id, change in rows:
            changes[Indicator.browse(indicator_id)][Mentorship.browse(mentorship_id)] = change
        show_amounts = self.env.user.has_group(MENTOR_GROUP)
        result = []
        for indicator in sorted(changes, key=lambda i: (i.sequence, i.id)):
            per_resident = changes[indicator]
            improved = [c for c in per_resident.values() if indicator._improvement(c) == "improved"]
            bridge = [bridge_changes[m] for m in per_resident if m in bridge_changes]
            result.append(
                {
                    "indicator": indicator,
                    "measured": len(per_resident),
                    "improved": len(improved),
                    "improved_share": round(100.0 * len(improved) / len(per_resident)),
                    "median_change": median(per_resident.values()) if show_amounts else None,
                    "bridge_change": float_round(sum(bridge) / len(bridge), 1) if bridge else None,
                }
            )
        return result

    def _actions_done(self, mentorships, date_from, date_to):
        groups = self.env["mm.action"]._read_group(
            [
                ("mentorship_id", "in", mentorships),
                ("state", "in", ("done", "reported")),
                ("date_done", ">=", date_from),
                ("date_done", "<=", date_to),
            ],
            ["state", "done_on_time"],
            ["__count"],
        )
        done = sum(count for state, _on_time, count in groups if state == "done")
        on_time = sum(count for state, on_time, count in groups if state == "done" and on_time)
        return {
            "done": done,
            # ticked off by residents on MijnOverzicht, not yet confirmed by their mentor
            "reported": sum(count for state, _on_time, count in groups if state == "reported"),
            "on_time": on_time,
            "on_time_share": round(100.0 * on_time / done) if done else 0,
        }

    def _rewards_against_budget(self, team, mentorships, date_from, date_to):
        """Per rule: this team's rewards in the period, and the rule's budget for the
        period with what all teams of the company together left of it (a rule for
        every company gives each company its own budget)."""
        period_domain = [
            ("state", "!=", "cancelled"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        Reward = self.env["mm.reward"]
        team_rows = Reward._read_group(
            [("mentorship_id", "in", mentorships), *period_domain],
            ["rule_id"],
            ["__count", "amount:sum"],
        )
        # what all teams of the company spent: amounts only, whoever prints the report
        all_spent = dict(
            Reward.sudo()._read_group(
                [
                    ("rule_id", "in", [rule.id for rule, *_ in team_rows]),
                    ("company_id", "=", team.company_id.id),
                    *period_domain,
                ],
                ["rule_id"],
                ["amount:sum"],
            )
        )
        rows = []
        for rule, count, amount in team_rows:
            budget = rule.budget * self._periods_in(rule.period, date_from, date_to)
            rows.append(
                {
                    "rule": rule,
                    "count": count,
                    "amount": amount,
                    "budget": budget,
                    "left": budget - all_spent.get(rule, 0.0) if budget else None,
                }
            )
        return rows

    @api.model
    def _periods_in(self, period, date_from, date_to):
        start, count = date_utils.start_of(date_from, period), 0
        while start <= date_to:
            count += 1
            start += PERIOD_STEP[period]
        return count
