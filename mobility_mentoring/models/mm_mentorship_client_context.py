from odoo import fields, models


class MmMentorship(models.Model):
    """The client context: what back office reads of a mentorship, and the mentor to
    contact."""

    _inherit = "mm.mentorship"

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
