from odoo import fields, models

from ..const import MENTOR_GROUP


class MmActivityMixin(models.AbstractModel):
    """Activities on mentoring records are the mentors' to-dos. Back office neither
    reads nor changes them (see mail_activity.py); nor does it read their summary
    through the record."""

    _name = "mm.activity.mixin"
    _inherit = ["mail.activity.mixin"]
    _description = "Activities of mentoring records"

    # a search through the to-dos sees what the user may read of them (Odoo joins
    # them without record rules: "activity_ids.note ilike" would test the mentors')
    activity_ids = fields.One2many(auto_join=False)
    # related fields are read as superuser: what the next to-do is, is the mentors'
    activity_summary = fields.Char(groups=MENTOR_GROUP)
    activity_type_id = fields.Many2one(groups=MENTOR_GROUP)
    activity_type_icon = fields.Char(groups=MENTOR_GROUP)

    def _forget_todos(self, activity_type_xmlid):
        """Remove the system's to-dos of this type, done ones (kept) included: their
        reason is gone, and a new one may come."""
        self.env["mail.activity"].sudo().with_context(active_test=False).search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", self.env.ref(activity_type_xmlid).id),
            ]
        ).unlink()
