from odoo import fields, models, tools
from odoo.tools import SQL


class MmRewardBudget(models.Model):
    """Per reward rule and period: the budget, what is spent (approved and delivered),
    what is committed (to approve) and what is left."""

    _name = "mm.reward.budget"
    _description = "Reward budget per period"
    _auto = False
    _order = "period_start desc, rule_id"

    rule_id = fields.Many2one("mm.reward.rule", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    period = fields.Selection(related="rule_id.period")
    period_start = fields.Date(readonly=True)
    reward_count = fields.Integer(string="Rewards", readonly=True)
    budget = fields.Monetary(readonly=True, aggregator="max")
    spent = fields.Monetary(readonly=True)
    committed = fields.Monetary(readonly=True)
    budget_left = fields.Monetary(string="Left", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT MIN(reward.id) AS id,
                           reward.rule_id,
                           reward.company_id,
                           company.currency_id,
                           DATE_TRUNC(rule.period, reward.date)::date AS period_start,
                           COUNT(*) AS reward_count,
                           rule.budget,
                           COALESCE(SUM(reward.amount) FILTER (
                               WHERE reward.state IN ('approved', 'delivered')), 0) AS spent,
                           COALESCE(SUM(reward.amount) FILTER (
                               WHERE reward.state = 'proposed'), 0) AS committed,
                           CASE WHEN rule.budget > 0
                                THEN rule.budget - COALESCE(SUM(reward.amount), 0)
                           END AS budget_left
                      FROM mm_reward reward
                      JOIN mm_reward_rule rule ON rule.id = reward.rule_id
                      JOIN res_company company ON company.id = reward.company_id
                     WHERE reward.state != 'cancelled'
                  GROUP BY reward.rule_id, reward.company_id, company.currency_id,
                           rule.period, rule.budget, DATE_TRUNC(rule.period, reward.date)
                )
                """,
                SQL.identifier(self._table),
            )
        )
