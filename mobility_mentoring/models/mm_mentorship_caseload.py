from collections import Counter

from odoo import api, models
from odoo.exceptions import ValidationError

from ..const import RUNNING_STATES
from .locking import lock_rows

# a change of one of these may put the file in a caseload
CASELOAD_FIELDS = {"user_id", "state", "team_id"}


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """A mentorship in its mentor's caseload: the team's maximum holds on every way a
    file enters a caseload (a new file, another mentor, a resumed file, another team)."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    @api.onchange("user_id", "team_id")
    def _onchange_caseload(self):
        warning = self.user_id._mm_caseload_warning(self.team_id, self._origin)
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
        mentorships._running()._check_caseload_maximum()
        return mentorships

    def write(self, vals):
        coached_before = self._coached_by() if CASELOAD_FIELDS & set(vals) else None
        result = super().write(vals)
        if coached_before is not None:
            entered = self._running().filtered(lambda m: coached_before[m.id] != m._coached_in())
            entered._check_caseload_maximum()
        return result

    def _check_caseload_maximum(self):
        """Refuse these mentorships, just handed to their mentor, beyond their team's
        maximum caseload."""
        mentors = self.user_id
        if not mentors:
            return
        # Two managers who each hand a mentor their last allowed resident must not both
        # commit: both first lock the mentor's user row (see locking.py).
        lock_rows(mentors)
        caseload = mentors._mm_caseloads()
        handed = Counter(self.user_id.ids)
        for mentorship in self:
            limit = mentorship.team_id.caseload_hard_limit
            count = caseload.get(mentorship.user_id.id, 0)
            if count > limit:
                raise ValidationError(
                    self.env._(
                        "The caseload of %(mentor)s is already %(caseload)s, and %(team)s "
                        "allows at most %(limit)s residents per mentor. Choose another mentor, "
                        "or ask a manager to raise the team's maximum caseload.",
                        mentor=mentorship.user_id.name,
                        caseload=count - handed[mentorship.user_id.id],
                        team=mentorship.team_id.name,
                        limit=limit,
                    )
                )
