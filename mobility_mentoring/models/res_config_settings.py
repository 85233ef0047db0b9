import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mm_case_review import DEFAULT_REVIEW_WEEKS, REVIEW_WEEKS_PARAMETER
from .mm_mentorship_attention import ASSESSMENT_MONTHS_PARAMETER, DEFAULT_ASSESSMENT_MONTHS
from .mm_mentorship_fidelity import (
    DEFAULT_HOURS,
    DEFAULT_MONTHS,
    DEFAULT_NO_CONTACT_DAYS,
    HOURS_PARAMETER,
    MONTHS_PARAMETER,
    NO_CONTACT_PARAMETER,
)
from .mm_mentorship_retention import DEFAULT_RETENTION_MONTHS, RETENTION_PARAMETER

_logger = logging.getLogger(__name__)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    @api.model
    def _mm_setting(self, parameter, default):
        """The one reader of the addon's settings, all whole numbers of at least one:
        a wrong value (a typo in a system parameter) keeps the default, with a
        warning, and never stops a daily job."""
        value = self.env["ir.config_parameter"].sudo().get_param(parameter)
        if not value:
            return default
        number = int(value) if value.strip().isdigit() else 0
        if number < 1:
            _logger.warning("The setting %s is %r: %s is used instead.", parameter, value, default)
            return default
        return number

    mm_retention_months = fields.Integer(
        string="Keep closed mentorships (months)",
        config_parameter=RETENTION_PARAMETER,
        default=DEFAULT_RETENTION_MONTHS,
        help="After this many months a closed mentorship is anonymised: the link to the "
        "resident, notes and free text are removed, the figures remain.",
    )

    mm_fidelity_hours = fields.Integer(
        string="Dosage: hours of contact",
        config_parameter=HOURS_PARAMETER,
        default=DEFAULT_HOURS,
        help="A mentorship reaches the dosage with at least these hours of contact ...",
    )
    mm_fidelity_months = fields.Integer(
        string="Dosage: months",
        config_parameter=MONTHS_PARAMETER,
        default=DEFAULT_MONTHS,
        help="... over at least these months (EMPath: 12 hours over 6 months).",
    )
    mm_no_contact_days = fields.Integer(
        string="To-do after days without contact",
        config_parameter=NO_CONTACT_PARAMETER,
        default=DEFAULT_NO_CONTACT_DAYS,
        help="The mentor gets a to-do when an active resident had no contact for this long.",
    )

    mm_review_weeks = fields.Integer(
        string="Case review due after weeks",
        config_parameter=REVIEW_WEEKS_PARAMETER,
        default=DEFAULT_REVIEW_WEEKS,
        help="An active mentorship not discussed in a case review for this long is due.",
    )

    mm_assessment_months = fields.Integer(
        string="Bridge assessment due after months",
        config_parameter=ASSESSMENT_MONTHS_PARAMETER,
        default=DEFAULT_ASSESSMENT_MONTHS,
        help="An active resident without a Bridge assessment for this long is due for one.",
    )

    @api.constrains(
        "mm_fidelity_hours",
        "mm_fidelity_months",
        "mm_no_contact_days",
        "mm_review_weeks",
        "mm_assessment_months",
    )
    def _check_mm_fidelity(self):
        for settings in self:
            values = (
                settings.mm_fidelity_hours,
                settings.mm_fidelity_months,
                settings.mm_no_contact_days,
                settings.mm_review_weeks,
                settings.mm_assessment_months,
            )
            if any(value < 1 for value in values):
                raise ValidationError(
                    self.env._(
                        "The dosage, the days without contact, the weeks between case reviews "
                        "and the months between assessments are at least 1."
                    )
                )

    @api.constrains("mm_retention_months")
    def _check_mm_retention_months(self):
        # a slip of the keyboard must not anonymise every closed file at once
        if any(settings.mm_retention_months < 1 for settings in self):
            raise ValidationError(self.env._("Keep closed mentorships for at least one month."))
