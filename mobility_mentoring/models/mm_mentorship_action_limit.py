from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

from ..const import MANAGER_GROUP, MENTOR_GROUP

EXCEPTION_FIELDS = (
    "action_limit_exception",
    "action_limit_exception_reason",
    "action_limit_exception_until",
)


# one concern of mm.mentorship in a file of its own (see mm_mentorship_fidelity.py)
class MmMentorship(models.Model):
    """A manager's exception to the open action limits for one resident: more open
    actions until an end date, for a reason, posted in the chatter."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    action_limit_exception = fields.Integer(
        string="Exception: open actions",
        copy=False,
        help="A manager may allow this resident more open actions than the rules do.",
    )
    action_limit_exception_reason = fields.Char(
        string="Reason for the exception", groups=MENTOR_GROUP, copy=False
    )
    action_limit_exception_until = fields.Date(string="Exception until", copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_exception_rights(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_exception_rights(vals)
        result = super().write(vals)
        if any(fname in vals for fname in EXCEPTION_FIELDS):
            self._post_action_limit_exception()
        return result

    def _check_exception_rights(self, vals):
        """Over RPC anyone may send any field: the exception is a manager's decision."""
        if self.env.su or not any(fname in vals for fname in EXCEPTION_FIELDS):
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a manager can grant an exception to the action limits.")
            )

    def _current_action_limit_exception(self):
        self.ensure_one()
        until = self.action_limit_exception_until
        if until and until >= fields.Date.context_today(self):
            return self.action_limit_exception
        return 0

    def _post_action_limit_exception(self):
        for record in self:
            if record.action_limit_exception and record.action_limit_exception_until:
                body = self.env._(
                    "Exception to the action limits: at most %(max)s open actions until "
                    "%(until)s. Reason: %(reason)s",
                    max=record.action_limit_exception,
                    until=format_date(self.env, record.action_limit_exception_until),
                    reason=record.action_limit_exception_reason or "-",
                )
            else:
                body = self.env._("The exception to the action limits was removed.")
            record.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")

    @api.constrains(*EXCEPTION_FIELDS)
    def _check_action_limit_exception(self):
        for record in self.filtered("action_limit_exception"):
            if not (record.action_limit_exception_reason and record.action_limit_exception_until):
                raise ValidationError(
                    self.env._("An exception to the action limits needs a reason and an end date.")
                )
