from odoo import api, models


class ReportGoalActionPlan(models.AbstractModel):
    """The goal-action plan that resident and mentor sign."""

    _name = "report.mobility_mentoring.report_goal_action_plan"
    _description = "Goal-action plan"

    @api.model
    def _get_report_values(self, docids, data=None):
        mentorships = self.env["mm.mentorship"].browse(docids)
        # refuse before rendering: a mentor of another team gets a plain AccessError
        mentorships.check_access("read")
        return {"doc_ids": docids, "doc_model": "mm.mentorship", "docs": mentorships}
