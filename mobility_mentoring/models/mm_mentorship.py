from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import MANAGER_GROUP, MENTOR_GROUP


class MmMentorship(models.Model):
    """One resident's mentoring track with a mentor of a team."""

    _name = "mm.mentorship"
    _description = "Mentorship"
    _inherit = ["mm.protected.mixin", "mm.state.mixin", "mm.thread.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["partner_id.name"]
    _check_company_auto = True
    # back office may write to the mentor in the chatter of what it can only read
    _mail_post_access = "read"
    _fixed_after_create = ("partner_id",)
    # a list of residents to choose from is not an opening of their file, nor is
    # finding one by the contact's address, phone, BSN or birth date
    # (mm_mentorship_resident_search.py)
    _directory_fields = frozenset(
        {"id", "display_name", "partner_id", "user_id", "team_id", "company_id", "state"}
        | {"resident_address_search", "resident_phone_search"}
        | {"resident_bsn_search", "resident_birthdate_search"}
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
    confidential_note = fields.Text(string="Coaching note", groups=MENTOR_GROUP)
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

    # The concerns of a mentorship (Bridge, plan, caseload, mentor changes, reviews,
    # outcomes, fidelity, MijnOverzicht, client context) are in mm_mentorship_*.py:
    # each extends create() and write() for what it owns.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_mentor(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_mentor(vals)
        return super().write(vals)

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
