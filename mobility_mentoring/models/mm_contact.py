from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime

from ..const import MENTOR_GROUP

KINDS = [
    ("visit", "At the office"),
    ("home", "Home visit"),
    ("phone", "Phone"),
    ("video", "Video call"),
    ("message", "Message"),
]
CLOCK_SKEW_MINUTES = 5


class MmContact(models.Model):
    """A contact moment of mentor and resident: what the method's dosage counts (how
    often, how long). The summary is confidential like a coaching note; back office
    sees that contacts happen (date, kind), not what was said."""

    _name = "mm.contact"
    _description = "Contact moment"
    _inherit = ["mm.protected.mixin"]
    _order = "date desc, id desc"
    _fixed_after_create = ("mentorship_id",)

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        related="mentorship_id.partner_id", store=True, index=True, string="Resident"
    )
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="With",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who had the contact: the mentor, or a colleague who stood in.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Integer(string="Minutes", required=True, default=45)
    kind = fields.Selection(KINDS, required=True, default="visit")
    summary = fields.Text(groups=MENTOR_GROUP, help="Confidential, like a coaching note.")

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        contacts.mentorship_id._activity_update()  # the lapse may have ended
        return contacts

    @api.constrains("user_id", "mentorship_id")
    def _check_colleague_works_here(self):
        self._check_colleagues("user_id")

    @api.constrains("date")
    def _check_not_in_the_future(self):
        # a contact ahead would count for the dosage now and hide a lapse of contact;
        # an appointment is a to-do or a calendar event (a few minutes of clock skew aside)
        latest = fields.Datetime.now() + timedelta(minutes=CLOCK_SKEW_MINUTES)
        if self.filtered(lambda contact: contact.date > latest):
            raise ValidationError(
                self.env._(
                    "A contact moment is logged once it took place: not in the future. Plan "
                    "an appointment as a to-do."
                )
            )

    @api.constrains("duration")
    def _check_duration(self):
        if self.filtered(lambda contact: not 0 < contact.duration <= 24 * 60):
            raise ValidationError(
                self.env._("A contact moment lasts between 1 minute and 24 hours.")
            )

    @api.depends("kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for contact in self:
            when = (
                format_datetime(self.env, contact.date, dt_format="short") if contact.date else ""
            )
            contact.display_name = f"{kinds.get(contact.kind, '')}, {when}"
