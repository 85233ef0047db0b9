from odoo import fields, models

from ..const import CLIENT_CONTEXT_ACTION


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """The client context: what back office reads of a mentorship, and the mentor to
    contact."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # back office's screens of a mentorship, whichever view of the mentors it asks for
    # (mm_protected_mixin_screens.py)
    _back_office_views = {
        "list": "mobility_mentoring.mm_mentorship_view_list_client_context",
        "form": "mobility_mentoring.mm_mentorship_view_form_client_context",
    }

    # client context (back office)
    mentor_email = fields.Char(related="user_id.email", string="Mentor's email")
    mentor_phone = fields.Char(related="user_id.phone", string="Mentor's phone")

    def action_open_client_context(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(CLIENT_CONTEXT_ACTION)
        if len(self) == 1:
            action.update(views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
