from odoo import api, fields, models
from odoo.tools import date_utils, format_amount

TRIGGERS = [
    ("action_done", "Action done"),
    ("action_done_on_time", "Action done on time"),
    ("goal_achieved", "Goal achieved"),
    ("step_up", "Step up on the Bridge"),
    ("assessment_done", "Assessment done"),
]
REWARD_TYPES = [
    ("compliment", "Compliment"),
    ("card", "Card"),
    ("gift", "Gift"),
    ("voucher", "Voucher"),
    ("money", "Money"),
]
PERIODS = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]


class MmRewardRule(models.Model):
    """The framework (kaders) managers set, so that every mentor rewards the same way."""

    _name = "mm.reward.rule"
    _description = "Reward rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, required=True, default="action_done")
    pillar_ids = fields.Many2many(
        "mm.pillar",
        string="Pillars",
        help="Leave empty for every pillar. Not used for 'Assessment done'.",
    )
    reward_type = fields.Selection(REWARD_TYPES, required=True, default="compliment")
    amount = fields.Monetary(help="What one reward may cost, in the company's currency.")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    max_per_period = fields.Integer(
        string="At most per resident", help="Rewards per resident per period; 0: no cap."
    )
    period = fields.Selection(PERIODS, required=True, default="month")
    budget = fields.Monetary(help="For this rule as a whole, per period; 0: no budget.")
    need_approval = fields.Boolean(help="A manager approves each reward before it is given.")
    team_ids = fields.Many2many("mm.team", string="Teams", help="Leave empty for every team.")
    company_id = fields.Many2one("res.company", index=True, help="Leave empty for every company.")
    message = fields.Char(
        translate=True, help="A short text the mentor can use to say what the reward is for."
    )
    summary = fields.Char(compute="_compute_summary")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A reward cannot cost less than nothing."),
        ("budget_positive", "CHECK(budget >= 0)", "A budget cannot be negative."),
        ("max_positive", "CHECK(max_per_period >= 0)", "The cap per resident cannot be negative."),
    ]

    @api.depends("company_id")
    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = (rule.company_id or self.env.company).currency_id

    @api.depends(
        "trigger",
        "pillar_ids",
        "reward_type",
        "amount",
        "max_per_period",
        "period",
        "budget",
        "need_approval",
    )
    def _compute_summary(self):
        for rule in self:
            rule.summary = rule._plain_summary()

    def _plain_summary(self):
        """'Action done on time, Financial management: Voucher of € 10.00, at most 2 per
        month per resident, budget € 500.00 per month'"""
        labels = {
            fname: dict(self._fields[fname]._description_selection(self.env))
            for fname in ("trigger", "reward_type", "period")
        }
        period = labels["period"][self.period].lower()
        what = labels["trigger"][self.trigger]
        if self.pillar_ids and self.trigger != "assessment_done":
            what += ", " + ", ".join(self.pillar_ids.mapped("name"))
        reward = labels["reward_type"][self.reward_type]
        if self.amount:
            reward = self.env._(
                "%(reward)s of %(amount)s",
                reward=reward,
                amount=format_amount(self.env, self.amount, self.currency_id),
            )
        parts = [self.env._("%(event)s: %(reward)s", event=what, reward=reward)]
        if self.max_per_period:
            parts.append(
                self.env._(
                    "at most %(count)s per %(period)s per resident",
                    count=self.max_per_period,
                    period=period,
                )
            )
        if self.budget:
            parts.append(
                self.env._(
                    "budget %(budget)s per %(period)s",
                    budget=format_amount(self.env, self.budget, self.currency_id),
                    period=period,
                )
            )
        if self.need_approval:
            parts.append(self.env._("approved by a manager"))
        return ", ".join(parts)

    def _period_bounds(self, day):
        self.ensure_one()
        return date_utils.start_of(day, self.period), date_utils.end_of(day, self.period)

    def _applies_to(self, mentorship, pillars):
        self.ensure_one()
        return (
            (not self.team_ids or mentorship.team_id in self.team_ids)
            and (not self.company_id or self.company_id == mentorship.company_id)
            and (
                self.trigger == "assessment_done"
                or not self.pillar_ids
                or bool(self.pillar_ids & pillars)
            )
        )
