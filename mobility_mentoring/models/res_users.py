from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    mm_team_ids = fields.Many2many(
        "mm.team", "mm_team_member_rel", "user_id", "team_id", string="Mentoring teams"
    )

    def _mm_is_back_office_only(self):
        """Back office without a mentor's role: reads every file, changes nothing."""
        self.ensure_one()
        return self.has_group("mobility_mentoring.group_mm_backoffice") and not self.has_group(
            "mobility_mentoring.group_mm_mentor"
        )
