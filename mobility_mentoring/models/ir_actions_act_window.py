from odoo import models

from ..const import CLIENT_CONTEXT_ACTION


class IrActionsActWindow(models.Model):
    _inherit = "ir.actions.act_window"

    def _get_action_dict(self):
        """Back office opens a mentorship in its own screen. A window action on
        mentorships that is the mentors' (Mentorships, My day, Due for review, the
        monitoring of mentorships), loaded by back office through a menu, a link
        (/odoo/action-<xmlid>/<id>), an action id (both /web/action/load, which
        reads actions as superuser whatever their groups) or a button
        (``_for_xml_id``), is the client context action: the web client then opens
        the mentorship of the link in the client context's form, and a team's
        mentorships in its list. The views themselves are guarded in
        mm_protected_mixin_screens.py."""
        self.ensure_one()
        if self.sudo().res_model == "mm.mentorship" and self.env.user._mm_is_back_office_only():
            client_context = self.env.ref(CLIENT_CONTEXT_ACTION, raise_if_not_found=False)
            if client_context and self.id != client_context.id:
                return client_context._get_action_dict()
        return super()._get_action_dict()
