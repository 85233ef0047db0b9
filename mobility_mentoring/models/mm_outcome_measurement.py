from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import MENTOR_GROUP

KINDS = [("baseline", "Baseline"), ("target", "Target"), ("measurement", "Measurement")]
IMPROVEMENTS = [("improved", "Improved"), ("same", "Unchanged"), ("worse", "Worse")]


class MmOutcomeMeasurement(models.Model):
    """A value of an outcome indicator for a resident: their baseline at the start,
    the target they choose, or a measurement with a Bridge assessment. Amounts are
    confidential like notes: back office sees only the direction of the change."""

    _name = "mm.outcome.measurement"
    _description = "Outcome measurement"
    _inherit = ["mm.protected.mixin"]
    _order = "indicator_id, date, id"
    _fixed_after_create = ("mentorship_id", "assessment_id")

    assessment_id = fields.Many2one("mm.assessment", ondelete="cascade", index="btree_not_null")
    mentorship_id = fields.Many2one(
        "mm.mentorship",
        required=True,
        ondelete="cascade",
        index=True,
        compute="_compute_mentorship_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    partner_id = fields.Many2one(related="mentorship_id.partner_id", string="Resident")
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    indicator_id = fields.Many2one(
        "mm.outcome.indicator", required=True, ondelete="restrict", index=True
    )
    unit = fields.Selection(related="indicator_id.unit")
    kind = fields.Selection(
        KINDS,
        required=True,
        compute="_compute_kind",
        store=True,
        readonly=False,
        precompute=True,
        help="The first value of an indicator is the baseline; later ones are measurements.",
    )
    date = fields.Date(
        required=True,
        compute="_compute_date",
        store=True,
        readonly=False,
        precompute=True,
    )
    value = fields.Float(groups=MENTOR_GROUP, digits=(12, 2))
    improvement = fields.Selection(
        IMPROVEMENTS,
        string="Since the baseline",
        compute="_compute_improvement",
        help="The direction of the change since the baseline: what back office sees.",
    )

    _sql_constraints = [
        (
            "one_per_assessment",
            "UNIQUE(assessment_id, indicator_id)",
            "An assessment measures each indicator once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        measurements = super().create(vals_list)
        measurements.assessment_id._check_can_change()
        return measurements

    def write(self, vals):
        # the values of a done assessment are history, as its steps are: team
        # monitoring counts them; only a manager corrects them
        self.assessment_id._check_can_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_when_assessment_editable(self):
        self.assessment_id._check_can_change()

    @api.depends("assessment_id")
    def _compute_mentorship_id(self):
        for measurement in self.filtered("assessment_id"):
            measurement.mentorship_id = measurement.assessment_id.mentorship_id

    @api.depends("assessment_id.date")
    def _compute_date(self):
        for measurement in self:
            measurement.date = (
                measurement.assessment_id.date
                or measurement.date
                or (fields.Date.context_today(self))
            )

    @api.depends("mentorship_id", "indicator_id")
    def _compute_kind(self):
        baselines = self._baselines()
        for measurement in self:
            if measurement.kind:
                continue
            key = (measurement.mentorship_id._origin.id, measurement.indicator_id.id)
            measurement.kind = "measurement" if key in baselines else "baseline"

    @api.depends("kind", "value", "indicator_id", "mentorship_id")
    def _compute_improvement(self):
        baselines = self._baselines()
        # a value typed in a form (an onchange) compared with the baseline would tell
        # the amount to whoever may not read it, by trying values
        sees_amounts = self.env.su or self.env.user.has_group(MENTOR_GROUP)
        for measurement in self:
            key = (measurement.mentorship_id._origin.id, measurement.indicator_id.id)
            baseline = baselines.get(key)
            typed = not measurement._origin.id and not sees_amounts
            if measurement.kind != "measurement" or baseline is None or typed:
                measurement.improvement = False
                continue
            # sudo: the direction is for everyone who reads the record, the amount is not
            change = measurement.sudo().value - baseline
            measurement.improvement = measurement.indicator_id._improvement(change)

    def _baselines(self):
        """{(mentorship id, indicator id): baseline value} of these measurements'
        residents, as far as the user may read their files."""
        mentorships = self.mentorship_id._origin
        if not self.env.su:
            mentorships = mentorships._filtered_access("read")
        rows = self.sudo().search(
            [
                ("mentorship_id", "in", mentorships.ids),
                ("kind", "=", "baseline"),
            ]
        )
        return {(row.mentorship_id.id, row.indicator_id.id): row.value for row in rows}

    @api.constrains("kind", "mentorship_id", "indicator_id")
    def _check_one_baseline_and_target(self):
        for kind in ("baseline", "target"):
            mine = self.filtered(lambda m, kind=kind: m.kind == kind)
            if not mine:
                continue
            groups = self.sudo()._read_group(
                [
                    ("mentorship_id", "in", mine.mentorship_id.ids),
                    ("indicator_id", "in", mine.indicator_id.ids),
                    ("kind", "=", kind),
                ],
                ["mentorship_id", "indicator_id"],
                ["__count"],
            )
            for mentorship, indicator, count in groups:
                if count > 1:
                    raise ValidationError(
                        self.env._(
                            "%(resident)s has one %(kind)s for %(indicator)s: change that one.",
                            resident=mentorship.display_name,
                            kind=dict(self._fields["kind"]._description_selection(self.env))[kind],
                            indicator=indicator.name,
                        )
                    )

    @api.constrains("assessment_id", "mentorship_id")
    def _check_assessment_of_the_mentorship(self):
        # sudo: compare ids only; an assessment of another file must not take a value
        for measurement in self.sudo().filtered("assessment_id"):
            if measurement.assessment_id.mentorship_id != measurement.mentorship_id:
                raise ValidationError(
                    self.env._("A measurement belongs to an assessment of the same resident.")
                )

    @api.constrains("value", "indicator_id")
    def _check_value(self):
        for measurement in self.sudo():
            value, unit = measurement.value, measurement.indicator_id.unit
            if value < 0:
                raise ValidationError(
                    self.env._("%s: a value cannot be negative.", measurement.indicator_id.name)
                )
            if unit == "yes_no" and value not in (0, 1):
                raise ValidationError(
                    self.env._("%s: answer yes (1) or no (0).", measurement.indicator_id.name)
                )
            if unit == "hours_week" and value > 7 * 24:
                raise ValidationError(
                    self.env._("%s: a week has 168 hours.", measurement.indicator_id.name)
                )
