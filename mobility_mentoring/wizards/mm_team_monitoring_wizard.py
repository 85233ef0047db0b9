from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class MmTeamMonitoringWizard(models.TransientModel):
    _name = "mm.team.monitoring.wizard"
    _description = "Print the team monitoring report for a period"

    team_ids = fields.Many2many(
        "mm.team", string="Teams", required=True, default=lambda self: self._default_team_ids()
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.model
    def _default_team_ids(self):
        """The teams the user leads, else the teams they are a member of."""
        Team = self.env["mm.team"]
        return Team.search([("leader_id", "=", self.env.uid)]) or Team.search(
            [("member_ids", "in", self.env.uid)]
        )

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self) - relativedelta(years=1, days=-1)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.team_ids.check_access("read")
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if "team_ids" in vals:
            self.team_ids.check_access("read")
        return result

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "mm.team" and "team_ids" in fields_list:
            values["team_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_print(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period must start before it ends."))
        return self.env.ref("mobility_mentoring.action_report_team_monitoring").report_action(
            self.team_ids,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
