from collections import Counter

from odoo import api, models
from odoo.exceptions import ValidationError

from ..const import RUNNING_STATES
from .locking import lock_rows


class MmCaseload(models.AbstractModel):
    """A mentor's caseload: the residents they coach now (active and paused
    mentorships, in every team). Each team sets a soft limit, warned about when
    assigning, and a hard limit that refuses the assignment (OpenSPP: 25 advised,
    40 at most)."""

    _name = "mm.caseload"
    _description = "Caseload per mentor"

    @api.model
    def _per_mentor(self, mentors):
        """{user id: running mentorships}; sudo: a caseload counts all of a mentor's
        residents, also those in teams the asking user cannot see."""
        groups = (
            self.env["mm.mentorship"]
            .sudo()
            ._read_group(
                [("user_id", "in", mentors.ids), ("state", "in", RUNNING_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in groups}

    @api.model
    def _check_hard_limits(self, mentorships):
        """Refuse the mentorships just handed to a mentor beyond their team's hard limit."""
        mentors = mentorships.user_id
        if not mentors:
            return
        # Two managers who each hand a mentor their last allowed resident must not both
        # commit: both first update the mentor's user row, so the second waits, then
        # fails to serialise; Odoo retries it, and the retry counts the first one's.
        lock_rows(mentors)
        caseload = self._per_mentor(mentors)
        handed = Counter(mentorships.user_id.ids)
        for mentorship in mentorships:
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

    @api.model
    def _warning(self, mentor, team, mentorship=None):
        """The warning to show while assigning mentorship (new when None) to mentor,
        or None when their caseload stays within the team's soft limit."""
        if not (mentor and team):
            return None
        caseload = self._per_mentor(mentor).get(mentor.id, 0)
        if not (mentorship and mentorship.user_id == mentor and mentorship.state in RUNNING_STATES):
            caseload += 1
        if caseload > team.caseload_hard_limit:
            message = self.env._(
                "%(mentor)s would coach %(caseload)s residents: more than %(team)s allows "
                "(%(limit)s). Saving will be refused.",
                mentor=mentor.name,
                caseload=caseload,
                team=team.name,
                limit=team.caseload_hard_limit,
            )
        elif caseload > team.caseload_soft_limit:
            message = self.env._(
                "%(mentor)s would coach %(caseload)s residents: %(team)s advises at most "
                "%(limit)s per mentor. Is there room for one more?",
                mentor=mentor.name,
                caseload=caseload,
                team=team.name,
                limit=team.caseload_soft_limit,
            )
        else:
            return None
        return {"title": self.env._("Caseload"), "message": message}
