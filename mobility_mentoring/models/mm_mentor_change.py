from odoo import fields, models

from ..const import MENTOR_GROUP

REASONS = [
    ("resident", "Better for the resident"),
    ("caseload", "Caseload"),
    ("absence", "Mentor leaves or is away"),
    ("expertise", "Language or expertise"),
    ("other", "Other"),
]


class MmMentorChange(models.Model):
    """One change of mentor on a mentorship: who changed it, from whom to whom, when
    and why. Written by the system when the mentor changes; nobody edits history."""

    _name = "mm.mentor.change"
    _description = "Change of mentor"
    _inherit = ["mm.protected.mixin"]
    _order = "date desc, id desc"

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="mentorship_id.partner_id", string="Resident")
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="Changed by", required=True, readonly=True)
    from_user_id = fields.Many2one("res.users", string="From", readonly=True)
    to_user_id = fields.Many2one("res.users", string="To", readonly=True)
    # the why is for mentors: back office reads who coaches, not why that changed
    reason = fields.Selection(
        REASONS, required=True, default="other", readonly=True, groups=MENTOR_GROUP
    )
    note = fields.Char(string="Why", readonly=True, groups=MENTOR_GROUP)
