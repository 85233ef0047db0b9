from odoo import api, models

from ..const import RUNNING_STATES

# a change of one of these may put the file in a caseload
CASELOAD_FIELDS = {"user_id", "state", "team_id"}


class MmMentorship(models.Model):
    """A mentorship in its mentor's caseload: the team's maximum holds on every way a
    file enters a caseload (a new file, another mentor, a resumed file, another team)."""

    _inherit = "mm.mentorship"

    @api.onchange("user_id", "team_id")
    def _onchange_caseload(self):
        warning = self.env["mm.caseload"]._warning(self.user_id, self.team_id, self._origin)
        return {"warning": warning} if warning else None

    def _running(self):
        """The mentorships that count in their mentor's caseload."""
        return self.filtered(lambda m: m.user_id and m.state in RUNNING_STATES)

    def _coached_by(self):
        """{id: (mentor, team) of the caseload it counts in, or None}: a file enters a
        caseload when it starts running, changes mentor or moves to a team whose
        maximum may be lower."""
        return {m.id: m._coached_in() for m in self}

    def _coached_in(self):
        return (self.user_id, self.team_id) if self.state in RUNNING_STATES else None

    @api.model_create_multi
    def create(self, vals_list):
        mentorships = super().create(vals_list)
        self.env["mm.caseload"]._check_hard_limits(mentorships._running())
        return mentorships

    def write(self, vals):
        coached_before = self._coached_by() if CASELOAD_FIELDS & set(vals) else None
        result = super().write(vals)
        if coached_before is not None:
            entered = self._running().filtered(lambda m: coached_before[m.id] != m._coached_in())
            self.env["mm.caseload"]._check_hard_limits(entered)
        return result
