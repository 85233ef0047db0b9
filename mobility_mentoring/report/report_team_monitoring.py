from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ReportTeamMonitoring(models.AbstractModel):
    """A team's figures for a period (chosen in the wizard; the last twelve months by
    default when printed straight from a team)."""

    _name = "report.mobility_mentoring.report_team_monitoring"
    _description = "Team monitoring report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        date_to = fields.Date.to_date(data.get("date_to")) or fields.Date.context_today(self)
        date_from = fields.Date.to_date(data.get("date_from")) or (
            date_to - relativedelta(years=1, days=-1)
        )
        teams = self.env["mm.team"].browse(docids)
        teams.check_access("read")
        figures = {team.id: self._figures(team, date_from, date_to) for team in teams}
        # the residents named in the report, with their change on the Bridge
        named = [m for f in figures.values() for m, _change in f["moved_up"] + f["moved_down"]]
        self.env["mm.mentorship"].union(*named)._log_report(self._name)
        return {
            "doc_ids": docids,
            "doc_model": "mm.team",
            "docs": teams,
            "figures": figures,
            "levels": range(
                1, 1 + max(self.env["mm.dimension"]._bridge_dimensions().mapped("max_level") or [5])
            ),
        }
