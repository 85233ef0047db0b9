from odoo import api, fields, models

from ..const import CLOSE_REASONS


class MmMentorshipCloseWizard(models.TransientModel):
    """Close a mentorship, saying why: the reason stays on the mentorship, in the
    team's monitoring and in the resident's data export."""

    _name = "mm.mentorship.close.wizard"
    _inherit = ["mm.protected.mixin"]
    _description = "Close a mentorship"
    _fixed_after_create = ("mentorship_id",)

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade")
    close_reason = fields.Selection(CLOSE_REASONS, string="Reason for closing", required=True)
    note = fields.Text(help="For the team, in the mentorship's history (an internal note).")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # the id came from the client: only one's own mentorships
        wizards.mentorship_id.check_access("write")
        return wizards

    def action_confirm(self):
        self.ensure_one()
        self.mentorship_id._close(self.close_reason, self.note)
        return {"type": "ir.actions.act_window_close"}
