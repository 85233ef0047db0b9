from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import date_utils, format_amount

from .mm_reward_rule import REWARD_TYPES

MANAGER_GROUP = "mobility_mentoring.group_mm_manager"
MENTOR_GROUP = "mobility_mentoring.group_mm_mentor"
APPROVAL = "mobility_mentoring.mail_activity_type_mm_reward_approval"
SOURCE_MODELS = [("mm.action", "Action"), ("mm.goal", "Goal"), ("mm.assessment", "Assessment")]


class MmReward(models.Model):
    """A positive incentive (positieve prikkel) earned by an action, goal or assessment.

    Created by the system when an event matches a reward rule, never by hand: mentors
    read and deliver, managers approve, cancel and correct amounts."""

    _name = "mm.reward"
    _description = "Reward"
    _inherit = [
        "mm.protected.mixin",
        "mm.state.mixin",
        "mm.read.log.mixin",
        "mm.thread.mixin",
        "mail.thread",
        "mm.activity.mixin",
    ]
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
        rewards.filtered(lambda r: r.state == "proposed")._ask_approval()
        return rewards

    def write(self, vals):
        if "amount" in vals:
            if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
                raise AccessError(self.env._("Only a manager can change the amount of a reward."))
            if self.filtered(lambda r: r.state == "delivered"):
                raise UserError(self.env._("A delivered reward keeps its amount."))
        proposed_before = self.filtered(lambda r: r.state == "proposed")
        result = super().write(vals)
        if "state" in vals:
            proposed_now = self.filtered(lambda r: r.state == "proposed")
            (proposed_now - proposed_before)._ask_approval()
            (proposed_before - proposed_now)._close_approval()
        return result

    def _ask_approval(self):
        """A to-do for whoever approves for the team: its lead when a manager, else
        every manager of the company. No mail per reward: the to-dos are in Odoo."""
        approval = self.env.ref(APPROVAL)
        model_id = self.env["ir.model"]._get_id(self._name)
        approvers = {team: team._approvers() for team in self.team_id}
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": reward.id,
                    "activity_type_id": approval.id,
                    "automated": True,
                    "summary": approval.summary,
                    "user_id": approver.id,
                    "date_deadline": fields.Date.context_today(self),
                }
                for reward in self
                for approver in approvers[reward.team_id]
            ]
        )

    def _close_approval(self):
        """Approved: the approver's to-do is done; the others' go."""
        approved = self.filtered(lambda r: r.state != "cancelled")
        approved.activity_feedback([APPROVAL], user_id=self.env.uid)
        self.activity_unlink([APPROVAL])

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

    @api.model
    def _grant(self, trigger, events):
        """Reward events of one trigger: events are (source, mentorship, pillars).
        One reward per rule and source: a cancelled one comes back rather than a second
        one. Caps and budgets that would be exceeded are explained in the chatter."""
        candidates = self._matching(trigger, events)
        if not candidates:
            return
        granted, refusals = self._within_caps_and_budgets(candidates)
        self._give(granted)
        self._explain_refusals(refusals)

    @api.model
    def _matching(self, trigger, events):
        """[(rule, source, mentorship, cancelled reward or None)]: the rules of the
        trigger that apply to each event and have not rewarded its source yet."""
        if not events:
            return []
        mentorships = self.env["mm.mentorship"].union(*(event[1] for event in events))
        rules = (
            self.env["mm.reward.rule"]
            .sudo()
            .search(
                [
                    ("trigger", "=", trigger),
                    ("company_id", "in", [*mentorships.company_id.ids, False]),
                ]
            )
        )
        if not rules:
            return []
        existing = {
            (reward.rule_id, reward.source): reward
            for reward in self.sudo().search(
                [
                    ("rule_id", "in", rules.ids),
                    ("source", "in", [self._ref(event[0]) for event in events]),
                ]
            )
        }
        candidates = []
        for source, mentorship, pillars in events:
            for rule in rules.filtered(lambda r, m=mentorship, p=pillars: r._applies_to(m, p)):
                reward = existing.get((rule, source))
                if not reward or reward.state == "cancelled":
                    candidates.append((rule, source, mentorship, reward))
        return candidates

    @api.model
    def _within_caps_and_budgets(self, candidates):
        """Split the candidates into those within the cap per resident and the budget
        of their rule in this period, and refusals [(mentorship, rule, source, reason)].
        Budgets and caps count per company: a rule for every company gives each
        municipality its own budget."""
        mentorships = self.env["mm.mentorship"].union(*(c[2] for c in candidates))
        rules = self.env["mm.reward.rule"].union(*(c[0] for c in candidates))
        counts, spent = self._usage_in_period(rules, mentorships, fields.Date.context_today(self))
        granted, refusals = [], []
        for rule, source, mentorship, reward in candidates:
            partner, company = mentorship.partner_id, mentorship.company_id
            reason = self._refusal_reason(
                rule, partner, counts[rule, company, partner], spent[rule, company]
            )
            if reason:
                refusals.append((mentorship, rule, source, reason))
                continue
            counts[rule, company, partner] += 1
            spent[rule, company] += rule.amount
            granted.append((rule, source, mentorship, reward))
        return granted, refusals

    def _give(self, granted):
        """Create the granted rewards, or revive their cancelled ones."""
        today = fields.Date.context_today(self)
        new_vals, revived = [], defaultdict(lambda: self.sudo())
        for rule, source, mentorship, reward in granted:
            state = "proposed" if rule.need_approval else "approved"
            if reward:
                revived[state] |= reward
            else:
                new_vals.append(self._reward_vals(rule, source, mentorship, state, today))
        self.sudo().create(new_vals)
        for state, revive in revived.items():
            revive.write({"state": state, "date": today, "approved_by": False})

    @api.model
    def _withdraw(self, sources):
        """The event was undone: cancel its rewards, unless already delivered."""
        if not sources:
            return
        refs = [self._ref(source) for source in sources]
        self.sudo().search(
            [("source", "in", refs), ("state", "in", ("proposed", "approved"))]
        ).write({"state": "cancelled"})

    @api.model
    def _ref(self, record):
        return f"{record._name},{record.id}"

    def _reward_vals(self, rule, source, mentorship, state, day):
        return {
            "mentorship_id": mentorship.id,
            "rule_id": rule.id,
            "source": self._ref(source),
            "date": day,
            "amount": rule.amount,
            "reward_type": rule.reward_type,
            "state": state,
        }

    def _usage_in_period(self, rules, mentorships, day):
        """Rewards per (rule, company, resident) and amounts per (rule, company) in
        each rule's current period: two grouped queries per kind of period in use."""
        counts, spent = defaultdict(int), defaultdict(float)
        for period in set(rules.mapped("period")):
            period_rules = rules.filtered(lambda r, p=period: r.period == p)
            domain = [
                ("rule_id", "in", period_rules.ids),
                ("company_id", "in", mentorships.company_id.ids),
                ("state", "!=", "cancelled"),
                ("date", ">=", date_utils.start_of(day, period)),
                ("date", "<=", date_utils.end_of(day, period)),
            ]
            rewards = self.sudo()
            for rule, company, amount in rewards._read_group(
                domain, ["rule_id", "company_id"], ["amount:sum"]
            ):
                spent[rule, company] = amount
            for rule, company, partner, count in rewards._read_group(
                [*domain, ("partner_id", "in", mentorships.partner_id.ids)],
                ["rule_id", "company_id", "partner_id"],
                ["__count"],
            ):
                counts[rule, company, partner] = count
        return counts, spent

    def _refusal_reason(self, rule, partner, count, spent):
        period = dict(rule._fields["period"]._description_selection(self.env))[rule.period].lower()
        if rule.max_per_period and count >= rule.max_per_period:
            return self.env._(
                "%(resident)s already had %(count)s of at most %(max)s this %(period)s",
                resident=partner.name,
                count=count,
                max=rule.max_per_period,
                period=period,
            )
        if rule.budget and spent + rule.amount > rule.budget:
            return self.env._(
                "the budget of %(budget)s for this %(period)s has %(left)s left",
                budget=format_amount(self.env, rule.budget, rule.currency_id),
                period=period,
                left=format_amount(self.env, max(rule.budget - spent, 0), rule.currency_id),
            )
        return None

    def _explain_refusals(self, refusals):
        for mentorship, rule, source, reason in refusals:
            mentorship.message_post(
                body=self.env._(
                    "No reward “%(rule)s” for %(what)s: %(reason)s.",
                    rule=rule.name,
                    what=source.display_name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
