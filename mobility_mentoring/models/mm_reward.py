from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import MANAGER_GROUP, MENTOR_GROUP
from .mm_reward_rule import REWARD_TYPES

APPROVAL = "mobility_mentoring.mail_activity_type_mm_reward_approval"
SOURCE_MODELS = [("mm.action", "Action"), ("mm.goal", "Goal"), ("mm.assessment", "Assessment")]


class MmReward(models.Model):
    """A positive incentive (positieve prikkel) earned by an action, goal or assessment.

    Created by the system when an event matches a reward rule, never by hand: mentors
    read and deliver, managers approve, cancel and correct amounts."""

    _name = "mm.reward"
    _description = "Reward"
    _inherit = ["mm.protected.mixin", "mm.state.mixin", "mm.thread.mixin"]
    _order = "date desc, id desc"
    # the system also revives cancelled rewards and withdraws open ones (as superuser)
    _state_transitions = {
        "proposed": ("approved", "cancelled"),
        "approved": ("delivered", "cancelled"),
    }

    mentorship_id = fields.Many2one(
        "mm.mentorship", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(
        related="mentorship_id.partner_id", store=True, index=True, string="Resident"
    )
    user_id = fields.Many2one(related="mentorship_id.user_id", store=True, string="Mentor")
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    rule_id = fields.Many2one(
        "mm.reward.rule", required=True, ondelete="restrict", index=True, readonly=True
    )
    message = fields.Char(related="rule_id.message")
    source = fields.Reference(SOURCE_MODELS, required=True, readonly=True, index=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    amount = fields.Monetary(tracking=True)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id")
    reward_type = fields.Selection(REWARD_TYPES, required=True, readonly=True)
    state = fields.Selection(
        [
            ("proposed", "To approve"),
            ("approved", "Approved"),
            ("delivered", "Delivered"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        group_expand=True,
    )
    approved_by = fields.Many2one("res.users", readonly=True, tracking=True)
    delivered_date = fields.Date(readonly=True)
    note = fields.Text(groups=MENTOR_GROUP)

    _sql_constraints = [
        ("source_uniq", "unique(rule_id, source)", "A rule rewards a source only once."),
    ]

    @api.depends("rule_id", "source")
    def _compute_display_name(self):
        for reward in self:
            reward.display_name = f"{reward.rule_id.name}: {reward.source.display_name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        rewards = super().create(vals_list)
        # a new reward has no to-do yet: only a proposed one gets one
        rewards.filtered(lambda r: r.state == "proposed")._activity_update()
        return rewards

    def write(self, vals):
        if "amount" in vals:
            if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
                raise AccessError(self.env._("Only a manager can change the amount of a reward."))
            if self.filtered(lambda r: r.state == "delivered"):
                raise UserError(self.env._("A delivered reward keeps its amount."))
        result = super().write(vals)
        if "state" in vals:
            self._activity_update()
        return result

    def _activity_update(self):
        """A proposed reward: a to-do for whoever approves for the team (its lead when
        a manager, else every manager of the company; no mail each, the to-dos are in
        Odoo). Approved: the approver's to-do is done, the others' go; cancelled: they
        all go."""
        proposed = self.filtered(lambda r: r.state == "proposed")
        decided = self - proposed
        if decided:
            decided.filtered(lambda r: r.state != "cancelled").activity_feedback(
                [APPROVAL], user_id=self.env.uid
            )
            decided.activity_unlink([APPROVAL])
        waiting = proposed._without_todo(APPROVAL, done_counts=False)
        approvers = {team: team._approvers() for team in waiting.team_id}
        waiting._schedule_todos(APPROVAL, lambda reward: approvers[reward.team_id])
        return super()._activity_update()

    def action_approve(self):
        return self._change_state("approved")

    def action_cancel(self):
        return self._change_state("cancelled")

    def action_deliver(self):
        return self._change_state("delivered")

    def _check_state_change_allowed(self, new_state):
        """Managers approve and cancel; mentors, who cannot write rewards, deliver
        the ones they may see."""
        if new_state == "delivered":
            if not self.env.user.has_group(MENTOR_GROUP):
                raise AccessError(self.env._("Only a mentor can deliver a reward."))
            # the resident's mentor, not whoever may read the reward (back office)
            self.mentorship_id.check_access("write")
        elif not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a manager can approve or cancel a reward."))
        else:
            self.check_access("write")

    def _state_values(self, new_state):
        if new_state == "approved":
            return {"approved_by": self.env.uid}
        if new_state == "delivered":
            return {"delivered_date": fields.Date.context_today(self)}
        return {}
