from odoo import fields, models


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """The client context: what back office reads of a mentorship, and the mentor to
    contact."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # client context (back office)
    mentor_email = fields.Char(related="user_id.email", string="Mentor's email")
    mentor_phone = fields.Char(related="user_id.phone", string="Mentor's phone")

    def action_open_client_context(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_mentorship_action_client_context"
        )
        if len(self) == 1:
            action.update(views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
