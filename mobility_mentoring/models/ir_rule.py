from odoo import models
from odoo.exceptions import AccessError


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """Odoo's refusal by a record rule names the kind of record and its model, and
        in debug mode the refused records (read as superuser: the residents of other
        teams and companies, their goals and actions) and the rules. On the addon's
        records the user reads what they may not do and whom to ask instead (see
        ir_model_access.py). Odoo's error is still made, for its line in the log and
        for the company it suggests switching to (the web client switches by itself
        when the user works for it)."""
        error = super()._make_access_error(operation, records)
        if not records._name.startswith("mm."):
            return error
        plain = AccessError(self.env["ir.model.access"]._mm_refusal(operation))
        if getattr(error, "context", None):
            plain.context = error.context
        return plain
