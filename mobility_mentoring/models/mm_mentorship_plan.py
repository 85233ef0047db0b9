from odoo import api, fields, models

from .mm_action import UNFINISHED


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """The goal-action plan of a mentorship: its goals, actions and rewards, the room
    under the open-action limits, and the action list mailed to the resident."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # goal-action plan
    goal_ids = fields.One2many("mm.goal", "mentorship_id", string="Goals")
    action_ids = fields.One2many("mm.action", "mentorship_id", string="Actions")
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    reward_ids = fields.One2many("mm.reward", "mentorship_id", string="Rewards")
    action_limit_summary = fields.Text(
        compute="_compute_action_limit_summary", string="Room under the limits"
    )
    open_goal_ids = fields.One2many("mm.goal", compute="_compute_open_plan", string="Open goals")
    open_action_ids = fields.One2many(
        "mm.action", compute="_compute_open_plan", string="Open actions"
    )

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

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            # no reminders while the resident is not coached
            self.action_ids._activity_update()
        return result
