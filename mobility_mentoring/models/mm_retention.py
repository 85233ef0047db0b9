from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

RETENTION_PARAMETER = "mobility_mentoring.retention_months"
DEFAULT_RETENTION_MONTHS = 84


class MmRetention(models.AbstractModel):
    """Anonymisation of closed mentorships after the retention period (AVG/GDPR):
    the link to the resident and all free text go, the figures stay."""

    _name = "mm.retention"
    _description = "Retention of mentoring files"

    @api.model
    def _retention_months(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAMETER)
        return int(value) if value else DEFAULT_RETENTION_MONTHS

    @api.model
    def _cron_anonymise(self, batch_size=200):
        limit_date = fields.Date.context_today(self) - relativedelta(
            months=self._retention_months()
        )
        domain = [
            ("state", "=", "closed"),
            ("date_end", "<", limit_date),
            ("is_anonymised", "=", False),
        ]
        Mentorship = self.env["mm.mentorship"].sudo().with_context(active_test=False)
        mentorships = Mentorship.search(domain, limit=batch_size)
        self._anonymise(mentorships)
        self.env["ir.cron"]._notify_progress(
            done=len(mentorships), remaining=Mentorship.search_count(domain)
        )

    @api.model
    def _anonymise(self, mentorships):
        """Remove the link to the person, notes and free text; keep what monitoring
        counts: dates, states, steps, scores, progress and amounts."""
        # no tracking: a tracking message would keep the very name being removed
        mentorships = mentorships.sudo().with_context(tracking_disable=True)
        assessments, goals = mentorships.assessment_ids, mentorships.goal_ids
        actions, rewards = mentorships.action_ids, mentorships.reward_ids
        self.env["mm.access.log"].sudo().search(
            [("mentorship_id", "in", mentorships.ids)]
        ).partner_id = False
        mentorships.write(
            {
                "partner_id": False,
                "is_anonymised": True,
                "confidential_note": False,
                "action_limit_exception_reason": False,
            }
        )
        assessments.note = False
        assessments.line_ids.note = False
        goals.write({"name": self.env._("Goal"), "description": False, "confidential_note": False})
        actions.name = self.env._("Action")
        rewards.note = False
        self._forget_threads(mentorships, assessments, goals, actions, rewards)

    def _forget_threads(self, *recordsets):
        """Messages, tracking, attachments, activities and followers hold names and
        free text: they go."""
        for records in filter(None, recordsets):
            model, ids = records._name, records.ids
            domain = [("res_model", "=", model), ("res_id", "in", ids)]
            self.env["mail.message"].sudo().search(
                [("model", "=", model), ("res_id", "in", ids)]
            ).unlink()
            self.env["ir.attachment"].sudo().search(domain).unlink()
            self.env["mail.followers"].sudo().search(domain).unlink()
            if "activity_ids" in records._fields:
                records.activity_ids.unlink()
