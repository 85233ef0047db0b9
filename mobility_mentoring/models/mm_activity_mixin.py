from odoo import fields, models

MENTOR_GROUP = "mobility_mentoring.group_mm_mentor"


class MmActivityMixin(models.AbstractModel):
    """Activities on mentoring records are the mentors' to-dos. Back office neither
    reads nor changes them (see mail_activity.py); nor does it read their summary
    through the record."""

    _name = "mm.activity.mixin"
    _inherit = ["mail.activity.mixin"]
    _description = "Activities of mentoring records"

    # related fields are read as superuser: what the next to-do is, is the mentors'
    activity_summary = fields.Char(groups=MENTOR_GROUP)
    activity_type_id = fields.Many2one(groups=MENTOR_GROUP)
    activity_type_icon = fields.Char(groups=MENTOR_GROUP)
