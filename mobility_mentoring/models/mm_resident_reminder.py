from datetime import timedelta

from odoo import api, fields, models

DAYS_BEFORE = 2
TEMPLATE = "mobility_mentoring.mail_template_mm_resident_reminder"


class MmResidentReminder(models.AbstractModel):
    """Nudge the resident (nudging tip: make it easy at the right moment): two days
    before an action's deadline, one short mail with their if-then plan and a link to
    MijnOverzicht. Each action is reminded of once, and a resident gets at most one
    mail a day, whatever the number of actions."""

    _name = "mm.resident.reminder"
    _description = "Reminders to residents"

    @api.model
    def _cron_remind(self, batch_size=500):
        today = fields.Date.context_today(self)
        domain = self._due_domain(today)
        Action = self.env["mm.action"].sudo()
        actions = Action.search(domain, order="mentorship_id, deadline, id", limit=batch_size)
        for mentorship in actions.mentorship_id:
            due = actions.filtered(lambda action, m=mentorship: action.mentorship_id == m)
            self._remind(mentorship, due, today)
        remaining = Action.search_count(self._due_domain(today))
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)

    def _due_domain(self, today):
        return [
            ("state", "=", "open"),
            ("resident_reminded", "=", False),
            ("deadline", ">=", today),
            ("deadline", "<=", today + timedelta(days=DAYS_BEFORE)),
            ("mentorship_id.state", "=", "active"),
            ("mentorship_id.resident_reminders", "=", True),
            ("mentorship_id.partner_id.email", "!=", False),
            # one mail a day: a resident mailed today waits until tomorrow
            "|",
            ("mentorship_id.resident_reminded_on", "=", False),
            ("mentorship_id.resident_reminded_on", "<", today),
        ]

    def _remind(self, mentorship, actions, today):
        template = self.env.ref(TEMPLATE).with_context(mm_action_ids=actions.ids)
        # the plain letter, without Odoo's notification frame (no "follow" links to a
        # record the resident does not know of)
        template.send_mail(mentorship.id)
        actions.write({"resident_reminded": True})
        mentorship.resident_reminded_on = today
