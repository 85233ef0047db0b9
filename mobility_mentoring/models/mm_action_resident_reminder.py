from datetime import timedelta

from odoo import api, fields, models

DAYS_BEFORE = 2
TEMPLATE = "mobility_mentoring.mail_template_mm_resident_reminder"


# one concern of mm.action in a file of its own (see mm_mentorship_fidelity.py)
class MmAction(models.Model):
    """Nudge the resident (nudging tip: make it easy at the right moment): two days
    before an action's deadline, one short mail with their if-then plan and a link to
    MijnOverzicht. Each action is reminded of once, and a resident gets at most one
    mail a day, whatever the number of actions."""

    _inherit = "mm.action"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_remind_residents(self, batch_size=500):
        today = fields.Date.context_today(self)
        domain = self._reminder_due_domain(today)
        Action = self.sudo()
        actions = Action.search(domain, order="mentorship_id, deadline, id", limit=batch_size)
        # the batch ends with its last resident's last due action: the resident gets
        # one mail a day, so actions of theirs left to the next batch would wait a day
        if len(actions) == batch_size:
            last = actions[-1].mentorship_id
            actions |= Action.search([*domain, ("mentorship_id", "=", last.id)])
        actions._remind_residents(today)
        remaining = Action.search_count(self._reminder_due_domain(today))
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)

    @api.model
    def _reminder_due_domain(self, today):
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

    def _remind_residents(self, today):
        """One mail to each resident of these actions, about their own actions (the
        template picks them from the file it is written for), all made at once."""
        mentorships = self.mentorship_id
        template = self.env.ref(TEMPLATE).with_context(mm_action_ids=self.ids)
        # the plain letter, without Odoo's notification frame (no "follow" links to a
        # record the resident does not know of)
        template.send_mail_batch(mentorships.ids)
        self.write({"resident_reminded": True})
        mentorships.resident_reminded_on = today
