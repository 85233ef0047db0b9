from odoo import fields, models


class MmGoalCloseLine(models.TransientModel):
    _name = "mm.goal.close.line"
    _description = "Decision on an open action of a goal being closed"

    wizard_id = fields.Many2one("mm.goal.close", required=True, ondelete="cascade")
    action_id = fields.Many2one("mm.action", required=True, ondelete="cascade")
    goal_id = fields.Many2one(related="action_id.goal_id")
    deadline = fields.Date(related="action_id.deadline")
    decision = fields.Selection([("done", "Done"), ("cancelled", "Cancelled")])
