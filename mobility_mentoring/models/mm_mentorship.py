from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .mm_action import UNFINISHED
from .mm_caseload import RUNNING

MANAGER_GROUP = "mobility_mentoring.group_mm_manager"
RECENT_DAYS = 90
# a change of one of these may put the file in a caseload
CASELOAD_FIELDS = {"user_id", "state", "team_id"}
FIDELITY_FIELDS = (
    "contact_hours",
    "contacts_last_90_days",
    "months_in_mentoring",
    "fidelity_ok",
    "fidelity_date",
)


def _months_between(start, end):
    """Months from start to end, to a tenth (30 days make a month's fraction)."""
    if not start or end < start:
        return 0.0
    delta = relativedelta(end, start)
    return round(delta.years * 12 + delta.months + delta.days / 30.0, 1)


class MmMentorship(models.Model):
    """One resident's mentoring track with a mentor of a team."""

    _name = "mm.mentorship"
    _description = "Mentorship"
    _inherit = [
        "mm.protected.mixin",
        "mm.state.mixin",
        "mm.read.log.mixin",
        "mm.action.limit.exception",
        "mm.thread.mixin",
        "mail.thread",
        "mm.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _rec_names_search = ["partner_id.name"]
    _check_company_auto = True
    # back office may write to the mentor in the chatter of what it can only read
    _mail_post_access = "read"
    _fixed_after_create = ("partner_id",)
    # a list of residents to choose from is not an opening of their file
    _directory_fields = frozenset(
        {"id", "display_name", "partner_id", "user_id", "team_id", "company_id", "state"}
    )
    _state_transitions = {
        "active": ("paused", "closed"),
        "paused": ("active", "closed"),
        "closed": ("active",),
    }

    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    partner_email = fields.Char(related="partner_id.email", string="Email")
    user_id = fields.Many2one(
        "res.users",
        string="Mentor",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "mm.team",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_team(),
    )
    company_id = fields.Many2one(
        related="team_id.company_id", store=True, index=True, precompute=True
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End", tracking=True, copy=False, readonly=True)
    state_date = fields.Date(
        string="Status since",
        default=fields.Date.context_today,
        readonly=True,
        copy=False,
        help="The day the mentorship entered its current status: retention counts from it.",
    )
    state = fields.Selection(
        [("active", "Active"), ("paused", "Paused"), ("closed", "Closed")],
        default="active",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    confidential_note = fields.Text(
        string="Coaching note", groups="mobility_mentoring.group_mm_mentor"
    )
    is_anonymised = fields.Boolean(
        string="Anonymised",
        readonly=True,
        copy=False,
        help="Closed longer than the retention period: the link to the resident, notes and "
        "free text are gone; the figures remain for monitoring.",
    )
    retention_failed_on = fields.Date(
        string="Anonymisation failed on",
        readonly=True,
        copy=False,
        help="The retention job could not anonymise this file on this day; it tries again "
        "from the next day on.",
    )
    retention_error = fields.Text(
        string="Why anonymisation failed", readonly=True, copy=False, groups=MANAGER_GROUP
    )
    assessment_ids = fields.One2many("mm.assessment", "mentorship_id", string="Assessments")
    assessment_count = fields.Integer(compute="_compute_assessment_count")
    last_assessment_id = fields.Many2one(
        "mm.assessment",
        string="Latest assessment",
        compute="_compute_bridge_progress",
        store=True,
        index="btree_not_null",
    )
    last_assessment_date = fields.Date(
        related="last_assessment_id.date", string="Latest assessment date"
    )
    bridge_score = fields.Float(
        string="Bridge score",
        compute="_compute_bridge_progress",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="Bridge score (0-100) of the latest done assessment.",
    )
    bridge_score_change = fields.Float(
        string="Change since start",
        compute="_compute_bridge_progress",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="Bridge score of the latest done assessment minus that of the first one.",
    )

    # goal-action plan
    goal_ids = fields.One2many("mm.goal", "mentorship_id", string="Goals")
    action_ids = fields.One2many("mm.action", "mentorship_id", string="Actions")
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    reward_ids = fields.One2many("mm.reward", "mentorship_id", string="Rewards")
    action_limit_summary = fields.Text(
        compute="_compute_action_limit_summary", string="Room under the limits"
    )
    mentor_change_ids = fields.One2many(
        "mm.mentor.change", "mentorship_id", string="Mentor changes", readonly=True
    )
    # case reviews (casusbespreking, intervisie)
    review_ids = fields.One2many("mm.case.review", "mentorship_id", string="Case reviews")
    last_review_date = fields.Date(
        string="Last case review", compute="_compute_last_review_date", store=True
    )
    review_due = fields.Boolean(
        string="Due for review",
        compute="_compute_review_due",
        search="_search_review_due",
        help="Active, and not discussed in a case review for the weeks set in Settings.",
    )
    can_review = fields.Boolean(compute="_compute_can_review")
    # outcomes: baseline, target and measurements of income, debts, work...
    outcome_ids = fields.One2many(
        "mm.outcome.measurement", "mentorship_id", string="Outcome measurements"
    )
    # contact moments (the method's dosage)
    contact_ids = fields.One2many("mm.contact", "mentorship_id", string="Contact moments")
    contact_count = fields.Integer(compute="_compute_contact_count", string="Contacts")
    last_contact_date = fields.Datetime(
        string="Last contact", compute="_compute_last_contact_date", store=True
    )
    days_since_contact = fields.Integer(
        string="Days since contact", compute="_compute_days_since_contact"
    )
    # the dosage (fidelity), stored for monitoring; mm.fidelity refreshes it daily
    contact_hours = fields.Float(
        string="Contact hours", compute="_compute_fidelity", store=True, digits=(6, 1)
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
    fidelity_date = fields.Date(compute="_compute_fidelity", store=True, string="Dosage as of")
    # MijnOverzicht, the resident's portal
    portal_access = fields.Boolean(
        related="partner_id.mm_portal_access", string="Sees MijnOverzicht", groups="base.group_user"
    )
    resident_reminders = fields.Boolean(
        string="Reminders to the resident",
        default=True,
        tracking=True,
        help="Two days before an action's deadline, the resident gets one short e-mail with "
        "their if-then plan and a link to MijnOverzicht.",
    )
    resident_reminded_on = fields.Date(
        string="Resident last reminded",
        readonly=True,
        copy=False,
        help="The day the resident last got a reminder mail: at most one a day.",
    )
    # client context (back office)
    mentor_email = fields.Char(related="user_id.email", string="Mentor's email")
    mentor_phone = fields.Char(related="user_id.phone", string="Mentor's phone")
    last_assessment_line_ids = fields.One2many(
        related="last_assessment_id.line_ids", string="Bridge"
    )
    priority_pillar_ids = fields.Many2many(
        related="last_assessment_id.priority_pillar_ids", string="Priorities"
    )
    open_goal_ids = fields.One2many("mm.goal", compute="_compute_open_plan", string="Open goals")
    open_action_ids = fields.One2many(
        "mm.action", compute="_compute_open_plan", string="Open actions"
    )

    _sql_constraints = [
        # only an anonymised mentorship has lost its resident
        (
            "resident_required",
            "CHECK(partner_id IS NOT NULL OR is_anonymised IS TRUE)",
            "A mentorship needs a resident.",
        ),
        # Deferred so that the clearer Python check below speaks first; this one still
        # stops two concurrent transactions that each start a mentorship for the resident.
        (
            "one_active_per_resident",
            "EXCLUDE USING btree (partner_id WITH =) WHERE (state = 'active') "
            "DEFERRABLE INITIALLY DEFERRED",
            "A resident can have only one active mentorship at a time.",
        ),
    ]

    def _default_team(self):
        return self.env.user.mm_team_ids.filtered(lambda team: team.company_id == self.env.company)[
            :1
        ]

    @api.depends("partner_id", "is_anonymised")
    def _compute_display_name(self):
        for mentorship in self:
            if mentorship.is_anonymised:
                mentorship.display_name = self.env._("Anonymised mentorship %s", mentorship.id)
            else:
                mentorship.display_name = mentorship.partner_id.display_name or self.env._(
                    "New mentorship"
                )

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

    @api.depends("review_ids.date")
    def _compute_last_review_date(self):
        # sudo: a review counts whoever may read it
        last = dict(
            self.env["mm.case.review"]
            .sudo()
            ._read_group(
                [("mentorship_id", "in", self._origin.ids)], ["mentorship_id"], ["date:max"]
            )
        )
        for mentorship in self:
            mentorship.last_review_date = last.get(mentorship._origin) or False

    @api.depends("state", "date_start", "last_review_date")
    @api.depends_context("tz")
    def _compute_review_due(self):
        since = self.env["mm.case.review"]._due_since()
        for mentorship in self:
            last = mentorship.last_review_date or mentorship.date_start
            mentorship.review_due = mentorship.state == "active" and bool(last) and last < since

    def _search_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Filter on due for review with yes or no."))
        since = self.env["mm.case.review"]._due_since()
        due = [
            ("state", "=", "active"),
            "|",
            ("last_review_date", "<", since),
            "&",
            ("last_review_date", "=", False),
            ("date_start", "<", since),
        ]
        return due if (operator == "=") == value else ["!", *expression.normalize_domain(due)]

    @api.depends("team_id.leader_id")
    @api.depends_context("uid")
    def _compute_can_review(self):
        manager = self.env.user.has_group(MANAGER_GROUP)
        for mentorship in self:
            mentorship.can_review = manager or mentorship.team_id.leader_id == self.env.user

    def _last_outcome_values(self):
        """{indicator: last baseline or measured value} of this resident, in the
        indicators' order; sudo: the assessment that asks may be written by a mentor
        who reads the values anyway."""
        self.ensure_one()
        rows = (
            self.env["mm.outcome.measurement"]
            .sudo()
            .search(
                [
                    ("mentorship_id", "=", self._origin.id),
                    ("kind", "in", ("baseline", "measurement")),
                    ("indicator_id.active", "=", True),
                ],
                order="date, id",
            )
        )
        last = {row.indicator_id: row.value for row in rows}
        return dict(sorted(last.items(), key=lambda item: (item[0].sequence, item[0].id)))

    def action_review(self):
        """A case review of this mentorship, in a small form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Case review"),
            "res_model": "mm.case.review",
            "view_mode": "form",
            "views": [
                (self.env.ref("mobility_mentoring.mm_case_review_view_form_quick").id, "form")
            ],
            "target": "new",
            "context": {"default_mentorship_id": self.id},
        }

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_case_review_action"
        )
        action["domain"] = [("mentorship_id", "=", self.id)]
        action["context"] = {"default_mentorship_id": self.id}
        return action

    @api.depends("last_contact_date")
    @api.depends_context("tz")
    def _compute_days_since_contact(self):
        today = fields.Date.context_today(self)
        for mentorship in self:
            last = mentorship.last_contact_date
            day = fields.Date.context_today(self, last) if last else None
            mentorship.days_since_contact = (today - day).days if day else 0

    @api.depends("contact_ids.date", "contact_ids.duration", "date_start", "date_end")
    def _compute_fidelity(self):
        today = fields.Date.context_today(self)
        hours_needed, months_needed = self.env["mm.fidelity"]._threshold()
        Contact = self.env["mm.contact"].sudo()  # the dosage counts every contact
        domain = [("mentorship_id", "in", self._origin.ids)]
        minutes = dict(Contact._read_group(domain, ["mentorship_id"], ["duration:sum"]))
        recent_since = fields.Datetime.now() - timedelta(days=RECENT_DAYS)
        recent = dict(
            Contact._read_group(
                [*domain, ("date", ">=", recent_since)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            start, end = mentorship.date_start, mentorship.date_end or today
            hours = minutes.get(mentorship._origin, 0) / 60.0
            mentorship.contact_hours = hours
            mentorship.contacts_last_90_days = recent.get(mentorship._origin, 0)
            mentorship.months_in_mentoring = _months_between(start, end)
            mentorship.fidelity_ok = bool(
                start
                and hours >= hours_needed
                and start + relativedelta(months=months_needed) <= end
            )
            mentorship.fidelity_date = today

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

    def _compute_assessment_count(self):
        counts = dict(
            self.env["mm.assessment"]._read_group(
                [("mentorship_id", "in", self.ids)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            mentorship.assessment_count = counts.get(mentorship, 0)

    @api.depends("assessment_ids.state", "assessment_ids.date", "assessment_ids.bridge_score")
    def _compute_bridge_progress(self):
        for mentorship in self:
            done = mentorship.assessment_ids.filtered(lambda a: a.state == "done").sorted(
                lambda a: (a.date or date.min, a._origin.id or 0)
            )
            mentorship.last_assessment_id = done[-1:]
            mentorship.bridge_score = done[-1:].bridge_score
            mentorship.bridge_score_change = (
                done[-1].bridge_score - done[0].bridge_score if done else 0.0
            )

    @api.constrains("partner_id", "state")
    def _check_one_active_per_resident(self):
        active = self.filtered(lambda m: m.state == "active")
        if not active:
            return
        # sudo: the rule holds across teams, also for mentorships this user cannot see
        groups = self.sudo()._read_group(
            [("partner_id", "in", active.partner_id.ids), ("state", "=", "active")],
            ["partner_id"],
            ["id:recordset"],
        )
        for partner, mentorships in groups:
            if len(mentorships) > 1:
                other = (mentorships - self)[:1] or mentorships[1]
                if not other.with_env(self.env).has_access("read"):
                    # need-to-know: not which team or mentor coaches this resident
                    raise ValidationError(
                        self.env._(
                            "%(resident)s already has an active mentorship in another team. "
                            "Ask a manager.",
                            resident=partner.display_name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "%(resident)s already has an active mentorship with %(mentor)s "
                        "(%(team)s). Pause or close it before starting a new one.",
                        resident=partner.display_name,
                        mentor=other.user_id.name or self.env._("no mentor"),
                        team=other.team_id.name,
                    )
                )

    @api.constrains("user_id", "team_id")
    def _check_mentor_works_here(self):
        self._check_colleagues("user_id")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for mentorship in self:
            if mentorship.date_end and mentorship.date_end < mentorship.date_start:
                raise ValidationError(
                    self.env._(
                        "A mentorship cannot end before it starts (%(resident)s).",
                        resident=mentorship.display_name,
                    )
                )

    def action_pause(self):
        return self._change_state("paused")

    def action_resume(self):
        return self._change_state("active")

    def action_close(self):
        return self._change_state("closed")

    def _check_transition(self, new_state):
        if self.filtered("is_anonymised"):
            raise UserError(
                self.env._("An anonymised mentorship stays closed: start a new one instead.")
            )
        return super()._check_transition(new_state)

    def _state_values(self, new_state):
        today = fields.Date.context_today(self)
        return {"state_date": today, "date_end": today if new_state == "closed" else False}

    def action_open_assessment(self):
        """Continue the draft assessment if there is one, else start a new one."""
        self.ensure_one()
        draft = self.assessment_ids.filtered(lambda a: a.state == "draft")[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Bridge assessment"),
            "res_model": "mm.assessment",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": draft.id,
            "context": {"default_mentorship_id": self.id},
        }

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_assessment_action"
        )
        action["domain"] = [("mentorship_id", "=", self.id)]
        action["context"] = {"default_mentorship_id": self.id}
        return action

    def _compute_open_action_count(self):
        counts = dict(
            self.env["mm.action"]._read_group(
                [("mentorship_id", "in", self.ids), ("state", "in", UNFINISHED)],
                ["mentorship_id"],
                ["__count"],
            )
        )
        for mentorship in self:
            mentorship.open_action_count = counts.get(mentorship, 0)

    def _compute_action_limit_summary(self):
        room = self.env["mm.action.limit"]._room_by_key(self, self.env["mm.goal"])
        for mentorship in self:
            mentorship.action_limit_summary = "\n".join(
                text for key, texts in room.items() if key[0] == mentorship for text in texts
            )

    @api.onchange("user_id", "team_id")
    def _onchange_caseload(self):
        warning = self.env["mm.caseload"]._warning(self.user_id, self.team_id, self._origin)
        return {"warning": warning} if warning else None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_mentor(vals)
        mentorships = super().create(vals_list)
        self.env["mm.caseload"]._check_hard_limits(mentorships._running())
        return mentorships

    def write(self, vals):
        self._check_mentor(vals)
        coached_before = self._coached_by() if CASELOAD_FIELDS & set(vals) else None
        mentors_before = {m.id: m.user_id for m in self} if "user_id" in vals else {}
        result = super().write(vals)
        if coached_before is not None:
            entered = self._running().filtered(lambda m: coached_before[m.id] != m._coached_in())
            self.env["mm.caseload"]._check_hard_limits(entered)
        for mentorship in self.filtered(lambda m: m.id in mentors_before):
            if mentors_before[mentorship.id] != mentorship.user_id:
                mentorship._hand_over(mentors_before[mentorship.id])
        if vals.get("state") in ("paused", "closed"):
            # no reminders while the resident is not coached
            self.action_ids._forget_overdue_reminders()
        if vals.get("state") == "closed":
            self._end_resident_access()
        return result

    def action_change_mentor(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the mentor"),
            "res_model": "mm.mentor.change.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_mentorship_id": self.id, "default_reason": "resident"},
        }

    def _hand_over(self, previous):
        """After the mentor changed from previous: keep the history, and move the
        previous mentor's open to-dos and following of the file to the new one."""
        self.ensure_one()
        new = self.user_id
        context = self.env.context
        self.env["mm.mentor.change"].sudo().create(
            {
                "mentorship_id": self.id,
                "user_id": self.env.uid,
                "from_user_id": previous.id,
                "to_user_id": new.id,
                "reason": context.get("mm_mentor_change_reason") or "other",
                "note": context.get("mm_mentor_change_note"),
            }
        )
        if not (previous and new):
            return  # a file left without a mentor keeps its to-dos where they were
        # sudo: the file's to-dos and followers belong to whoever coaches the resident
        records = [self.sudo(), self.sudo().goal_ids, self.sudo().action_ids]
        for record in records:
            record.activity_ids.filtered(lambda a: a.user_id == previous).user_id = new
            following = record.filtered(lambda r: previous.partner_id in r.message_partner_ids)
            following.message_unsubscribe(partner_ids=previous.partner_id.ids)
            if new:
                following.message_subscribe(partner_ids=new.partner_id.ids)

    def _running(self):
        """The mentorships that count in their mentor's caseload."""
        return self.filtered(lambda m: m.user_id and m.state in RUNNING)

    def _coached_by(self):
        """{id: (mentor, team) of the caseload it counts in, or None}: a file enters a
        caseload when it starts running, changes mentor or moves to a team whose
        maximum may be lower."""
        return {m.id: m._coached_in() for m in self}

    def _coached_in(self):
        return (self.user_id, self.team_id) if self.state in RUNNING else None

    def action_grant_portal_access(self):
        """Open MijnOverzicht to the resident: access to their own files and, when they
        have none yet, a portal login through Odoo's invitation, with a word on what
        MijnOverzicht is."""
        self.ensure_one()
        self.check_access("write")  # their mentor's decision, not back office's
        partner = self.partner_id
        if self.state == "closed" or self.is_anonymised:
            raise UserError(self.env._("Only an active or paused mentorship opens MijnOverzicht."))
        if not partner.email:
            raise UserError(
                self.env._(
                    "Add the e-mail address of %s first: the invitation goes there.", partner.name
                )
            )
        self._check_all_files_readable()
        user = partner.sudo().with_context(active_test=False).user_ids[:1]
        if user and user._is_internal():
            raise UserError(
                self.env._("%s has an Odoo login as a colleague: invite another way.", partner.name)
            )
        partner.sudo().mm_portal_access = True
        if not (user and user.active and user._is_portal()):
            self._invite_to_portal()
        self.message_post(
            body=self.env._("MijnOverzicht opened to the resident."), subtype_xmlid="mail.mt_note"
        )
        return True

    def _check_all_files_readable(self):
        """MijnOverzicht shows the resident all their files: whoever opens it (and
        so chooses the address the invitation goes to) may read every one of them."""
        files = self.sudo().search([("partner_id", "=", self.partner_id.id)])
        if files.with_env(self.env)._filtered_access("read") != files.with_env(self.env):
            raise UserError(
                self.env._(
                    "%s also has a file in another team: ask a manager to open MijnOverzicht.",
                    self.partner_id.name,
                )
            )

    def _invite_to_portal(self):
        partner = self.partner_id
        env = self.with_context(lang=partner.lang).env
        welcome = env._(
            "MijnOverzicht is your own page with your mentor. There you see your Bridge, your "
            "plan and your rewards. You can tick off what you have done, and send your mentor "
            "a message. Only you and your mentoring team can see it."
        )
        # sudo: the portal wizard is for contact managers; a mentor invites their resident
        wizard = self.env["portal.wizard"].sudo().with_context(lang=partner.lang)
        wizard.create(
            {"partner_ids": partner.ids, "welcome_message": welcome}
        ).user_ids.action_grant_access()

    def action_revoke_portal_access(self):
        self.check_access("write")
        self._end_resident_access(keep_open=False)
        self.message_post(
            body=self.env._("MijnOverzicht closed to the resident."), subtype_xmlid="mail.mt_note"
        )
        return True

    def _end_resident_access(self, keep_open=True):
        """No access any more, unless (keep_open) another mentorship still coaches the
        resident. Their portal login may serve other apps: it stays."""
        residents = self.sudo().partner_id
        if keep_open:
            coached = self.sudo().search(
                [("partner_id", "in", residents.ids), ("state", "in", ("active", "paused"))]
            )
            residents -= coached.partner_id
        residents.filtered("mm_portal_access").mm_portal_access = False

    def _check_parent_moves(self, vals):
        """Only a manager moves a mentorship to another team, and never to another
        company: the whole file would go with it."""
        if "team_id" not in vals or not self._changed_by("team_id", vals["team_id"]):
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a manager can move a mentorship to another team."))
        team = self.env["mm.team"].browse(vals["team_id"])
        team.check_access("read")
        if self.company_id - team.company_id:
            raise UserError(
                self.env._(
                    "A mentorship stays in its company: choose a team of %s.",
                    self.company_id[:1].name,
                )
            )

    def _check_mentor(self, vals):
        """A mentor starts a mentorship only in a team of theirs, and hands one only to
        a colleague of its team (the mentor sees the whole file); a manager may do both
        for any team of the company."""
        creating = not self
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        if not creating and "user_id" in vals and not vals["user_id"]:
            raise AccessError(
                self.env._("A mentorship keeps a mentor: hand it to a colleague, or ask a manager.")
            )
        if (
            not creating
            and "date_start" in vals
            and self._changed_by("date_start", vals["date_start"])
        ):
            # months in mentoring and the dosage count from it
            raise AccessError(self.env._("Only a manager can change when a mentorship started."))
        if not (creating or vals.get("user_id")):
            return
        Users = self.env["res.users"]
        mentor = Users.browse(vals["user_id"]) if "user_id" in vals else self.env.user
        people = mentor | self.env.user if creating else mentor
        teams = self.env["mm.team"].browse(vals["team_id"]) if vals.get("team_id") else None
        for team in teams or self.team_id or self._default_team():
            outside = people - team.member_ids - team.leader_id
            if outside:
                raise AccessError(
                    self.env._(
                        "%(people)s: not in %(team)s. Only a manager can start a mentorship in "
                        "another team, or hand one to a mentor outside its team.",
                        people=", ".join(outside.mapped("name")),
                        team=team.name,
                    )
                )

    def action_send_action_list(self):
        """Mail the resident their open actions and deadlines, in plain language."""
        self.ensure_one()
        self.check_access("write")  # the resident's mentor writes, not back office
        template = self.env.ref("mobility_mentoring.mail_template_mm_action_list")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    @api.depends("goal_ids.state", "action_ids.state")
    def _compute_open_plan(self):
        for mentorship in self:
            mentorship.open_goal_ids = mentorship.goal_ids.filtered(lambda g: g.state == "open")
            mentorship.open_action_ids = mentorship.action_ids._unfinished()

    def action_open_client_context(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_mentorship_action_client_context"
        )
        if len(self) == 1:
            action.update(views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action
