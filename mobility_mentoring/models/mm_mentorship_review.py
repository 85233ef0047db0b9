from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..const import MANAGER_GROUP


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """Case reviews of a mentorship: the last one, whether one is due, and who may
    record one."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

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
