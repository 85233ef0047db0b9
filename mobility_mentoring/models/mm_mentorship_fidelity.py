from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..const import RUNNING_STATES

RECENT_DAYS = 90
HOURS_PARAMETER = "mobility_mentoring.fidelity_hours"
MONTHS_PARAMETER = "mobility_mentoring.fidelity_months"
NO_CONTACT_PARAMETER = "mobility_mentoring.no_contact_days"
GROUP_SHARE_PARAMETER = "mobility_mentoring.group_hours_share"
# EMPath's dosage: at least 12 hours of contact over at least 6 months
DEFAULT_HOURS, DEFAULT_MONTHS, DEFAULT_NO_CONTACT_DAYS = 12, 6, 30
NO_CONTACT_TODO = "mobility_mentoring.mail_activity_type_mm_no_contact"
FIDELITY_CRON = "mobility_mentoring.mm_fidelity_cron"
# a new dosage setting owes every running file a refresh: the daily job's pass over
# them in id order, this parameter the last id it refreshed (unset: no pass owed)
REFRESH_PASS_PARAMETER = "mobility_mentoring.fidelity_refresh_after_id"
# how much of the counted hours group meetings may make up, in percent (Settings):
# EMPath's dosage counts group meetings beside the one-to-one hours, not instead
GROUP_SHARES = [
    ("0", "Not at all"),
    ("25", "Up to a quarter"),
    ("50", "Up to half"),
    ("75", "Up to three quarters"),
    ("100", "All"),
]
DEFAULT_GROUP_SHARE = "50"
FIDELITY_FIELDS = (
    "contact_hours",
    "group_contact_hours",
    "contacts_last_90_days",
    "months_in_mentoring",
    "fidelity_ok",
    "fidelity_status",
    "fidelity_date",
)


def counted_hours(individual, group, share):
    """The contact hours the dosage counts: the one-to-one hours, and the group hours
    up to ``share`` percent of the counted total (at half, no more group hours than
    one-to-one hours: 4 one-to-one and 6 group hours count as 8)."""
    if share >= 100:
        return individual + group
    return individual + min(group, individual * share / (100 - share))


