from odoo import fields, models

UNITS = [
    ("money_month", "Money per month"),
    ("money", "Money"),
    ("count", "Number"),
    ("yes_no", "Yes or no"),
    ("hours_week", "Hours per week"),
]
MONEY_UNITS = ("money_month", "money")


class MmOutcomeIndicator(models.Model):
    """What changed in a resident's life, measured the same way for everyone: net
    income, debts, savings, work. Managers configure them; mentors record a baseline,
    a target and a measurement with every Bridge assessment."""

    _name = "mm.outcome.indicator"
    _description = "Outcome indicator"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable name for reports and exports.")
    unit = fields.Selection(UNITS, required=True, default="count")
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    pillar_id = fields.Many2one("mm.pillar", ondelete="restrict")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another outcome indicator has this code."),
    ]

    def _improvement(self, change):
        """'improved', 'same' or 'worse' for a change of this indicator's value."""
        self.ensure_one()
        if not change:
            return "same"
        better = change > 0 if self.direction == "higher" else change < 0
        return "improved" if better else "worse"
