from odoo import api, fields, models

from ..const import BACKOFFICE_GROUP, MENTOR_GROUP, RUNNING_STATES


class ResUsers(models.Model):
    _inherit = "res.users"

    mm_team_ids = fields.Many2many(
        "mm.team", "mm_team_member_rel", "user_id", "team_id", string="Mentoring teams"
    )
    mm_caseload = fields.Integer(
        string="Caseload",
        compute="_compute_mm_caseload",
        groups=MENTOR_GROUP,
        help="Residents this mentor coaches now: active and paused mentorships.",
    )

    @api.constrains("mm_team_ids", "company_ids")
    def _check_mm_teams_of_own_company(self):
        self.sudo().mm_team_ids._check_members_work_here()

    def _mm_works_for(self, company):
        """An internal user of ``company``: the one rule of who may be put on its files,
        teams and group meetings (they reach the user through to-dos, followers and
        notifications)."""
        self.ensure_one()
        return not self.share and company in self.company_ids

    def _compute_mm_caseload(self):
        caseload = self._mm_caseloads()
        for user in self:
            user.mm_caseload = caseload.get(user.id, 0)

    def _mm_caseloads(self):
        """{user id: running mentorships}: a mentor's caseload (OpenSPP: 25 advised, 40
        at most) counts all their residents, in every team; sudo: also those in teams
        the asking user cannot see."""
        groups = (
            self.env["mm.mentorship"]
            .sudo()
            ._read_group(
                [("user_id", "in", self.ids), ("state", "in", RUNNING_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in groups}

    def _mm_caseload_warning(self, team, mentorship=None):
        """The warning to show while assigning mentorship (new when None) to this
        mentor in team, or None when their caseload stays within the team's advised
        caseload."""
        if not (self and team):
            return None
        self.ensure_one()
        caseload = self._mm_caseloads().get(self.id, 0)
        if not (mentorship and mentorship.user_id == self and mentorship.state in RUNNING_STATES):
            caseload += 1
        if caseload > team.caseload_hard_limit:
            message = self.env._(
                "%(mentor)s would coach %(caseload)s residents: more than %(team)s allows "
                "(%(limit)s). Saving will be refused.",
                mentor=self.name,
                caseload=caseload,
                team=team.name,
                limit=team.caseload_hard_limit,
            )
        elif caseload > team.caseload_soft_limit:
            message = self.env._(
                "%(mentor)s would coach %(caseload)s residents: %(team)s advises at most "
                "%(limit)s per mentor. Is there room for one more?",
                mentor=self.name,
                caseload=caseload,
                team=team.name,
                limit=team.caseload_soft_limit,
            )
        else:
            return None
        return {"title": self.env._("Caseload"), "message": message}

    def _mm_is_back_office_only(self):
        """Back office without a mentor's role: reads every file, changes nothing."""
        self.ensure_one()
        return self.has_group(BACKOFFICE_GROUP) and not self.has_group(MENTOR_GROUP)
