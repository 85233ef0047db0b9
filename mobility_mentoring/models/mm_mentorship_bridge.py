from datetime import date

from odoo import api, fields, models


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """The Bridge of a mentorship: its assessments, the latest one and the score
    change since the start."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

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
    last_assessment_line_ids = fields.One2many(
        related="last_assessment_id.line_ids", string="Bridge"
    )
    priority_pillar_ids = fields.Many2many(
        related="last_assessment_id.priority_pillar_ids", string="Priorities"
    )

    def _compute_assessment_count(self):
        counts = dict(
            self.env["mm.assessment"]._read_group(
                [("mentorship_id", "in", self.ids)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            mentorship.assessment_count = counts.get(mentorship, 0)

    @api.depends(
        "assessment_ids.state",
        "assessment_ids.date",
        "assessment_ids.bridge_score",
        "assessment_ids.is_aftercare",
    )
    def _compute_bridge_progress(self):
        for mentorship in self:
            # aftercare (after the exit) is measured against this, never part of it
            done = mentorship.assessment_ids.filtered(
                lambda a: a.state == "done" and not a.is_aftercare
            ).sorted(lambda a: (a.date or date.min, a._origin.id or 0))
            mentorship.last_assessment_id = done[-1:]
            mentorship.bridge_score = done[-1:].bridge_score
            mentorship.bridge_score_change = (
                done[-1].bridge_score - done[0].bridge_score if done else 0.0
            )

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
