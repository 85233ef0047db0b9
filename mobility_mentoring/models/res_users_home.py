from odoo import api, models

from ..const import MENTOR_GROUP

MY_DAY_ACTION = "mobility_mentoring.mm_my_day_action"


# one concern of res.users in a file of its own (see res_users.py)
class ResUsers(models.Model):
    """A mentor's day starts on "Mijn dag": it is the Home Action of every user who
    becomes a mentor (or lead, or manager) and has none of their own."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._start_mentors_on_my_day()
        return users

    def write(self, vals):
        result = super().write(vals)
        # groups change through groups_id, or through the user form's reified fields
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._start_mentors_on_my_day()
        return result

    def _start_mentors_on_my_day(self):
        my_day = self.env.ref(MY_DAY_ACTION, raise_if_not_found=False)
        if not my_day:  # while the addon installs, before its actions exist
            return
        mentors = self.sudo().filtered(
            lambda user: not user.action_id and not user.share and user.has_group(MENTOR_GROUP)
        )
        if mentors:
            mentors.action_id = my_day.id
