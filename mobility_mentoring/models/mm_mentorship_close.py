from odoo import fields, models

from ..const import CLOSE_REASONS


# one concern of mm.mentorship in a file of its own (see mm_mentorship_resident_search.py)
class MmMentorship(models.Model):
    """Why a mentorship ended. *Close* asks for the reason in a wizard
    (wizards/mm_mentorship_close_wizard.py); ``action_close()`` without it (over RPC,
    by an integration) still closes, and the reason stays empty: "not recorded"."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    close_reason = fields.Selection(
        CLOSE_REASONS,
        string="Reason for closing",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Why the mentorship ended, as the mentor recorded it on closing. Empty: "
        "closed without a reason (not recorded).",
    )

    def action_open_close_wizard(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close the mentorship"),
            "res_model": "mm.mentorship.close.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_mentorship_id": self.id},
        }

    def _close(self, reason, note=None):
        """Close with a reason (and the mentor's note, as an internal note)."""
        self._change_state("closed", close_reason=reason)
        if note:
            for mentorship in self:
                mentorship.message_post(body=note, subtype_xmlid="mail.mt_note")
        return True

    def _state_values(self, new_state):
        values = super()._state_values(new_state)
        if new_state != "closed":  # reopened: the reason of the last closing goes
            values["close_reason"] = False
        return values
