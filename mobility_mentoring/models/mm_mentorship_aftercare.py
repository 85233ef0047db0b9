import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

AFTERCARE_TODO = "mobility_mentoring.mail_activity_type_mm_aftercare"
AFTERCARE_PARAMETER = "mobility_mentoring.aftercare_months"
DEFAULT_AFTERCARE_MONTHS = "3, 6, 12"


# a measurement after the exit against the one at exit (the Bridge score, an outcome)
AFTER_EXIT_RESULTS = [("kept", "Kept or improved"), ("fell_back", "Fell back")]


def aftercare_months(text):
    """The months after closing of the follow-ups, from the setting's text ("3, 6,
    12"): whole numbers from 1 to 60, ascending. None when the text is not that."""
    parts = [part for part in re.split(r"[\s,;]+", text or "") if part]
    if not parts or not all(part.isdigit() for part in parts):
        return None
    months = [int(part) for part in parts]
    if months != sorted(set(months)) or not 1 <= months[0] <= months[-1] <= 60:
        return None
    return months


# one concern of mm.mentorship in a file of its own (see mm_mentorship_resident_search.py)
class MmMentorship(models.Model):
    """Aftercare after a completed exit, as EMPath and the national statistics on debt
    help (DDAS) know it: follow-up to-dos some months after closing (a setting), a
    short measurement then (an assessment or outcome dated after the exit is aftercare:
    it changes nothing of the file's figures), MijnOverzicht open until the last
    follow-up, and the results after exit: the score at exit against the last
    aftercare assessment."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    aftercare_until = fields.Date(
        string="Aftercare until",
        compute="_compute_aftercare_until",
        store=True,
        help="The last aftercare follow-up after a completed exit: MijnOverzicht stays "
        "open until then.",
    )
    aftercare_assessment_id = fields.Many2one(
        "mm.assessment",
        string="Last aftercare assessment",
        compute="_compute_aftercare_result",
        store=True,
    )
    aftercare_change = fields.Float(
        string="Change after exit",
        digits=(5, 1),
        compute="_compute_aftercare_result",
        store=True,
        aggregator="avg",
        help="The Bridge score of the last aftercare assessment minus the score at exit.",
    )
    aftercare_result = fields.Selection(
        AFTER_EXIT_RESULTS,
        string="Result after exit",
        compute="_compute_aftercare_result",
        store=True,
        help="The last aftercare assessment against the score at exit; empty: not "
        "measured after the exit.",
    )

    @api.depends("state", "close_reason", "date_end")
    def _compute_aftercare_until(self):
        months = self.env["res.config.settings"]._mm_aftercare_months()
        for mentorship in self:
            completed = mentorship.state == "closed" and mentorship.close_reason == "completed"
            mentorship.aftercare_until = (
                mentorship.date_end + relativedelta(months=months[-1])
                if completed and mentorship.date_end
                else False
            )

    @api.depends(
        "bridge_score",
        "assessment_ids.is_aftercare",
        "assessment_ids.state",
        "assessment_ids.date",
        "assessment_ids.bridge_score",
    )
    def _compute_aftercare_result(self):
        for mentorship in self:
            aftercare = mentorship.assessment_ids.filtered(
                lambda a: a.is_aftercare and a.state == "done"
            ).sorted(lambda a: (a.date or date.min, a._origin.id or 0))[-1:]
            change = aftercare.bridge_score - mentorship.bridge_score if aftercare else 0.0
            mentorship.aftercare_assessment_id = aftercare
            mentorship.aftercare_change = change
            mentorship.aftercare_result = (
                ((change >= 0 and "kept") or "fell_back") if aftercare else False
            )

    def _close(self, reason, note=None):
        result = super()._close(reason, note)
        self.filtered(lambda m: m.close_reason == "completed")._schedule_aftercare()
        return result

    def _schedule_aftercare(self):
        """A follow-up to-do per month of the setting after the closing, for the mentor,
        or the team lead when the mentor has left the team."""
        months = self.env["res.config.settings"]._mm_aftercare_months()
        for mentorship in self:
            whom = mentorship._aftercare_user()
            for month in months:
                mentorship._schedule_todos(
                    AFTERCARE_TODO,
                    lambda _record, whom=whom: whom,
                    date_deadline=mentorship.date_end + relativedelta(months=month),
                )

    def _aftercare_user(self):
        team = self.team_id
        if self.user_id in team.member_ids | team.leader_id or not team.leader_id:
            return self.user_id
        return team.leader_id

    def _state_changed(self, previous):
        result = super()._state_changed(previous)
        # reopened: coached again, no aftercare to do
        reopened = self.filtered(lambda m: previous[m.id] == "closed" and m.state != "closed")
        reopened._remove_todos([AFTERCARE_TODO])
        return result

    @api.model
    def _cron_aftercare(self):
        """MijnOverzicht closes when the last follow-up has passed (unless another
        mentorship still coaches the resident, or is in aftercare)."""
        today = fields.Date.context_today(self)
        ended = self.sudo().search(
            [
                ("state", "=", "closed"),
                ("aftercare_until", "<", today),
                ("partner_id.mm_portal_access", "=", True),
            ]
        )
        ended._end_resident_access()


def _after_exit(record):
    """Dated after its mentorship closed (the exit day itself is still the exit)."""
    mentorship = record.mentorship_id
    return bool(
        mentorship.state == "closed"
        and mentorship.date_end
        and record.date
        and record.date > mentorship.date_end
    )


class MmAssessment(models.Model):
    _inherit = "mm.assessment"  # pylint: disable=consider-merging-classes-inherited

    is_aftercare = fields.Boolean(
        string="Aftercare",
        compute="_compute_is_aftercare",
        store=True,
        help="Dated after the mentorship closed: it counts for the results after exit, "
        "and changes nothing of the mentorship's own figures.",
    )

    @api.depends("date", "mentorship_id.state", "mentorship_id.date_end")
    def _compute_is_aftercare(self):
        for assessment in self:
            assessment.is_aftercare = _after_exit(assessment)


class MmOutcomeMeasurement(models.Model):
    _inherit = "mm.outcome.measurement"  # pylint: disable=consider-merging-classes-inherited

    is_aftercare = fields.Boolean(
        string="Aftercare",
        compute="_compute_is_aftercare",
        store=True,
        help="Measured after the mentorship closed.",
    )

    # the outcomes after exit: each aftercare measurement against the indicator's
    # value at exit (its last measurement during the mentorship), by months after exit
    months_after_exit = fields.Integer(
        string="Months after exit",
        compute="_compute_after_exit",
        store=True,
        aggregator=False,
        help="Months from the exit to this aftercare measurement, to the nearest whole "
        "month (a follow-up a few days early or late counts for its month).",
    )
    after_exit_result = fields.Selection(
        AFTER_EXIT_RESULTS,
        string="Result after exit",
        compute="_compute_after_exit",
        store=True,
        help="This aftercare measurement against the value at exit, the last one measured "
        "during the mentorship; empty: not aftercare, or nothing measured before the exit.",
    )

    @api.depends("date", "mentorship_id.state", "mentorship_id.date_end")
    def _compute_is_aftercare(self):
        for measurement in self:
            measurement.is_aftercare = _after_exit(measurement)

    @api.depends("is_aftercare", "kind", "value", "indicator_id", "date")
    def _compute_after_exit(self):
        aftercare = self.filtered(lambda m: m.is_aftercare and m.kind == "measurement")
        (self - aftercare).update({"months_after_exit": 0, "after_exit_result": False})
        at_exit = aftercare._values_at_exit()
        for measurement in aftercare.sudo():  # sudo: the amounts; the result is a direction
            end = measurement.mentorship_id.date_end
            delta = relativedelta(measurement.date, end)
            months = delta.years * 12 + delta.months + delta.days / 30
            measurement.months_after_exit = int(months + 0.5)  # half a month up
            key = (measurement.mentorship_id.id, measurement.indicator_id.id)
            if key not in at_exit:
                measurement.after_exit_result = False
                continue
            change = measurement.indicator_id._improvement(measurement.value - at_exit[key])
            measurement.after_exit_result = "fell_back" if change == "worse" else "kept"

    def _values_at_exit(self):
        """{(mentorship id, indicator id): the last value measured before the exit},
        for the files and indicators of ``self``, in one query."""
        if not self:
            return {}
        rows = (
            self.env["mm.outcome.measurement"]
            .sudo()
            .search_fetch(
                [
                    ("mentorship_id", "in", self.mentorship_id.ids),
                    ("indicator_id", "in", self.indicator_id.ids),
                    ("is_aftercare", "=", False),
                    ("kind", "!=", "target"),
                ],
                ["mentorship_id", "indicator_id", "value"],
                order="date desc, id desc",
            )
        )
        values = {}
        for row in rows:
            values.setdefault((row.mentorship_id.id, row.indicator_id.id), row.value)
        return values
