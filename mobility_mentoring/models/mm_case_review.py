from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

from ..const import MANAGER_GROUP, MENTOR_GROUP

REVIEW_WEEKS_PARAMETER = "mobility_mentoring.review_weeks"
DEFAULT_REVIEW_WEEKS = 8


class MmCaseReview(models.Model):
    """A case review (casusbespreking, intervisie): a team lead or manager discusses a
    mentorship with its mentor. The note is confidential like a coaching note; a
    follow-up decision becomes a to-do of the mentor on the mentorship."""

    _name = "mm.case.review"
    _description = "Case review"
    _inherit = ["mm.protected.mixin"]
    _order = "date desc, id desc"
    _fixed_after_create = ("mentorship_id", "intervisie_id")

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="mentorship_id.partner_id", string="Resident")
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    # a review in a team's intervisie (mm.intervisie) takes its date; the intervisie's
    # form makes its reviews, one per file discussed
    intervisie_id = fields.Many2one(
        "mm.intervisie", ondelete="cascade", index="btree_not_null", groups=MENTOR_GROUP
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    # who recorded the review, in their own name (the field is the system's, see
    # mm.protected.mixin): a follow-up without a mentor becomes their to-do
    reviewer_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    # the mentorship's mentor at the time: a follow-up becomes their to-do, and nobody
    # else's (the field is the system's, see mm.protected.mixin)
    mentor_id = fields.Many2one(
        "res.users",
        compute="_compute_mentor_id",
        store=True,
        precompute=True,
        index=True,
        help="The mentor whose caseload was discussed.",
    )
    note = fields.Text(groups=MENTOR_GROUP, help="Confidential, like a coaching note.")
    followup = fields.Char(
        string="Follow-up",
        groups=MENTOR_GROUP,
        help="A decision for the mentor: it becomes a to-do on the mentorship.",
    )
    followup_deadline = fields.Date(string="Follow-up by")

    _sql_constraints = [
        (
            "once_per_intervisie",
            "UNIQUE(intervisie_id, mentorship_id)",
            "A file is discussed once in an intervisie.",
        ),
    ]

    @api.depends("mentorship_id")
    def _compute_mentor_id(self):
        for review in self:
            review.mentor_id = review.mentorship_id.user_id

    @api.model_create_multi
    def create(self, vals_list):
        default_intervisie = self.env.context.get("default_intervisie_id")
        intervisies = self.env["mm.intervisie"].browse(
            {vals.get("intervisie_id", default_intervisie) for vals in vals_list} - {False, None}
        )
        if intervisies and not self.env.su:
            # a client's id of an intervisie (in its values or its context's defaults)
            # is hostile until checked: adding a file to it is changing the
            # intervisie, for who may change it (its team lead)
            intervisies.check_access("write")
            intervisies._check_led_here()
        for vals in vals_list:
            intervisie_id = vals.get("intervisie_id", default_intervisie)
            if intervisie_id:
                vals["date"] = intervisies.sudo().browse(intervisie_id).date
        reviews = super().create(vals_list)
        reviews.filtered("intervisie_id")._check_intervisie_team()
        reviews._check_reviewer()
        for review in reviews.filtered("followup"):
            review._schedule_followup()
        return reviews

    def write(self, vals):
        self._check_reviewer()
        return super().write(vals)

    @api.constrains("reviewer_id", "mentorship_id")
    def _check_reviewer_works_here(self):
        self._check_colleagues("reviewer_id")

    @api.constrains("intervisie_id", "date")
    def _check_as_its_intervisie(self):
        in_intervisie = self.filtered("intervisie_id")
        if in_intervisie.filtered(lambda review: review.date != review.intervisie_id.date):
            raise ValidationError(
                self.env._(
                    "A file discussed in an intervisie takes its date: change the intervisie."
                )
            )

    def _check_intervisie_team(self):
        """Only files of an intervisie's team are discussed in it: its note is that
        team's. Checked when they are added: a file moved later keeps its reviews."""
        others = self.sudo().filtered(
            lambda review: review.mentorship_id.team_id != review.intervisie_id.team_id
        )
        if others:
            raise ValidationError(
                self.env._(
                    "Only files of team %(team)s are discussed in its intervisie: %(others)s.",
                    team=others.intervisie_id[:1].team_id.name,
                    others=", ".join(others.mentorship_id.mapped("display_name")),
                )
            )

    @api.constrains("date")
    def _check_not_in_the_future(self):
        # a review dated ahead would take the file off "due for review" undiscussed
        today = fields.Date.context_today(self)
        if self.filtered(lambda review: review.date > today):
            raise ValidationError(
                self.env._("A case review is recorded when it took place: not in the future.")
            )

    def _check_reviewer(self):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        led = self.filtered(lambda r: r.mentorship_id.team_id.leader_id == self.env.user)
        if self - led:
            raise AccessError(self.env._("Only the team lead or a manager records a case review."))

    def _schedule_followup(self):
        """The follow-up as a to-do of the mentor (else the reviewer), its note in
        their language and date format."""
        assignee = self.mentor_id or self.reviewer_id
        env = self.with_context(lang=assignee.lang or self.env.lang).env
        self.mentorship_id.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.followup_deadline or self.date,
            summary=self.followup,
            note=env._("Decided in the case review of %s.", format_date(env, self.date)),
            user_id=assignee.id,
        )

    @api.model
    def _due_since(self):
        """Active mentorships not reviewed since this day are due for review."""
        weeks = self.env["res.config.settings"]._mm_setting(
            REVIEW_WEEKS_PARAMETER, DEFAULT_REVIEW_WEEKS
        )
        return fields.Date.context_today(self) - timedelta(weeks=weeks)

    @api.depends("date", "mentorship_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Case review %(resident)s, %(date)s",
                resident=review.mentorship_id.display_name or "",
                date=format_date(self.env, review.date),
            )
