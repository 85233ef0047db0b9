from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import date_utils, format_amount

from .mm_reward_rule import REWARD_TYPES

MANAGER_GROUP = "mobility_mentoring.group_mm_manager"
MENTOR_GROUP = "mobility_mentoring.group_mm_mentor"
SOURCE_MODELS = [("mm.action", "Action"), ("mm.goal", "Goal"), ("mm.assessment", "Assessment")]


class MmReward(models.Model):
    """A positive incentive (positieve prikkel) earned by an action, goal or assessment.

    Created by the system when an event matches a reward rule, never by hand: mentors
    read and deliver, managers approve, cancel and correct amounts."""

    _name = "mm.reward"
    _description = "Reward"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

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

    def write(self, vals):
        if "amount" in vals:
            if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
                raise AccessError(self.env._("Only a manager can change the amount of a reward."))
            if self.filtered(lambda r: r.state == "delivered"):
                raise UserError(self.env._("A delivered reward keeps its amount."))
        return super().write(vals)

    def action_approve(self):
        self._check_manager()
        self._check_state(("proposed",))
        self.write({"state": "approved", "approved_by": self.env.uid})
        return True

    def action_cancel(self):
        self._check_manager()
        self._check_state(("proposed", "approved"))
        self.write({"state": "cancelled"})
        return True

    def action_deliver(self):
        """Mentors may deliver but not write rewards: check what they may see, then
        write as superuser."""
        if not self.env.user.has_group(MENTOR_GROUP):
            raise AccessError(self.env._("Only a mentor can deliver a reward."))
        self.check_access("read")
        self._check_state(("approved",))
        self.sudo().write({"state": "delivered", "delivered_date": fields.Date.context_today(self)})
        return True

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a manager can approve or cancel a reward."))

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for reward in self:
            if reward.state not in allowed:
                raise UserError(
                    self.env._(
                        "The reward %(reward)s is %(state)s: this step is not possible.",
                        reward=reward.display_name,
                        state=labels[reward.state].lower(),
                    )
                )

    @api.model
    def _grant(self, trigger, events):
        """Reward events of one trigger: events are (source, mentorship, pillars).
        One reward per rule and source: a cancelled one comes back rather than a second
        one. Caps and budgets that would be exceeded are explained in the chatter."""
        if not events:
            return
        Rule = self.env["mm.reward.rule"].sudo()
        mentorships = self.env["mm.mentorship"].union(*(event[1] for event in events))
        rules = Rule.search(
            [("trigger", "=", trigger), ("company_id", "in", [*mentorships.company_id.ids, False])]
        )
        if not rules:
            return
        rewards = self.sudo()
        existing = {
            (reward.rule_id, reward.source): reward
            for reward in rewards.search(
                [
                    ("rule_id", "in", rules.ids),
                    ("source", "in", [self._ref(event[0]) for event in events]),
                ]
            )
        }
        today = fields.Date.context_today(self)
        counts, spent = self._usage_in_period(rules, mentorships.partner_id, today)
        new_vals, revived, refusals = [], defaultdict(lambda: rewards), []
        for source, mentorship, pillars in events:
            for rule in rules.filtered(lambda r, m=mentorship, p=pillars: r._applies_to(m, p)):
                reward = existing.get((rule, source))
                if reward and reward.state != "cancelled":
                    continue
                partner = mentorship.partner_id
                reason = self._refusal_reason(rule, partner, counts, spent)
                if reason:
                    refusals.append((mentorship, rule, source, reason))
                    continue
                counts[rule, partner] += 1
                spent[rule] += rule.amount
                state = "proposed" if rule.need_approval else "approved"
                if reward:
                    revived[state] |= reward
                else:
                    new_vals.append(self._reward_vals(rule, source, mentorship, state, today))
        rewards.create(new_vals)
        for state, revive in revived.items():
            revive.write({"state": state, "date": today, "approved_by": False})
        self._explain_refusals(refusals)

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

    def _usage_in_period(self, rules, partners, day):
        """Rewards per (rule, resident) and amounts per rule in each rule's current
        period: two grouped queries per kind of period in use."""
        counts, spent = defaultdict(int), defaultdict(float)
        for period in set(rules.mapped("period")):
            period_rules = rules.filtered(lambda r, p=period: r.period == p)
            domain = [
                ("rule_id", "in", period_rules.ids),
                ("state", "!=", "cancelled"),
                ("date", ">=", date_utils.start_of(day, period)),
                ("date", "<=", date_utils.end_of(day, period)),
            ]
            rewards = self.sudo()
            for rule, amount in rewards._read_group(domain, ["rule_id"], ["amount:sum"]):
                spent[rule] = amount
            for rule, partner, count in rewards._read_group(
                [*domain, ("partner_id", "in", partners.ids)],
                ["rule_id", "partner_id"],
                ["__count"],
            ):
                counts[rule, partner] = count
        return counts, spent

    def _refusal_reason(self, rule, partner, counts, spent):
        period = dict(rule._fields["period"]._description_selection(self.env))[rule.period].lower()
        if rule.max_per_period and counts[rule, partner] >= rule.max_per_period:
            return self.env._(
                "%(resident)s already had %(count)s of at most %(max)s this %(period)s",
                resident=partner.name,
                count=counts[rule, partner],
                max=rule.max_per_period,
                period=period,
            )
        if rule.budget and spent[rule] + rule.amount > rule.budget:
            return self.env._(
                "the budget of %(budget)s for this %(period)s has %(left)s left",
                budget=format_amount(self.env, rule.budget, rule.currency_id),
                period=period,
                left=format_amount(self.env, max(rule.budget - spent[rule], 0), rule.currency_id),
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
