from odoo import api, fields, models

from ..const import BACKOFFICE_GROUP, MENTOR_GROUP


class ResUsers(models.Model):
    _inherit = "res.users"

    mm_team_ids = fields.Many2many(
        "mm.team", "mm_team_member_rel", "user_id", "team_id", string="Mentoring teams"
    )
    mm_caseload = fields.Integer(
        string="Caseload",
        compute="_compute_mm_caseload",
        groups=MENTOR_GROUP,
        help="Residents this mentor coaches now: active and paused mentorships.",
    )

    @api.constrains("mm_team_ids", "company_ids")
    def _check_mm_teams_of_own_company(self):
        self.sudo().mm_team_ids._check_members_work_here()

    def _compute_mm_caseload(self):
        caseload = self.env["mm.caseload"]._per_mentor(self)
        for user in self:
            user.mm_caseload = caseload.get(user.id, 0)

    def _mm_is_back_office_only(self):
        """Back office without a mentor's role: reads every file, changes nothing."""
        self.ensure_one()
        return self.has_group(BACKOFFICE_GROUP) and not self.has_group(MENTOR_GROUP)
