from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

MANAGER_GROUP = "mobility_mentoring.group_mm_manager"
EXCEPTION_FIELDS = (
    "action_limit_exception",
    "action_limit_exception_reason",
    "action_limit_exception_until",
)


class MmMentorshipPlan(models.Model):
    """The goal-action plan of a mentorship: goals, actions, the room left under the
    limits on open actions, and a manager's exception to those limits."""

    _inherit = "mm.mentorship"

    goal_ids = fields.One2many("mm.goal", "mentorship_id", string="Goals")
    action_ids = fields.One2many("mm.action", "mentorship_id", string="Actions")
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    reward_ids = fields.One2many("mm.reward", "mentorship_id", string="Rewards")
    action_limit_summary = fields.Text(
        compute="_compute_action_limit_summary", string="Room under the limits"
    )
    action_limit_exception = fields.Integer(
        string="Exception: open actions",
        help="A manager may allow this resident more open actions than the rules do.",
    )
    action_limit_exception_reason = fields.Char(string="Reason for the exception")
    action_limit_exception_until = fields.Date(string="Exception until")

    def _compute_open_action_count(self):
        counts = dict(
            self.env["mm.action"]._read_group(
                [("mentorship_id", "in", self.ids), ("state", "=", "open")],
                ["mentorship_id"],
                ["__count"],
            )
        )
        for mentorship in self:
            mentorship.open_action_count = counts.get(mentorship, 0)

    def _compute_action_limit_summary(self):
        usage = self.env["mm.action.limit"]._usage(self, self.env["mm.goal"])
        for mentorship in self:
            lines = []
            for rule, key, count, allowed in usage:
                if key[0] != mentorship:
                    continue
                where = key[1].name + ": " if rule.scope == "pillar" else ""
                lines.append(
                    self.env._(
                        "%(where)s%(count)s of %(allowed)s open actions (%(rule)s)",
                        where=where,
                        count=count,
                        allowed=allowed,
                        rule=rule.name,
                    )
                )
            mentorship.action_limit_summary = "\n".join(lines)

    def _current_action_limit_exception(self):
        self.ensure_one()
        until = self.action_limit_exception_until
        if until and until >= fields.Date.context_today(self):
            return self.action_limit_exception
        return 0

    def write(self, vals):
        changes_exception = any(fname in vals for fname in EXCEPTION_FIELDS)
        if changes_exception and not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only a manager can grant an exception to the action limits.")
            )
        result = super().write(vals)
        if changes_exception:
            self._post_action_limit_exception()
        return result

    def _post_action_limit_exception(self):
        for mentorship in self:
            if mentorship.action_limit_exception and mentorship.action_limit_exception_until:
                body = self.env._(
                    "Exception to the action limits: at most %(max)s open actions until "
                    "%(until)s. Reason: %(reason)s",
                    max=mentorship.action_limit_exception,
                    until=format_date(self.env, mentorship.action_limit_exception_until),
                    reason=mentorship.action_limit_exception_reason or "-",
                )
            else:
                body = self.env._("The exception to the action limits was removed.")
            mentorship.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")

    @api.constrains(*EXCEPTION_FIELDS)
    def _check_action_limit_exception(self):
        for mentorship in self.filtered("action_limit_exception"):
            if not (
                mentorship.action_limit_exception_reason and mentorship.action_limit_exception_until
            ):
                raise ValidationError(
                    self.env._("An exception to the action limits needs a reason and an end date.")
                )

    def action_send_action_list(self):
        """Mail the resident their open actions and deadlines, in plain language."""
        self.ensure_one()
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
