from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    mm_team_ids = fields.Many2many(
        "mm.team", "mm_team_member_rel", "user_id", "team_id", string="Mentoring teams"
    )
