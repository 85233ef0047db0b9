from odoo import api, fields, models


class MmAccessLog(models.Model):
    """Who read which resident's mentoring file, and when (NEN 7513). Written by the
    system only; managers read it."""

    _name = "mm.access.log"
    _description = "Access to a mentoring file"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", string="Opened by", required=True, readonly=True, index=True
    )
    mentorship_id = fields.Many2one("mm.mentorship", readonly=True, ondelete="set null", index=True)
    partner_id = fields.Many2one("res.partner", string="Resident", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _log_openings(self, mentorships):
        self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "mentorship_id": mentorship.id,
                    "partner_id": mentorship.partner_id.id,
                    "company_id": mentorship.company_id.id,
                }
                for mentorship in mentorships
            ]
        )
