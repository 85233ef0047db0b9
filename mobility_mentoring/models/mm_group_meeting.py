from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import MENTOR_GROUP
from .mm_contact import FROM_MEETING


def _moves_team(records, vals):
    """Would ``vals`` move ``records`` (a group meeting or an intervisie) to another team
    or municipality? Their company is their team's, stored for the record rules: a
    client that writes it directly would move the record out of sight."""
    return any(
        fname in vals and records[fname].ids != ([vals[fname]] if vals[fname] else [])
        for fname in ("team_id", "company_id")
    )


class MmGroupMeeting(models.Model):
    """A group meeting of a team (a budgeting course, a peer group): one meeting,
    attended by several residents. Each attendee's file gets it as a contact moment
    of kind *group* (``contact_ids``, one per attendee): the contact takes its date,
    length and leader from here, so that the dosage counts it (within the share that
    Settings gives group hours, see mm_mentorship_fidelity.py) and the meeting is
    changed in one place. What was said to one resident goes in their contact's
    summary; the meeting's notes are for the team. Back office reads the contacts
    (that they happened), never the meeting: its list of attendees names residents
    of other files."""

    _name = "mm.group.meeting"
    _description = "Group meeting"
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, help="E.g. Budgeting, or Job search.")
    team_id = fields.Many2one("mm.team", required=True, index=True)
    company_id = fields.Many2one(related="team_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Led by",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Integer(string="Minutes", required=True, default=90)
    contact_ids = fields.One2many("mm.contact", "group_meeting_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendee_count", string="Residents")
    note = fields.Text(
        groups=MENTOR_GROUP, help="For the team: about the meeting, not one resident."
    )

    def write(self, vals):
        if not self.env.su and _moves_team(self, vals):
            # its residents and notes are that team's
            raise UserError(self.env._("A group meeting stays with its team: record a new one."))
        result = super().write(vals)
        if any(fname in vals for fname in FROM_MEETING):
            # the attendees' contacts follow, as the system: who may change the
            # meeting changes what it is for each of them (checked just now); an
            # anonymised file stays as it is
            for meeting in self.sudo():
                meeting.contact_ids.filtered(
                    lambda contact: not contact.mentorship_id.is_anonymised
                ).write(meeting._contact_values())
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_contacts(self):
        # through the ORM, as the user: the attendees' last contact and hours follow,
        # and a contact of an anonymised file is refused as any other change of it
        self.contact_ids.unlink()

    def _contact_values(self):
        """What each attendee's contact moment takes from the meeting."""
        self.ensure_one()
        values = {fname: self[fname] for fname in FROM_MEETING}
        return {**values, "user_id": self.user_id.id, "kind": "group"}

    @api.depends("contact_ids")
    def _compute_attendee_count(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.contact_ids)

    @api.constrains("user_id", "team_id")
    def _check_leader_works_here(self):
        for meeting in self.sudo():
            user = meeting.user_id
            if not user._mm_works_for(meeting.company_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work for %(company)s: a colleague there leads "
                        "the group meeting.",
                        user=user.name,
                        company=meeting.company_id.name,
                    )
                )

    @api.constrains("date", "duration")
    def _check_like_a_contact(self):
        # the attendees' contacts take these: refuse here what a contact refuses
        self.env["mm.contact"]._check_moment(self)
