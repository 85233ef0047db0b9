from odoo.exceptions import ValidationError


class ActionLimitReached(ValidationError):
    """An open action refused by the limits of the plan (mm_action_limit.py). Still a
    ValidationError (it comes from a constraint, and whoever catches one catches it),
    but its own class lets the web client title the dialog in words of its own
    (static/src/errors/action_limit_dialog.js): Odoo's title for a validation error
    reads "Bevestiging fout" in Dutch, which says nothing to a mentor."""
