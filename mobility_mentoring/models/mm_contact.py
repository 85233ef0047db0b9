from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime

from ..const import MENTOR_GROUP

KINDS = [
    ("visit", "At the office"),
    ("home", "Home visit"),
    ("phone", "Phone"),
    ("video", "Video call"),
    ("message", "Message"),
    ("group", "Group meeting"),
]
# what a contact of a group meeting takes from its meeting (mm.group.meeting)
FROM_MEETING = ("date", "duration", "user_id")
CLOCK_SKEW_MINUTES = 5
DEFAULT_MINUTES = 45


class MmContact(models.Model):
    """A contact moment of mentor and resident: what the method's dosage counts (how
    often, how long). The summary is confidential like a coaching note; back office
    sees that contacts happen (date, kind), not what was said."""

    _name = "mm.contact"
    _description = "Contact moment"
    _inherit = ["mm.protected.mixin"]
    _order = "date desc, id desc"
    _fixed_after_create = ("mentorship_id", "group_meeting_id")

    mentorship_id = fields.Many2one("mm.mentorship", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        related="mentorship_id.partner_id", store=True, index=True, string="Resident"
    )
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="mentorship_id.company_id", store=True, index=True)
    # a contact of a group meeting is one attendee's part of it: the meeting says
    # when, how long and who led it (the meeting's form makes its contacts)
    group_meeting_id = fields.Many2one(
        "mm.group.meeting", ondelete="cascade", index="btree_not_null", groups=MENTOR_GROUP
    )
    user_id = fields.Many2one(
        "res.users",
        string="With",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who had the contact: the mentor, or a colleague who stood in.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Integer(string="Minutes", required=True, default=DEFAULT_MINUTES)
    kind = fields.Selection(KINDS, required=True, default="visit")
    summary = fields.Text(groups=MENTOR_GROUP, help="Confidential, like a coaching note.")

    _sql_constraints = [
        (
            "once_per_meeting",
            "UNIQUE(group_meeting_id, mentorship_id)",
            "A resident is on the list of a group meeting once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        default_meeting = self.env.context.get("default_group_meeting_id")
        meetings = self.env["mm.group.meeting"].browse(
            {vals.get("group_meeting_id", default_meeting) for vals in vals_list} - {False, None}
        )
        if meetings and not self.env.su:
            # a client's id of a meeting (in its values or its context's defaults) is
            # hostile until checked: joining a resident to a meeting is changing the
            # meeting, for who may change it (its team)
            meetings.check_access("write")
        for vals in vals_list:
            meeting_id = vals.get("group_meeting_id", default_meeting)
            if meeting_id:
                vals.update(meetings.sudo().browse(meeting_id)._contact_values())
        contacts = super().create(vals_list)
        contacts.filtered("group_meeting_id")._check_meeting_team()
        contacts.mentorship_id._activity_update()  # the lapse may have ended
        return contacts

    @api.constrains("user_id", "mentorship_id")
    def _check_colleague_works_here(self):
        self._check_colleagues("user_id")

    @api.constrains("date", "duration")
    def _check_date_and_duration(self):
        self._check_moment(self)

    @api.model
    def _check_moment(self, moments):
        """The rule of a contact moment's date and length, also for a group meeting
        (``moments`` has a date and a duration in minutes)."""
        # a contact ahead would count for the dosage now and hide a lapse of contact;
        # an appointment is a to-do or a calendar event (a few minutes of clock skew aside)
        latest = fields.Datetime.now() + timedelta(minutes=CLOCK_SKEW_MINUTES)
        if moments.filtered(lambda moment: moment.date > latest):
            raise ValidationError(
                self.env._(
                    "A contact moment is logged once it took place: not in the future. Plan "
                    "an appointment as a to-do."
                )
            )
        if moments.filtered(lambda moment: not 0 < moment.duration <= 24 * 60):
            raise ValidationError(
                self.env._("A contact moment lasts between 1 minute and 24 hours.")
            )

    @api.constrains("kind", "group_meeting_id", *FROM_MEETING)
    def _check_as_its_meeting(self):
        # a group meeting is changed in one place, its meeting: else one resident's
        # hours would differ from the others' of the same meeting
        for contact in self:
            meeting = contact.group_meeting_id
            if not meeting and contact.kind == "group":
                raise ValidationError(
                    self.env._(
                        "A group meeting is recorded under Team > Group meetings, with all "
                        "who attended."
                    )
                )
            if meeting and (
                contact.kind != "group"
                or any(contact[fname] != meeting[fname] for fname in FROM_MEETING)
            ):
                raise ValidationError(
                    self.env._(
                        "This contact moment is part of the group meeting %(meeting)s: change "
                        "its date, length or leader on the meeting.",
                        meeting=meeting.name,
                    )
                )

    def _check_meeting_team(self):
        """Only residents of a meeting's team join it: its leader and notes are that
        team's (a file of another team joins a meeting of its own team). Checked when
        they join: a file moved to another team later keeps the meetings it came to."""
        others = self.sudo().filtered(
            lambda contact: contact.mentorship_id.team_id != contact.group_meeting_id.team_id
        )
        if others:
            meeting = others.group_meeting_id[:1]
            raise ValidationError(
                self.env._(
                    "Only residents of team %(team)s join its group meeting: %(others)s.",
                    team=meeting.team_id.name,
                    others=", ".join(others.mentorship_id.mapped("display_name")),
                )
            )

    @api.depends("kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for contact in self:
            when = (
                format_datetime(self.env, contact.date, dt_format="short") if contact.date else ""
            )
            contact.display_name = f"{kinds.get(contact.kind, '')}, {when}"
