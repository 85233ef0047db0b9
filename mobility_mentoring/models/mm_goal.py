from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import MENTOR_GROUP
from .mm_action import UNFINISHED


class MmGoal(models.Model):
    """A goal the resident chooses on one pillar, cut into small actions."""

    _name = "mm.goal"
    _description = "Goal"
    _inherit = ["mm.protected.mixin", "mm.state.mixin", "mm.thread.mixin"]
    _order = "deadline, id"
    # a goal never changes resident
    _fixed_after_create = ("mentorship_id", "assessment_line_id")
    _state_transitions = {
        "open": ("achieved", "dropped"),
        "achieved": ("open",),
        "dropped": ("open",),
    }
    _rewarded_state = "achieved"

    assessment_line_id = fields.Many2one(
        "mm.assessment.line",
        string="From assessment",
        index="btree_not_null",
        help="The priority in a Bridge assessment this goal was set for.",
    )
    mentorship_id = fields.Many2one(
        "mm.mentorship",
        compute="_compute_from_assessment_line",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        related="mentorship_id.partner_id", store=True, index=True, string="Resident"
    )
    user_id = fields.Many2one(
        related="mentorship_id.user_id", store=True, index=True, string="Mentor"
    )
    # stored for the team's record rule: an index PostgreSQL can use (docs/benchmark.md)
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    pillar_id = fields.Many2one(
        "mm.pillar",
        compute="_compute_from_assessment_line",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        group_expand="_read_group_pillar_ids",
    )
    color = fields.Integer(related="pillar_id.color")
    dimension_id = fields.Many2one(
        "mm.dimension",
        compute="_compute_from_assessment_line",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('pillar_id', '=', pillar_id)]",
    )
    name = fields.Char(string="Goal", required=True, tracking=True)
    description = fields.Text(
        string="Why",
        help="What the resident wants, in their own words.",
        # the resident reads their own words on MijnOverzicht; back office does not
        groups="mobility_mentoring.group_mm_mentor,base.group_portal",
    )
    confidential_note = fields.Text(string="Coaching note", groups=MENTOR_GROUP)
    target_step_id = fields.Many2one(
        "mm.step", string="Target step", domain="[('dimension_id', '=', dimension_id)]"
    )
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("achieved", "Achieved"), ("dropped", "Dropped")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_closed = fields.Date(copy=False, readonly=True)
    action_ids = fields.One2many("mm.action", "goal_id", string="Actions")
    action_count = fields.Integer(compute="_compute_action_counts", string="Actions (count)")
    open_action_count = fields.Integer(compute="_compute_action_counts", string="Open actions")
    open_action_room = fields.Char(
        compute="_compute_open_action_room", string="Room under the limit"
    )
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Share of the actions that are done, cancelled ones left out.",
    )

    @api.depends("assessment_line_id")
    def _compute_from_assessment_line(self):
        for goal in self.filtered("assessment_line_id"):
            line = goal.assessment_line_id
            goal.mentorship_id = line.mentorship_id
            goal.pillar_id = line.pillar_id
            goal.dimension_id = line.dimension_id

    @api.model
    def _read_group_pillar_ids(self, pillars, domain):
        """Every pillar is a column of the plan, also when it has no goal yet."""
        return pillars.search([("active", "=", True)])

    @api.depends("action_ids.state")
    def _compute_action_counts(self):
        counts = {
            (goal, state): count
            for goal, state, count in self.env["mm.action"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id", "state"], ["__count"]
            )
        }
        for goal in self:
            goal.open_action_count = sum(counts.get((goal, s), 0) for s in UNFINISHED)
            goal.action_count = sum(count for (g, _state), count in counts.items() if g == goal)

    @api.depends("action_ids.state")
    def _compute_open_action_room(self):
        saved = self.filtered(lambda goal: isinstance(goal.id, int))
        room = self.env["mm.action.limit"]._room_by_key(saved.mentorship_id, saved)
        for goal in self:
            goal.open_action_room = "; ".join(room.get((goal,), []))

    @api.depends("action_ids.state")
    def _compute_progress(self):
        for goal in self:
            counted = goal.action_ids.filtered(lambda a: a.state != "cancelled")
            done = counted.filtered(lambda a: a.state == "done")
            goal.progress = 100.0 * len(done) / len(counted) if counted else 0.0

    @api.constrains("assessment_line_id", "mentorship_id")
    def _check_priority_of_the_resident(self):
        for goal in self.filtered("assessment_line_id"):
            if goal.assessment_line_id.mentorship_id != goal.mentorship_id:
                raise ValidationError(
                    self.env._("A goal cannot be set for a priority of another resident.")
                )

    @api.constrains("pillar_id", "dimension_id", "target_step_id")
    def _check_pillar_dimension_step(self):
        for goal in self:
            if goal.dimension_id and goal.dimension_id.pillar_id != goal.pillar_id:
                raise ValidationError(
                    self.env._(
                        "%(dimension)s is not part of the pillar %(pillar)s.",
                        dimension=goal.dimension_id.name,
                        pillar=goal.pillar_id.name,
                    )
                )
            if goal.target_step_id and goal.target_step_id.dimension_id != goal.dimension_id:
                raise ValidationError(
                    self.env._(
                        "The target step must be a step of %(dimension)s.",
                        dimension=goal.dimension_id.name or goal.pillar_id.name,
                    )
                )

    def action_achieve(self):
        return self._close("achieved")

    def action_drop(self):
        return self._close("dropped")

    def _close(self, state):
        """Open actions are never closed silently: with open actions this returns the
        dialog in which the mentor decides, per action, done or cancelled."""
        if self.filtered(lambda goal: goal.state != "open"):
            raise UserError(self.env._("Only an open goal can be achieved or dropped."))
        self._check_state_change_allowed(state)
        if self.action_ids._unfinished():
            return self.env["mm.goal.close"]._open_for(self, state)
        return self._change_state(state)

    def action_reopen(self):
        return self._change_state("open")

    def _state_values(self, new_state):
        closed = new_state in ("achieved", "dropped")
        return {"date_closed": fields.Date.context_today(self) if closed else False}

    def _reward_events(self):
        return [("goal_achieved", [(goal, goal.mentorship_id, goal.pillar_id) for goal in self])]

    def write(self, vals):
        if vals.get("state") in ("achieved", "dropped") and self.action_ids._unfinished():
            # nothing changes silently: _close() asks per open action first
            raise UserError(
                self.env._("Decide first whether the open actions were done or are cancelled.")
            )
        return super().write(vals)

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_action_action"
        )
        action["domain"] = [("goal_id", "=", self.id)]
        action["context"] = {"default_goal_id": self.id}
        return action
