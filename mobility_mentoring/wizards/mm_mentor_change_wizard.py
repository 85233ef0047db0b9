from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.mm_mentor_change import REASONS


class MmMentorChangeWizard(models.TransientModel):
    """Give a mentorship another mentor, saying why: the change is kept in the
    mentorship's history, and the open to-dos and followers go to the new mentor."""

    _name = "mm.mentor.change.wizard"
    _inherit = ["mm.protected.mixin"]
    _description = "Change the mentor"
    _fixed_after_create = ("mentorship_id",)

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users", string="New mentor", required=True, domain="[('share', '=', False)]"
    )
    reason = fields.Selection(REASONS, required=True)
    note = fields.Char(string="Why", help="In a few words; the team sees it in the history.")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # the id came from the client: only one's own mentorships
        wizards.mentorship_id.check_access("write")
        return wizards

    @api.onchange("user_id")
    def _onchange_caseload(self):
        warning = self.user_id._mm_caseload_warning(self.mentorship_id.team_id, self.mentorship_id)
        return {"warning": warning} if warning else None

    def action_confirm(self):
        self.ensure_one()
        mentorship = self.mentorship_id
        if self.user_id == mentorship.user_id:
            raise UserError(self.env._("%s is already the mentor.", self.user_id.name))
        mentorship.with_context(
            mm_mentor_change_reason=self.reason, mm_mentor_change_note=self.note
        ).write({"user_id": self.user_id.id})
        return {"type": "ir.actions.act_window_close"}
