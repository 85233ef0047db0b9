from odoo import api, models
from odoo.exceptions import AccessError

from ..const import MANAGER_GROUP, MENTOR_GROUP


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    def _make_access_error(self, model, mode):
        """Odoo refuses an operation that a role lacks the right to with the kind of
        record, its model and the groups that have the right ("… 'Action' (mm.action)
        … Mobility Mentoring/Mentor"): words for an administrator. On the addon's
        records the user reads what they may not do and whom to ask instead. Odoo's
        own error is still made, for its line in the log."""
        error = super()._make_access_error(model, mode)
        if not model.startswith("mm."):
            return error
        return AccessError(self._mm_refusal(mode, model))

    @api.model
    def _mm_refusal(self, operation, model=None):
        """What a user reads when refused ``operation`` (read, write, create, unlink)
        on records of the addon, in their language: what they may not do and whom to
        ask, never a model, a group or a record. ``model``: refused by the model's
        access rights (the user's role lacks the right); without it, by a record
        rule (the records are outside the files the user works on)."""
        env = self.with_context(lang=self.env.user.lang).env
        user = env.user
        denied = {
            "read": env._("You may not open this."),
            "write": env._("You may not change this."),
            "create": env._("You may not add this."),
            "unlink": env._("You may not delete this."),
        }[operation]
        if user.share:
            ask = env._("Ask your mentor if you think you should.")
        elif user._mm_is_back_office_only():
            if operation == "read":
                ask = env._("Back office does not read this: ask your team lead if you need it.")
            else:
                ask = env._(
                    "Back office reads the residents' files and changes nothing: ask the "
                    "resident's mentor, whom the Client context names."
                )
        elif not user.has_group(MENTOR_GROUP):
            ask = env._(
                "Mobility Mentoring is for mentors, managers and back office: ask your "
                "administrator for a role if you need one."
            )
        elif model is None:
            if user.has_group(MANAGER_GROUP):
                ask = env._(
                    "It is not in the files of the municipalities you work for: ask your "
                    "administrator if you need it."
                )
            else:
                ask = env._(
                    "It belongs to a file outside your teams: ask your team lead or a manager."
                )
        elif not user.has_group(MANAGER_GROUP) and self._mm_managers_may(model, operation):
            ask = env._("Only a manager may do this: ask your team lead or a manager.")
        else:
            ask = env._(
                "Nobody does this by hand: the system does it. Ask your administrator if "
                "something seems wrong."
            )
        return f"{denied} {ask}"

    @api.model
    def _mm_managers_may(self, model, operation):
        """Whether the manager group's own access rights allow ``operation`` on
        ``model`` (a mentor has those of the groups a manager's implies)."""
        return bool(
            self.sudo().search_count(
                [
                    ("model_id.model", "=", model),
                    ("group_id", "=", self.env.ref(MANAGER_GROUP).id),
                    (f"perm_{operation}", "=", True),
                ],
                limit=1,
            )
        )
