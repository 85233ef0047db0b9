from odoo import fields, models

MM_GROUPS = "mobility_mentoring.group_mm_mentor,mobility_mentoring.group_mm_backoffice"


class ResPartner(models.Model):
    _inherit = "res.partner"

    mm_mentorship_ids = fields.One2many(
        "mm.mentorship", "partner_id", string="Mentorships", groups=MM_GROUPS
    )
    mm_mentorship_count = fields.Integer(
        compute="_compute_mm_mentorship_count", string="Mentorship count", groups=MM_GROUPS
    )

    def _compute_mm_mentorship_count(self):
        # counts what the user may see: a mentor only counts their own teams' mentorships
        counts = dict(
            self.env["mm.mentorship"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.mm_mentorship_count = counts.get(partner, 0)

    def action_view_mm_mentorships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_mentorship_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        mentorships = self.env["mm.mentorship"].search([("partner_id", "=", self.id)], limit=2)
        if len(mentorships) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = mentorships.id
        return action
