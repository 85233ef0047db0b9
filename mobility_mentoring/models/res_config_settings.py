import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mm_case_review import DEFAULT_REVIEW_WEEKS, REVIEW_WEEKS_PARAMETER
from .mm_mentorship_aftercare import (
    AFTERCARE_PARAMETER,
    DEFAULT_AFTERCARE_MONTHS,
    aftercare_months,
)
from .mm_mentorship_attention import ASSESSMENT_MONTHS_PARAMETER, DEFAULT_ASSESSMENT_MONTHS
from .mm_mentorship_fidelity import (
    DEFAULT_GROUP_SHARE,
    DEFAULT_HOURS,
    DEFAULT_MONTHS,
    DEFAULT_NO_CONTACT_DAYS,
    GROUP_SHARE_PARAMETER,
    GROUP_SHARES,
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

    @api.model
    def _mm_aftercare_months(self):
        """The months after a completed exit of the aftercare follow-ups: a list, read
        like the whole numbers above (a wrong value keeps the default, with a warning)."""
        value = self.env["ir.config_parameter"].sudo().get_param(AFTERCARE_PARAMETER)
        months = aftercare_months(value) if value else None
        if value and months is None:
            _logger.warning(
                "The setting %s is %r: %s is used instead.",
                AFTERCARE_PARAMETER,
                value,
                DEFAULT_AFTERCARE_MONTHS,
            )
        return months or aftercare_months(DEFAULT_AFTERCARE_MONTHS)

    mm_aftercare_months = fields.Char(
        string="Aftercare follow-ups (months after closing)",
        config_parameter=AFTERCARE_PARAMETER,
        default=DEFAULT_AFTERCARE_MONTHS,
        help="After a completed exit the mentor gets a follow-up to-do this many months "
        "after the closing, e.g. 3, 6, 12; MijnOverzicht stays open until the last one.",
    )

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
    mm_group_hours_share = fields.Selection(
        GROUP_SHARES,
        string="Dosage: group meetings count",
        config_parameter=GROUP_SHARE_PARAMETER,
        default=DEFAULT_GROUP_SHARE,
        help="Hours in group meetings count for at most this share of the contact hours "
        "(EMPath counts them beside the one-to-one hours, not instead).",
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

    def set_values(self):
        """A new dosage counts from now, not from tomorrow night: the daily job that
        refreshes the running files' figures in batches is started, for all of them."""
        dosage = (HOURS_PARAMETER, MONTHS_PARAMETER, GROUP_SHARE_PARAMETER)
        params = self.env["ir.config_parameter"].sudo()
        before = [params.get_param(parameter) for parameter in dosage]
        result = super().set_values()
        if before != [params.get_param(parameter) for parameter in dosage]:
            self.env["mm.mentorship"]._mark_fidelity_stale()
        return result

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

    @api.constrains("mm_aftercare_months")
    def _check_mm_aftercare_months(self):
        for settings in self:
            if aftercare_months(settings.mm_aftercare_months) is None:
                raise ValidationError(
                    self.env._(
                        "Write the aftercare follow-ups as months after closing, from 1 "
                        "to 60, from the first to the last, e.g. 3, 6, 12."
                    )
                )

    @api.constrains("mm_retention_months")
    def _check_mm_retention_months(self):
        # a slip of the keyboard must not anonymise every closed file at once
        if any(settings.mm_retention_months < 1 for settings in self):
            raise ValidationError(self.env._("Keep closed mentorships for at least one month."))
