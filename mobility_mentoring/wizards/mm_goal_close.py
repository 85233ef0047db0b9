from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class MmGoalClose(models.TransientModel):
    """Achieving or dropping a goal with open actions: the mentor decides per action
    whether it was done or is cancelled, so that nothing changes silently."""

    _name = "mm.goal.close"
    _inherit = ["mm.protected.mixin"]
    _description = "Close a goal and decide on its open actions"
    _fixed_after_create = ("goal_ids", "new_state")

    goal_ids = fields.Many2many("mm.goal", string="Goals", required=True)
    new_state = fields.Selection([("achieved", "Achieved"), ("dropped", "Dropped")], required=True)
    line_ids = fields.One2many("mm.goal.close.line", "wizard_id", string="Open actions")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.goal_ids.check_access("write")
        return wizards

    @api.model
    def _open_for(self, goals, new_state):
        wizard = self.create(
            {
                "goal_ids": [Command.set(goals.ids)],
                "new_state": new_state,
                "line_ids": [
                    Command.create({"action_id": action.id})
                    for action in goals.action_ids._unfinished()
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("What happened to the open actions?"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_confirm(self):
        self.ensure_one()
        undecided = self.line_ids.filtered(lambda line: not line.decision)
        if undecided:
            raise UserError(
                self.env._(
                    "Decide for every open action whether it was done or is cancelled: %s",
                    ", ".join(undecided.action_id.mapped("name")),
                )
            )
        lines = self.line_ids.filtered(lambda line: line.action_id._unfinished())
        lines.filtered(lambda line: line.decision == "done").action_id.action_done()
        lines.filtered(lambda line: line.decision == "cancelled").action_id.action_cancel()
        return self.goal_ids._close(self.new_state)
