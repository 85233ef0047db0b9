from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mm_retention import DEFAULT_RETENTION_MONTHS, RETENTION_PARAMETER


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mm_retention_months = fields.Integer(
        string="Keep closed mentorships (months)",
        config_parameter=RETENTION_PARAMETER,
        default=DEFAULT_RETENTION_MONTHS,
        help="After this many months a closed mentorship is anonymised: the link to the "
        "resident, notes and free text are removed, the figures remain.",
    )

    @api.constrains("mm_retention_months")
    def _check_mm_retention_months(self):
        # a slip of the keyboard must not anonymise every closed file at once
        if any(settings.mm_retention_months < 1 for settings in self):
            raise ValidationError(self.env._("Keep closed mentorships for at least one month."))
