from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import MENTOR_GROUP


class MmAssessmentLine(models.Model):
    """Where the resident stands on one dimension's ladder in one assessment."""

    _name = "mm.assessment.line"
    _inherit = ["mm.protected.mixin"]
    _description = "Bridge assessment line"
    _order = "assessment_id, sequence, id"
    _fixed_after_create = ("assessment_id", "dimension_id")

    assessment_id = fields.Many2one("mm.assessment", required=True, ondelete="cascade", index=True)
    mentorship_id = fields.Many2one(
        related="assessment_id.mentorship_id", store=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="assessment_id.partner_id", store=True, string="Resident")
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    date = fields.Date(related="assessment_id.date", store=True)
    state = fields.Selection(related="assessment_id.state", store=True)
    is_current = fields.Boolean(
        compute="_compute_is_current",
        search="_search_is_current",
        string="Current",
        help="Part of the resident's latest done assessment: where they stand now.",
    )
    sequence = fields.Integer(default=10)
    dimension_id = fields.Many2one("mm.dimension", required=True, ondelete="restrict", index=True)
    pillar_id = fields.Many2one(related="dimension_id.pillar_id", store=True, index=True)
    step_id = fields.Many2one(
        "mm.step", ondelete="restrict", domain="[('dimension_id', '=', dimension_id)]"
    )
    previous_step_id = fields.Many2one(
        "mm.step",
        string="Previous step",
        compute="_compute_previous_step_id",
        store=True,
        precompute=True,
        help="The step of the previous done assessment, when this one was started.",
    )
    step_description = fields.Text(related="step_id.description")
    level = fields.Integer(related="step_id.level", store=True, aggregator="avg")
    top_level = fields.Integer(
        compute="_compute_score",
        store=True,
        help="The highest step of the ladder when this step was chosen.",
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        help="(level - 1) / (top level - 1) x 100: 0 on the bottom step, 100 on the top.",
    )
    is_priority = fields.Boolean(string="Priority", help="The resident wants to work on this now.")
    filled_by_resident = fields.Boolean(
        string="By the resident",
        readonly=True,
        copy=False,
        help="The resident chose this step or priority on MijnOverzicht.",
    )
    note = fields.Text(groups=MENTOR_GROUP)

    _sql_constraints = [
        (
            "dimension_uniq",
            "unique(assessment_id, dimension_id)",
            "An assessment has one line per dimension.",
        ),
    ]

    @api.depends("assessment_id", "dimension_id")
    def _compute_previous_step_id(self):
        """Set when the line is made, never by a user: the step-up rewards count from it."""
        previous_steps = {
            (line.mentorship_id, line.dimension_id): line.step_id
            for line in self.assessment_id.mentorship_id.last_assessment_id.line_ids
        }
        for line in self:
            key = (line.assessment_id.mentorship_id, line.dimension_id)
            line.previous_step_id = previous_steps.get(key, self.env["mm.step"])

    # Not stored: a stored flag would be recomputed for every line of the mentorship
    # at each step chosen (the latest assessment depends on the scores).
    def _compute_is_current(self):
        for line in self:
            line.is_current = bool(line.assessment_id) and (
                line.assessment_id == line.mentorship_id.last_assessment_id
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search on current with = True or = False."))
        latest = (
            self.env["mm.mentorship"]
            .sudo()
            ._search([("last_assessment_id", "!=", False)])
            .subselect("last_assessment_id")
        )
        return [("assessment_id", "in" if (operator == "=") == value else "not in", latest)]

    @api.depends("step_id")
    def _compute_score(self):
        """Depends on the chosen step only: a later change to the ladder does not
        rewrite the scores of past assessments."""
        top_levels = dict(
            self.env["mm.step"]._read_group(
                [("dimension_id", "in", self.step_id.dimension_id.ids)],
                ["dimension_id"],
                ["level:max"],
            )
        )
        for line in self:
            top = top_levels.get(line.step_id.dimension_id, 0)
            line.top_level = top
            if not line.step_id:
                line.score = 0.0
            elif top <= 1:
                line.score = 100.0
            else:
                line.score = (line.step_id.level - 1) / (top - 1) * 100.0

    @api.constrains("step_id", "dimension_id")
    def _check_step_of_dimension(self):
        for line in self:
            if line.step_id and line.step_id.dimension_id != line.dimension_id:
                raise ValidationError(
                    self.env._(
                        "The step %(step)s is not on the ladder of %(dimension)s.",
                        step=line.step_id.display_name,
                        dimension=line.dimension_id.display_name,
                    )
                )

    def action_create_goal(self):
        """Open a new goal for this priority, pre-filled with its pillar and dimension."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New goal"),
            "res_model": "mm.goal",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_assessment_line_id": self.id},
        }

    def action_resident_answer(self, step_id=None, is_priority=None):
        """The resident's own answer on MijnOverzicht: their step on this ladder, or
        the star for what they want to work on now. Nothing else is theirs to change."""
        self._check_resident_may_answer()
        values = {"filled_by_resident": True}
        if step_id is not None:
            step = self.env["mm.step"].browse(int(step_id)).exists()
            if step.dimension_id != self.dimension_id:
                raise UserError(self.env._("Choose a step of this ladder."))
            values["step_id"] = step.id
        if is_priority is not None:
            values["is_priority"] = bool(is_priority)
        self.sudo().write(values)
        return True

    def _check_resident_may_answer(self):
        self.ensure_one()
        self.check_access("read")
        assessment = self.assessment_id
        if self.env.user._is_internal() or self.partner_id != self.env.user.partner_id:
            raise AccessError(self.env._("Only the resident answers on MijnOverzicht."))
        if not (
            assessment.state == "draft"
            and assessment.resident_can_edit
            and assessment.mentorship_id.state == "active"
        ):
            raise UserError(
                self.env._("This Bridge is closed for changes. Your mentor can open it again.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.assessment_id._check_can_change()
        return lines

    def write(self, vals):
        self.assessment_id._check_can_change()
        if "step_id" in vals:
            self._log_corrected_steps(self.env["mm.step"].browse(vals["step_id"]))
        # "By the resident" says who chose: not once someone else changed the answer
        overwritten = self._answer_changed_by(vals) if "filled_by_resident" not in vals else None
        result = super().write(vals)
        if overwritten:
            overwritten.sudo().filled_by_resident = False
        return result

    def _answer_changed_by(self, vals):
        """The lines filled in by the resident whose step or star vals changes."""
        changed = self.browse()
        for fname in ("step_id", "is_priority"):
            if fname in vals:
                changed |= self._changed_by(fname, vals[fname])
        return changed.filtered("filled_by_resident")

    def _log_corrected_steps(self, new_step):
        """Audit trail: a step changed in a done assessment (a manager's correction)."""
        for line in self.filtered(lambda ln: ln.state == "done" and ln.step_id != new_step):
            line.assessment_id.message_post(
                body=self.env._(
                    "%(dimension)s: step %(old)s changed to %(new)s.",
                    dimension=line.dimension_id.name,
                    old=line.step_id.display_name or "-",
                    new=new_step.display_name or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_when_assessment_editable(self):
        self.assessment_id._check_can_change()
