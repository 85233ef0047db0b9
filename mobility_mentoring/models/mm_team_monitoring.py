from collections import Counter, defaultdict
from statistics import median

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import date_utils, float_round

MENTOR_GROUP = "mobility_mentoring.group_mm_mentor"
REVIEWS_PER_MONTH = 2
PERIOD_STEP = {
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


class MmTeamMonitoring(models.AbstractModel):
    """The figures a team is steered on, for a period: the team monitoring report and
    its tests use the same computation. Counts what the user may see."""

    _name = "mm.team.monitoring"
    _description = "Team monitoring figures"

    @api.model
    def _figures(self, team, date_from, date_to):
        caseload = self.env["mm.mentorship"].search(
            [
                ("team_id", "=", team.id),
                ("date_start", "<=", date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date_from),
            ]
        )
        first, last = self._first_and_last_assessments(caseload, date_to)
        changes = {m: round(last[m].bridge_score - first[m].bridge_score, 1) for m in last}
        return {
            "team": team,
            "date_from": date_from,
            "date_to": date_to,
            "caseload": self._caseload_per_mentor(caseload),
            "residents": len(caseload),
            "assessed": len(last),
            "average_change": float_round(sum(changes.values()) / len(changes), 1)
            if changes
            else 0.0,
            "moved_up": sorted(
                ((m, c) for m, c in changes.items() if c > 0), key=lambda mc: -mc[1]
            ),
            "moved_down": sorted(
                ((m, c) for m, c in changes.items() if c < 0), key=lambda mc: mc[1]
            ),
            "steps": self._steps_per_pillar(self.env["mm.assessment"].union(*last.values())),
            "actions": self._actions_done(caseload, date_from, date_to),
            "outcomes": self._outcomes(caseload, date_to, changes),
            "fidelity": self._fidelity(caseload),
            "reviews": self._reviews_per_mentor(team, caseload, date_from, date_to),
            "rewards": self._rewards_against_budget(team, caseload, date_from, date_to),
        }

    def _first_and_last_assessments(self, mentorships, date_to):
        assessments = self.env["mm.assessment"].search(
            [
                ("mentorship_id", "in", mentorships.ids),
                ("state", "=", "done"),
                ("date", "<=", date_to),
            ],
            order="date, id",
        )
        first, last = {}, {}
        for assessment in assessments:
            first.setdefault(assessment.mentorship_id, assessment)
            last[assessment.mentorship_id] = assessment
        return first, last

    def _caseload_per_mentor(self, mentorships):
        counts = Counter(mentorship.user_id for mentorship in mentorships)
        return sorted(
            ((user.name or self.env._("No mentor"), count) for user, count in counts.items()),
            key=lambda row: row[0],
        )

    def _steps_per_pillar(self, assessments):
        """How many residents' dimensions stand on each step, per pillar:
        [(pillar, {level: count}), ...] in Bridge order."""
        per_pillar = defaultdict(Counter)
        for line in assessments.line_ids.filtered("step_id"):
            per_pillar[line.pillar_id][line.level] += 1
        pillars = self.env["mm.pillar"].union(*per_pillar).sorted(lambda p: (p.sequence, p.id))
        return [(pillar, dict(per_pillar[pillar])) for pillar in pillars]

    def _fidelity(self, mentorships):
        """The dosage of the mentorships still running, as of the daily job."""
        running = mentorships.filtered(lambda m: m.state in ("active", "paused"))
        reached = running.filtered("fidelity_ok")
        hours = sum(running.mapped("contact_hours"))
        return {
            "running": len(running),
            "reached": len(reached),
            "reached_share": round(100.0 * len(reached) / len(running)) if running else 0,
            "average_hours": float_round(hours / len(running), 1) if running else 0.0,
        }

    def _reviews_per_mentor(self, team, mentorships, date_from, date_to):
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
        mentors = (mentorships.user_id | self.env["res.users"].union(*reviews)).sorted("name")
        return {
            "goal": REVIEWS_PER_MONTH * months,
            "rows": [(mentor.name, reviews.get(mentor, 0)) for mentor in mentors],
        }

    def _outcomes(self, mentorships, date_to, bridge_changes):
        """Per indicator: the residents measured since their baseline, the share who
        improved, the median change and the same residents' Bridge score change.
        The median is an amount: back office gets only the shares."""
        # sudo: amounts are mentor-only fields; only the team and managers get them back
        rows = (
            self.env["mm.outcome.measurement"]
            .sudo()
            .search(
                [
                    ("mentorship_id", "in", mentorships.ids),
                    ("kind", "in", ("baseline", "measurement")),
                    ("date", "<=", date_to),
                    "|",
                    ("assessment_id", "=", False),
                    ("assessment_id.state", "=", "done"),
                ],
                order="date, id",
            )
        )
        baseline, last = {}, {}
        for row in rows:
            key = (row.indicator_id, row.mentorship_id)
            (baseline if row.kind == "baseline" else last)[key] = row.value
        changes = defaultdict(dict)
        for (indicator, mentorship), value in last.items():
            if (indicator, mentorship) in baseline:
                changes[indicator][mentorship] = value - baseline[indicator, mentorship]
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
        actions = self.env["mm.action"].search(
            [
                ("mentorship_id", "in", mentorships.ids),
                ("state", "=", "done"),
                ("date_done", ">=", date_from),
                ("date_done", "<=", date_to),
            ]
        )
        on_time = len(actions.filtered("done_on_time"))
        # ticked off by residents on MijnOverzicht, not yet confirmed by their mentor
        reported = self.env["mm.action"].search_count(
            [
                ("mentorship_id", "in", mentorships.ids),
                ("state", "=", "reported"),
                ("date_done", ">=", date_from),
                ("date_done", "<=", date_to),
            ]
        )
        return {
            "done": len(actions),
            "reported": reported,
            "on_time": on_time,
            "on_time_share": round(100.0 * on_time / len(actions)) if actions else 0,
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
            [("mentorship_id", "in", mentorships.ids), *period_domain],
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
