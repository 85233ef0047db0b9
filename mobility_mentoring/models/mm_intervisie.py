from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..const import MANAGER_GROUP, MENTOR_GROUP
from .mm_group_meeting import _moves_team


class MmIntervisie(models.Model):
    """A team's intervisie: the mentors discuss several residents' files together,
    without the residents. Recorded once, it counts as a case review of each file
    discussed (``review_ids``, one per file, dated by the intervisie); what was
    decided for one file is that review's note and follow-up, what the team learnt
    is the intervisie's note, read by the team and managers only. Like a case
    review, the team lead or a manager records it."""

    _name = "mm.intervisie"
    _description = "Intervisie"
    _order = "date desc, id desc"

    team_id = fields.Many2one("mm.team", required=True, index=True)
    company_id = fields.Many2one(related="team_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    review_ids = fields.One2many("mm.case.review", "intervisie_id", string="Files discussed")
    review_count = fields.Integer(compute="_compute_review_count", string="Files")
    note = fields.Text(
        groups=MENTOR_GROUP,
        help="For the team: what you learnt together. Say what concerns one resident in "
        "that file's line.",
    )

    @api.depends("review_ids")
    def _compute_review_count(self):
        for intervisie in self:
            intervisie.review_count = len(intervisie.review_ids)

    @api.model_create_multi
    def create(self, vals_list):
        intervisies = super().create(vals_list)
        intervisies._check_led_here()
        # who records it is the system's (as a case review's reviewer): the user,
        # whatever a client sent or put in its context's defaults
        if not self.env.su and intervisies.reviewer_id != self.env.user:
            raise AccessError(self.env._("An intervisie is recorded in your own name."))
        return intervisies

    def write(self, vals):
        self._check_led_here()
        if not self.env.su:
            if "reviewer_id" in vals and self.reviewer_id.ids != [vals["reviewer_id"]]:
                raise AccessError(self.env._("An intervisie is recorded in your own name."))
            if _moves_team(self, vals):
                raise UserError(self.env._("An intervisie stays with its team: record a new one."))
        result = super().write(vals)
        if "date" in vals:
            # the reviews follow, as the system: the lead changed the intervisie; an
            # anonymised file stays as it is
            for intervisie in self.sudo():
                intervisie.review_ids.filtered(
                    lambda review: not review.mentorship_id.is_anonymised
                ).write({"date": intervisie.date})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_reviews(self):
        # through the ORM: the files' last review and "due for review" follow
        self.review_ids.unlink()

    def _check_led_here(self):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        if self.filtered(lambda intervisie: intervisie.team_id.leader_id != self.env.user):
            raise AccessError(
                self.env._("Only the team lead or a manager records the team's intervisie.")
            )

    @api.constrains("date")
    def _check_not_in_the_future(self):
        if self.filtered(lambda intervisie: intervisie.date > fields.Date.context_today(self)):
            raise ValidationError(
                self.env._("An intervisie is recorded when it took place: not in the future.")
            )

    @api.depends("team_id", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for intervisie in self:
            intervisie.display_name = self.env._(
                "Intervisie %(team)s, %(date)s",
                team=intervisie.team_id.name or "",
                date=format_date(self.env, intervisie.date),
            )
