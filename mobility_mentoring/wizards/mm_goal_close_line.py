from odoo import api, fields, models
from odoo.exceptions import UserError


class MmGoalCloseLine(models.TransientModel):
    _name = "mm.goal.close.line"
    _inherit = ["mm.protected.mixin"]
    _description = "Decision on an open action of a goal being closed"
    _fixed_after_create = ("wizard_id", "action_id")

    wizard_id = fields.Many2one("mm.goal.close", required=True, ondelete="cascade")
    action_id = fields.Many2one("mm.action", required=True, ondelete="cascade")
    # with the user's rights, not the superuser's: they show only what the user may read
    goal_id = fields.Many2one(related="action_id.goal_id", related_sudo=False)
    deadline = fields.Date(related="action_id.deadline", related_sudo=False)
    decision = fields.Selection([("done", "Done"), ("cancelled", "Cancelled")])

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_action()
        return lines

    def _check_action(self):
        """The action id came from the client: the user must be allowed to change the
        action, and it must be an open action of the goals being closed."""
        self.action_id.check_access("write")
        for line in self:
            action = line.action_id
            if not action._unfinished() or action.goal_id not in line.wizard_id.goal_ids:
                raise UserError(
                    self.env._(
                        "%(action)s is not an open action of the goals being closed.",
                        action=action.name,
                    )
                )
