from odoo import models


class ReportGoalActionPlan(models.AbstractModel):
    """The goal-action plan that resident and mentor sign."""

    _name = "report.mobility_mentoring.report_goal_action_plan"
    _inherit = "mm.mentorship.report"
    _description = "Goal-action plan"
