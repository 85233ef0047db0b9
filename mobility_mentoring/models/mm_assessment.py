from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round, format_date

from ..const import MANAGER_GROUP, MENTOR_GROUP


class MmAssessment(models.Model):
    """The resident places themself on every ladder of the Bridge, with the mentor."""

    _name = "mm.assessment"
    _description = "Bridge assessment"
    _inherit = ["mm.protected.mixin", "mm.state.mixin", "mm.thread.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["partner_id.name"]
    _fixed_after_create = ("mentorship_id",)
    _state_transitions = {"draft": ("done",), "done": ("draft",)}
    _rewarded_state = "done"

    mentorship_id = fields.Many2one(
        "mm.mentorship", required=True, ondelete="cascade", index=True, tracking=True
    )
    partner_id = fields.Many2one(
        related="mentorship_id.partner_id", store=True, index=True, string="Resident"
    )
    user_id = fields.Many2one(related="mentorship_id.user_id", string="Mentor")
    team_id = fields.Many2one(related="mentorship_id.team_id")
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("mm.assessment.line", "assessment_id", string="Steps", copy=True)
    outcome_ids = fields.One2many(
        "mm.outcome.measurement",
        "assessment_id",
        string="Outcomes",
        help="Income, debts, work: pre-filled with the last values, type only what changed.",
    )
    bridge_score = fields.Float(
        string="Bridge score",
        compute="_compute_bridge_score",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="0 when every dimension is on the bottom step, 100 when every one is on top.",
    )
    priority_pillar_ids = fields.Many2many(
        "mm.pillar", compute="_compute_priority_pillar_ids", string="Priorities"
    )
    # Confidential: the mentor's team and managers only, never back office (field groups
    # on top of the record rules keep it out of views, exports, reports and RPC reads).
    note = fields.Text(string="Coaching note", groups=MENTOR_GROUP)
    can_edit = fields.Boolean(compute="_compute_can_edit")
    resident_can_edit = fields.Boolean(
        string="Resident fills it in",
        readonly=True,
        copy=False,
        tracking=True,
        help="While this assessment is a draft, the resident chooses their steps and what "
        "they want to work on, on MijnOverzicht. The mentor finalises it.",
    )

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "%(resident)s, %(date)s",
                resident=assessment.partner_id.display_name or "",
                date=format_date(self.env, assessment.date) if assessment.date else "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise UserError(self.env._("An assessment starts as a draft; finalise it when done."))
        mentorships = self.env["mm.mentorship"].browse(
            [vals["mentorship_id"] for vals in vals_list if vals.get("mentorship_id")]
        )
        mentorship_by_id = {mentorship.id: mentorship for mentorship in mentorships}
        dimensions = self.env["mm.dimension"]._bridge_dimensions()
        for vals in vals_list:
            if "line_ids" not in vals and vals.get("mentorship_id"):
                mentorship = mentorship_by_id[vals["mentorship_id"]]
                vals["line_ids"] = self._initial_line_commands(mentorship, dimensions)
            if "outcome_ids" not in vals and vals.get("mentorship_id"):
                mentorship = mentorship_by_id[vals["mentorship_id"]]
                vals["outcome_ids"] = self._initial_outcome_commands(mentorship)
        return super().create(vals_list)

    @api.onchange("mentorship_id")
    def _onchange_mentorship_id(self):
        if not self._origin:
            dimensions = self.env["mm.dimension"]._bridge_dimensions()
            self.line_ids = [
                Command.clear(),
                *self._initial_line_commands(self.mentorship_id, dimensions),
            ]
            self.outcome_ids = [
                Command.clear(),
                *self._initial_outcome_commands(self.mentorship_id),
            ]

    def _initial_line_commands(self, mentorship, dimensions):
        """One line per active dimension, on the steps of the previous done assessment."""
        previous_steps = {
            line.dimension_id: line.step_id for line in mentorship.last_assessment_id.line_ids
        }
        return [
            Command.create(
                {
                    "sequence": sequence,
                    "dimension_id": dimension.id,
                    "step_id": previous_steps.get(dimension, self.env["mm.step"]).id,
                }
            )
            for sequence, dimension in enumerate(dimensions, start=1)
        ]

    def _initial_outcome_commands(self, mentorship):
        """A measurement of every indicator measured before, at its last value."""
        return [
            Command.create({"indicator_id": indicator.id, "kind": "measurement", "value": value})
            for indicator, value in mentorship._last_outcome_values().items()
        ]

    @api.depends("line_ids.score", "line_ids.step_id")
    def _compute_bridge_score(self):
        for assessment in self:
            scores = assessment.line_ids.filtered("step_id").mapped("score")
            mean = sum(scores) / len(scores) if scores else 0.0
            assessment.bridge_score = float_round(mean, precision_digits=1)

    @api.depends("line_ids.is_priority", "line_ids.pillar_id")
    def _compute_priority_pillar_ids(self):
        for assessment in self:
            assessment.priority_pillar_ids = assessment.line_ids.filtered("is_priority").pillar_id

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        for assessment in self:
            assessment.can_edit = assessment.state == "draft" or is_manager

    @api.model
    def _create_from_levels(self, mentorship_id, date, levels, priorities=(), note=False):
        """A done assessment from {dimension code: level}, for demo data and tests."""
        assessment = self.create({"mentorship_id": mentorship_id, "date": date, "note": note})
        steps = self.env["mm.step"].search([("dimension_id.code", "in", list(levels))])
        step_by_level = {(step.dimension_id.code, step.level): step for step in steps}
        assessment.line_ids = [
            Command.update(
                line.id,
                {
                    "step_id": step_by_level[
                        line.dimension_id.code, levels[line.dimension_id.code]
                    ].id,
                    "is_priority": line.dimension_id.code in priorities,
                },
            )
            for line in assessment.line_ids
            if line.dimension_id.code in levels
        ]
        assessment.action_done()
        return assessment

    def action_done(self):
        """Every dimension needs a step; the transition and the right to make it are
        checked by _change_state."""
        for assessment in self:
            missing = assessment.line_ids.filtered(lambda line: not line.step_id)
            if missing or not assessment.line_ids:
                raise UserError(
                    self.env._(
                        "Choose a step for every dimension before finalising the assessment "
                        "of %(resident)s. Still open: %(dimensions)s.",
                        resident=assessment.partner_id.display_name,
                        dimensions=", ".join(missing.dimension_id.mapped("name"))
                        or self.env._("all dimensions"),
                    )
                )
        return self._change_state("done")

    def action_let_resident_fill_in(self):
        """Open this draft to the resident on MijnOverzicht."""
        self.check_access("write")
        if self.filtered(lambda assessment: assessment.state != "draft"):
            raise UserError(self.env._("Only a draft assessment can be filled in by the resident."))
        self.sudo().write({"resident_can_edit": True})
        return True

    def action_stop_resident_fill_in(self):
        self.check_access("write")
        self.sudo().write({"resident_can_edit": False})
        return True

    def _state_values(self, new_state):
        # a done assessment is the mentor's and the resident's shared history: read-only
        return {"resident_can_edit": False}

    def action_reset_to_draft(self):
        """A manager corrects a done assessment: its rewards are withdrawn until it is
        finalised again."""
        return self._change_state("draft")

    def _check_state_change_allowed(self, new_state):
        if new_state == "draft" and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a manager can reopen a done assessment."))
        return super()._check_state_change_allowed(new_state)

    def write(self, vals):
        self._check_can_change()
        return super().write(vals)

    def _reward_events(self):
        # aftercare measures how the resident is doing after the exit: no rewards
        coached = self.filtered(lambda a: not a.is_aftercare)
        return [
            ("assessment_done", [(a, a.mentorship_id, a.line_ids.pillar_id) for a in coached]),
            (
                "step_up",
                [
                    (a, a.mentorship_id, pillars)
                    for a in coached
                    if (pillars := a._pillars_moved_up())
                ],
            ),
        ]

    def _pillars_moved_up(self):
        """The pillars in which a step is higher than in the previous done assessment."""
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.previous_step_id and line.level > line.previous_step_id.level
        ).pillar_id

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_unless_manager(self):
        self._check_can_change()

    def _check_can_change(self):
        """A done assessment is history: only managers correct it."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        done = self.filtered(lambda a: a.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "The assessment %s is done and can only be changed by a manager.",
                    done[0].display_name,
                )
            )
