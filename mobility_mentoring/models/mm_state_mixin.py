from odoo import models
from odoo.exceptions import UserError

from .locking import lock_rows


class MmStateMixin(models.AbstractModel):
    """The one seam for state changes of mentoring records.

    Users change a state only through ``_change_state``, which checks the transition
    and the user's right to make it, under a row lock (the state field is read-only,
    see mm.protected.mixin). Every write of a state, the system's included, sets the
    values that go with it (``_state_values``) and then calls one hook,
    ``_state_changed``, for what follows from it elsewhere (the rewards: see
    mm_reward_grant.py)."""

    _name = "mm.state.mixin"
    _description = "State transitions of mentoring records"

    _state_transitions = {}  # {from state: (to states)}

    def _change_state(self, new_state, **values):
        """``values``: what the system sets with the state instead of ``_state_values``."""
        self._check_state_change_allowed(new_state)
        self._lock_for_state_change()
        self._check_transition(new_state)
        self.sudo().write({"state": new_state, **values})
        return True

    def _lock_for_state_change(self):
        """Two users who change the same record at once (two mentors, or a mentor and
        the resident) must not both pass the transition check: the second waits for
        the first and fails to serialise; Odoo retries its request, which then finds
        the new state (found by make load, see docs/benchmark.md)."""
        lock_rows(self)

    def _check_state_change_allowed(self, new_state):
        """Who may make the transition: whoever may write the records, by default."""
        self.check_access("write")

    def _check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if new_state not in self._state_transitions.get(record.state, ()):
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: this step is not possible.",
                        record=record.display_name,
                        state=labels[record.state].lower(),
                    )
                )

    def _state_values(self, new_state):
        """The values that go with entering ``new_state``, such as its date."""
        return {}

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        # explicit values win: the system may date a state change itself
        vals = {**self._state_values(vals["state"]), **vals}
        previous = {record.id: record.state for record in self}
        result = super().write(vals)
        self._state_changed(previous)
        return result

    def _state_changed(self, previous):
        """Hook after every write of the state. ``previous``: {record id: its state
        before the write}."""