def _months_between(start, end):
    """Months from start to end, to a tenth (30 days make a month's fraction)."""
    if not start or end < start:
        return 0.0
    delta = relativedelta(end, start)
    return round(delta.years * 12 + delta.months + delta.days / 30.0, 1)


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """Contact moments of a mentorship and the dosage of the method (fidelity): the
    threshold from Settings, and the daily job that keeps the time-bound figures
    current (months pass and contacts leave the last 90 days without any write) and
    gives a mentor a to-do when contact with an active resident lapses."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # contact moments (the method's dosage)
    contact_ids = fields.One2many("mm.contact", "mentorship_id", string="Contact moments")
    contact_count = fields.Integer(compute="_compute_contact_count", string="Contacts")
    last_contact_date = fields.Datetime(
        string="Last contact", compute="_compute_last_contact_date", store=True
    )
    days_since_contact = fields.Integer(
        string="Days since contact", compute="_compute_days_since_contact"
    )
    # the dosage (fidelity), stored for monitoring; _cron_fidelity_daily refreshes it
    contact_hours = fields.Float(
        string="Contact hours",
        compute="_compute_fidelity",
        store=True,
        digits=(6, 1),
        help="The hours the dosage counts: one-to-one contacts, and group meetings up to "
        "the share set in Settings.",
    )
    group_contact_hours = fields.Float(
        string="Group meeting hours",
        compute="_compute_fidelity",
        store=True,
        digits=(6, 1),
        help="All hours in group meetings, also those beyond the share the dosage counts.",
    )
    contacts_last_90_days = fields.Integer(
        string="Contacts in the last 90 days", compute="_compute_fidelity", store=True
    )
    months_in_mentoring = fields.Float(
        string="Months in mentoring",
        compute="_compute_fidelity",
        store=True,
        digits=(5, 1),
        aggregator="avg",
    )
    fidelity_ok = fields.Boolean(
        string="Dosage reached",
        compute="_compute_fidelity",
        store=True,
        help="At least the hours of contact over at least the months of the dosage "
        "threshold in Settings (EMPath: 12 hours over 6 months).",
    )
    # the same in words, for grouping: a pivot's columns read "Dosage reached" and
    # "Not yet", not true and false; refreshed with fidelity_ok (FIDELITY_FIELDS)
    fidelity_status = fields.Selection(
        [("reached", "Dosage reached"), ("not_yet", "Not yet")],
        string="Dosage",
        compute="_compute_fidelity_status",
        store=True,
    )
    fidelity_date = fields.Date(compute="_compute_fidelity", store=True, string="Dosage as of")

    def _compute_contact_count(self):
        counts = dict(
            self.env["mm.contact"]._read_group(
                [("mentorship_id", "in", self.ids)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            mentorship.contact_count = counts.get(mentorship, 0)

    @api.depends("contact_ids.date")
    def _compute_last_contact_date(self):
        # sudo: the dosage counts every contact, also one a user may not read
        last = dict(
            self.env["mm.contact"]
            .sudo()
            ._read_group([("mentorship_id", "in", self.ids)], ["mentorship_id"], ["date:max"])
        )
        for mentorship in self:
            mentorship.last_contact_date = last.get(mentorship._origin) or False

    @api.depends("last_contact_date")
    @api.depends_context("tz")
    def _compute_days_since_contact(self):
        today = fields.Date.context_today(self)
        for mentorship in self:
            last = mentorship.last_contact_date
            day = fields.Date.context_today(self, last) if last else None
            mentorship.days_since_contact = (today - day).days if day else 0

    @api.depends(
        "contact_ids.date", "contact_ids.duration", "contact_ids.kind", "date_start", "date_end"
    )
    def _compute_fidelity(self):
        today = fields.Date.context_today(self)
        hours_needed, months_needed = self._fidelity_threshold()
        share = self._group_hours_share()
        Contact = self.env["mm.contact"].sudo()  # the dosage counts every contact
        domain = [("mentorship_id", "in", self._origin.ids)]
        minutes = {"group": {}, "individual": {}}
        for mentorship, kind, total in Contact._read_group(
            domain, ["mentorship_id", "kind"], ["duration:sum"]
        ):
            by_kind = minutes["group" if kind == "group" else "individual"]
            by_kind[mentorship] = by_kind.get(mentorship, 0) + total
        recent_since = fields.Datetime.now() - timedelta(days=RECENT_DAYS)
        recent = dict(
            Contact._read_group(
                [*domain, ("date", ">=", recent_since)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            start, end = mentorship.date_start, mentorship.date_end or today
            group = minutes["group"].get(mentorship._origin, 0) / 60.0
            individual = minutes["individual"].get(mentorship._origin, 0) / 60.0
            hours = counted_hours(individual, group, share)
            mentorship.contact_hours = hours
            mentorship.group_contact_hours = group
            mentorship.contacts_last_90_days = recent.get(mentorship._origin, 0)
            mentorship.months_in_mentoring = _months_between(start, end)
            mentorship.fidelity_ok = bool(
                start
                and hours >= hours_needed
                and start + relativedelta(months=months_needed) <= end
            )
            mentorship.fidelity_date = today

    @api.depends("fidelity_ok")
    def _compute_fidelity_status(self):
        for mentorship in self:
            mentorship.fidelity_status = "reached" if mentorship.fidelity_ok else "not_yet"

    @api.model
    def _fidelity_threshold(self):
        """(hours, months) of EMPath's dosage threshold, as set in Settings."""
        setting = self.env["res.config.settings"]._mm_setting
        return setting(HOURS_PARAMETER, DEFAULT_HOURS), setting(MONTHS_PARAMETER, DEFAULT_MONTHS)

    @api.model
    def _group_hours_share(self):
        """The percent of the counted hours group meetings may make up (Settings)."""
        value = self.env["ir.config_parameter"].sudo().get_param(GROUP_SHARE_PARAMETER)
        shares = dict(GROUP_SHARES)
        return int(value if value in shares else DEFAULT_GROUP_SHARE)

    @api.model
    def _cron_fidelity_daily(self, batch_size=1000):
        """Refresh yesterday's figures in batches that commit their progress; once all
        are current, remind mentors of residents without contact."""
        today = fields.Date.context_today(self)
        Mentorship = self.sudo()
        stale_domain = [
            ("state", "in", RUNNING_STATES),
            "|",
            ("fidelity_date", "=", False),
            ("fidelity_date", "<", today),
        ]
        stale = Mentorship.search(stale_domain, limit=batch_size) or self._refresh_pass_batch(
            batch_size
        )
        stale._refresh_fidelity()
        done = len(stale)
        remaining = Mentorship.search_count(stale_domain) + self._refresh_pass_remaining()
        if not remaining:
            # what is left is the to-dos: reported as such, or the cron would stop
            # after their first batch and leave the rest for the next days
            done += len(self._remind_lapsed_contact(batch_size))
            remaining = Mentorship.with_context(active_test=False).search_count(
                self._lapsed_without_todo_domain()
            )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _mark_fidelity_stale(self):
        """The dosage's setting changed: the daily job refreshes every running file, now,
        in a pass of its batches. Not by marking the files here: one statement over
        every running file failed to serialise against any mentor saving a file
        meanwhile (found by make scale-out at 180,000 running files), and the
        manager's save with it."""
        self.env["ir.config_parameter"].sudo().set_param(REFRESH_PASS_PARAMETER, "0")
        self.env.ref(FIDELITY_CRON).sudo()._trigger()

    @api.model
    def _refresh_pass_batch(self, batch_size):
        """The next running files of the pass a new dosage setting owes (see
        _mark_fidelity_stale), after the last one refreshed; the pass ends after
        the last file. Returns the files to refresh."""
        params = self.env["ir.config_parameter"].sudo()
        after = params.get_param(REFRESH_PASS_PARAMETER)
        if not after:
            return self.sudo().browse()
        batch = self.sudo().search(
            [("state", "in", RUNNING_STATES), ("id", ">", int(after))], order="id", limit=batch_size
        )
        params.set_param(REFRESH_PASS_PARAMETER, str(batch[-1].id) if batch else False)
        return batch

    @api.model
    def _refresh_pass_remaining(self):
        after = self.env["ir.config_parameter"].sudo().get_param(REFRESH_PASS_PARAMETER)
        if not after:
            return 0
        return self.sudo().search_count([("state", "in", RUNNING_STATES), ("id", ">", int(after))])

    @api.model
    def _remind_lapsed_contact(self, batch_size):
        """The mentor of a resident without contact for the set days gets a to-do to
        get in touch, once per lapse: a to-do marked done counts. A contact that ends
        the lapse takes it away (see activity_update). Returns the files reminded."""
        Mentorship = self.sudo().with_context(active_test=False)  # done to-dos count
        lapsed = Mentorship.search(self._lapsed_without_todo_domain(), limit=batch_size)
        lapsed._schedule_todos(
            NO_CONTACT_TODO, lambda mentorship: mentorship.user_id or self.env.user
        )
        return lapsed

    @api.model
    def _lapsed_without_todo_domain(self):
        """Lapsed files whose mentor has no to-do for it yet, not even a done one (a
        search with active_test off)."""
        todo = self.env.ref(NO_CONTACT_TODO)
        return [
            *self._lapsed_domain(),
            ("activity_ids", "not any", [("activity_type_id", "=", todo.id)]),
        ]

    @api.model
    def _lapsed_domain(self):
        days = self.env["res.config.settings"]._mm_setting(
            NO_CONTACT_PARAMETER, DEFAULT_NO_CONTACT_DAYS
        )
        return [
            ("state", "=", "active"),
            ("date_start", "<=", fields.Date.context_today(self) - timedelta(days=days)),
            "|",
            ("last_contact_date", "=", False),
            ("last_contact_date", "<", fields.Datetime.now() - timedelta(days=days)),
        ]

    def _activity_update(self):
        """A lapse that ended (a contact, or no longer active) takes its to-do away,
        done ones included: the next lapse earns a new one (see the nightly job,
        _remind_lapsed_contact)."""
        ended = self - self.filtered_domain(self._lapsed_domain())
        ended._remove_todos([NO_CONTACT_TODO])
        return super()._activity_update()

    def _refresh_fidelity(self):
        """Recompute the time-bound figures: nothing is written when time passes."""
        for fname in FIDELITY_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(list(FIDELITY_FIELDS))

    def action_log_contact(self):
        """Two clicks: this button, then Save in the small form it opens."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a contact moment"),
            "res_model": "mm.contact",
            "view_mode": "form",
            "views": [(self.env.ref("mobility_mentoring.mm_contact_view_form_quick").id, "form")],
            "target": "new",
            "context": {"default_mentorship_id": self.id},
        }

    def action_view_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_contact_action"
        )
        action["domain"] = [("mentorship_id", "=", self.id)]
        action["context"] = {"default_mentorship_id": self.id}
        return action
