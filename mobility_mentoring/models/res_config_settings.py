from odoo import fields, models

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
