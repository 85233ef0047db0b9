from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date

from ..const import RUNNING_STATES

HOURS_PARAMETER = "mobility_mentoring.fidelity_hours"
MONTHS_PARAMETER = "mobility_mentoring.fidelity_months"
NO_CONTACT_PARAMETER = "mobility_mentoring.no_contact_days"
# EMPath's dosage: at least 12 hours of contact over at least 6 months
DEFAULT_HOURS, DEFAULT_MONTHS, DEFAULT_NO_CONTACT_DAYS = 12, 6, 30
NO_CONTACT_TODO = "mobility_mentoring.mail_activity_type_mm_no_contact"


class MmFidelity(models.AbstractModel):
    """Whether the method is really delivered (fidelity): the dosage threshold from
    Settings, and the daily job that keeps the time-bound figures current (months
    pass and contacts leave the last 90 days without any write) and gives a mentor a
    to-do when contact with an active resident lapses."""

    _name = "mm.fidelity"
    _description = "Fidelity to the method"

    @api.model
    def _setting(self, parameter, default):
        return self.env["res.config.settings"]._mm_setting(parameter, default)

    @api.model
    def _threshold(self):
        """(hours, months) of EMPath's dosage threshold, as set in Settings."""
        return (
            self._setting(HOURS_PARAMETER, DEFAULT_HOURS),
            self._setting(MONTHS_PARAMETER, DEFAULT_MONTHS),
        )

    @api.model
    def _cron_daily(self, batch_size=1000):
        """Refresh yesterday's figures in batches that commit their progress; once all
        are current, remind mentors of residents without contact."""
        today = fields.Date.context_today(self)
        Mentorship = self.env["mm.mentorship"].sudo()
        stale_domain = [
            ("state", "in", RUNNING_STATES),
            "|",
            ("fidelity_date", "=", False),
            ("fidelity_date", "<", today),
        ]
        stale = Mentorship.search(stale_domain, limit=batch_size)
        stale._refresh_fidelity()
        remaining = Mentorship.search_count(stale_domain)
        if not remaining:
            self._remind_lapsed_contact(batch_size)
        self.env["ir.cron"]._notify_progress(done=len(stale), remaining=remaining)

    @api.model
    def _remind_lapsed_contact(self, batch_size):
        days = self._setting(NO_CONTACT_PARAMETER, DEFAULT_NO_CONTACT_DAYS)
        todo = self.env.ref(NO_CONTACT_TODO)
        since = fields.Datetime.now() - timedelta(days=days)
        # done to-dos count too (kept): a mentor is reminded once per lapse
        lapsed = (
            self.env["mm.mentorship"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("state", "=", "active"),
                    ("date_start", "<=", fields.Date.context_today(self) - timedelta(days=days)),
                    "|",
                    ("last_contact_date", "=", False),
                    ("last_contact_date", "<", since),
                    ("activity_ids", "not any", [("activity_type_id", "=", todo.id)]),
                ],
                limit=batch_size,
            )
        )
        model_id = self.env["ir.model"]._get_id("mm.mentorship")
        # no mail per to-do: the mentor finds them in Odoo's activities
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": mentorship.id,
                    "activity_type_id": todo.id,
                    "automated": True,
                    "user_id": mentorship.user_id.id or self.env.uid,
                    "summary": mentorship.with_context(lang=mentorship.user_id.lang).env._(
                        "No contact since %(date)s",
                        date=format_date(
                            mentorship.with_context(lang=mentorship.user_id.lang).env,
                            mentorship.last_contact_date or mentorship.date_start,
                        ),
                    ),
                    "date_deadline": fields.Date.context_today(self),
                }
                for mentorship in lapsed
            ]
        )
