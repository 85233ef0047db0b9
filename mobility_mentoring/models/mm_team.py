from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import MANAGER_GROUP


class MmTeam(models.Model):
    """A team of mentors (wijkteam, Werk & Inkomen team). Mentors see the mentorships
    of the teams they belong to."""

    _name = "mm.team"
    _description = "Mentoring team"
    _order = "name, id"

    name = fields.Char(required=True)
    member_ids = fields.Many2many(
        "res.users",
        "mm_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False)]",
    )
    leader_id = fields.Many2one("res.users", string="Team lead", domain="[('share', '=', False)]")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    mentorship_ids = fields.One2many("mm.mentorship", "team_id", string="Mentorships")
    active_mentorship_count = fields.Integer(compute="_compute_active_mentorship_count")
    caseload_soft_limit = fields.Integer(
        string="Advised caseload",
        default=25,
        help="Assigning a mentor more running mentorships than this shows a warning.",
    )
    caseload_hard_limit = fields.Integer(
        string="Maximum caseload",
        default=40,
        help="Assigning a mentor more running mentorships than this is refused.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    @api.depends("mentorship_ids.state")
    def _compute_active_mentorship_count(self):
        counts = dict(
            self.env["mm.mentorship"]._read_group(
                [("team_id", "in", self.ids), ("state", "=", "active")], ["team_id"], ["__count"]
            )
        )
        for team in self:
            team.active_mentorship_count = counts.get(team, 0)

    @api.constrains("caseload_soft_limit", "caseload_hard_limit")
    def _check_caseload_limits(self):
        for team in self:
            if not 1 <= team.caseload_soft_limit <= team.caseload_hard_limit:
                raise ValidationError(
                    self.env._(
                        "%s: the advised caseload is at least 1 and at most the maximum.",
                        team.name,
                    )
                )

    @api.constrains("member_ids", "leader_id", "company_id")
    def _check_members_work_here(self):
        """A team's files reach its members (hand-overs, case reviews, to-dos): they
        are colleagues of its municipality."""
        for team in self.sudo():
            for user in team.member_ids | team.leader_id:
                if not user._mm_works_for(team.company_id):
                    raise ValidationError(
                        self.env._(
                            "%(user)s does not work for %(company)s: a team has colleagues of "
                            "its municipality only.",
                            user=user.name,
                            company=team.company_id.name,
                        )
                    )

    def export_data(self, fields_to_export):
        """An export that reaches into the team's mentorships is an export of the
        residents' files: logged (see mm_protected_mixin_read_log.py)."""
        result = super().export_data(fields_to_export)
        if any(path.startswith("mentorship_ids") for path in fields_to_export):
            self.env["mm.access.log"]._log(self.mentorship_ids, "export", "mm.team: export_data")
        return result

    def action_view_mentorships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_mentorship_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id, "search_default_filter_active": 1}
        return action

    def _approvers(self):
        """Who approves for this team: its lead when they are a manager, otherwise
        every manager of its company."""
        self.ensure_one()
        lead = self.leader_id
        if lead.active and lead.has_group(MANAGER_GROUP):
            return lead
        return self._company_managers()

    def _company_managers(self):
        self.ensure_one()
        managers = self.env.ref(MANAGER_GROUP).sudo().users
        return managers.filtered(
            lambda user: user.active and not user.share and self.company_id in user.company_ids
        )
