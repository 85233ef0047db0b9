from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

ASSESSMENT_MONTHS_PARAMETER = "mobility_mentoring.assessment_months"
DEFAULT_ASSESSMENT_MONTHS = 6
# a draft assessment left open this long is forgotten rather than in progress
DRAFT_ASSESSMENT_DAYS = 14
# the reasons a resident needs the mentor, each a field of its own (a filter, a badge)
REASONS = (
    "attention_no_contact",
    "attention_overdue",
    "attention_reported",
    "attention_review",
    "attention_assessment",
    "attention_draft",
    "attention_reward",
)


def _reason(name, string, help_text):
    """A reason's field: computed with the others, searched by its own domain (Odoo
    calls a field's search method without the field: each gets one of its own)."""

    def search(mentorships, operator, value):
        return mentorships._search_attention(name, operator, value)

    search.__name__ = f"_search_{name}"
    return fields.Boolean(
        string=string, compute="_compute_attention", search=search, help=help_text
    )


# one concern of mm.mentorship in a file of its own (see mm_mentorship_fidelity.py)
class MmMentorship(models.Model):
    """Who needs the mentor today, and why: "Mijn dag". Each reason is a domain on
    data the addon already keeps (_attention_domains), so that it is a filter of the
    search view, a badge on the card, and costs one query for a whole caseload."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    needs_attention = _reason(
        "needs_attention", "Needs attention", "Active, with at least one of the reasons below."
    )
    attention_no_contact = _reason(
        "attention_no_contact", "No contact", "No contact for the days set in Settings."
    )
    attention_overdue = _reason(
        "attention_overdue", "Overdue action", "An open action is past its deadline."
    )
    attention_reported = _reason(
        "attention_reported",
        "Reported done",
        "The resident reported an action done: confirm it with them.",
    )
    attention_review = _reason(
        "attention_review",
        "Review due",
        "Not discussed in a case review for the weeks set in Settings.",
    )
    attention_assessment = _reason(
        "attention_assessment",
        "Assessment due",
        "No Bridge assessment for the months set in Settings.",
    )
    attention_draft = _reason(
        "attention_draft",
        "Draft assessment",
        f"An assessment is a draft for more than {DRAFT_ASSESSMENT_DAYS} days.",
    )
    attention_reward = _reason(
        "attention_reward", "Reward to deliver", "A reward was approved and not yet delivered."
    )

    # not a reason: part of her day, where she uses Odoo's calendar (not a dependency)
    meeting_today = fields.Boolean(
        string="Appointment today",
        compute="_compute_meeting_today",
        search="_search_meeting_today",
        help="The resident is invited to one of your appointments in the calendar today.",
    )

    @api.model
    def _attention_domains(self):
        """Each reason as a domain of running files; today's date, in the user's time
        zone, decides what is overdue or due."""
        today = fields.Date.context_today(self)
        months = self.env["res.config.settings"]._mm_setting(
            ASSESSMENT_MONTHS_PARAMETER, DEFAULT_ASSESSMENT_MONTHS
        )
        assessed_since = today - relativedelta(months=months)
        active = [("state", "=", "active")]
        return {
            "attention_no_contact": self._lapsed_domain(),
            "attention_overdue": [*active, ("action_ids", "any", [("is_overdue", "=", True)])],
            "attention_reported": [*active, ("action_ids", "any", [("state", "=", "reported")])],
            "attention_review": [("review_due", "=", True)],
            "attention_assessment": [
                *active,
                ("date_start", "<", assessed_since),
                "|",
                ("last_assessment_id", "=", False),
                ("last_assessment_id.date", "<", assessed_since),
            ],
            "attention_draft": [
                *active,
                (
                    "assessment_ids",
                    "any",
                    [
                        ("state", "=", "draft"),
                        ("date", "<", today - timedelta(days=DRAFT_ASSESSMENT_DAYS)),
                    ],
                ),
            ],
            "attention_reward": [*active, ("reward_ids", "any", [("state", "=", "approved")])],
        }

    @api.depends("state")
    @api.depends_context("tz", "uid")
    def _compute_attention(self):
        """One search per reason for all the records at once: a caseload of 40 costs
        what one file costs."""
        records = self._origin.filtered("id")
        found = {}
        for reason, domain in self._attention_domains().items():
            found[reason] = set(records.search([("id", "in", records.ids), *domain]).ids)
        for mentorship in self:
            flags = {reason: mentorship._origin.id in ids for reason, ids in found.items()}
            mentorship.update(flags)
            mentorship.needs_attention = any(flags.values())

    def _search_attention(self, reason, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Filter on what needs attention with yes or no."))
        domains = self._attention_domains()
        domains["needs_attention"] = expression.OR(domains.values())
        domain = domains[reason]
        if (operator == "=") == value:
            return domain
        # not "!" before the domain: a leaf through a missing record (no assessment
        # yet) is NULL in SQL, and so is its negation
        return [("id", "not in", self._search(domain))]

    @api.depends_context("tz", "uid")
    def _compute_meeting_today(self):
        met = set(self._origin.filtered("id").search(self._meeting_today_domain()).ids)
        for mentorship in self:
            mentorship.meeting_today = mentorship._origin.id in met

    def _search_meeting_today(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Filter on what needs attention with yes or no."))
        domain = self._meeting_today_domain()
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    @api.model
    def _meeting_today_domain(self):
        """The files whose resident is invited to one of the user's appointments of
        today (in the user's time zone), where the calendar app is installed."""
        if "calendar.event" not in self.env:
            return expression.FALSE_DOMAIN
        zone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        today = fields.Date.context_today(self)
        start = zone.localize(datetime.combine(today, time.min)).astimezone(pytz.utc)
        events = self.env["calendar.event"].search(
            [
                ("partner_ids", "in", self.env.user.partner_id.ids),
                ("start", "<", (start + timedelta(days=1)).replace(tzinfo=None)),
                ("stop", ">=", start.replace(tzinfo=None)),
            ]
        )
        return [("partner_id", "in", events.partner_ids.ids)]
