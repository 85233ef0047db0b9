from odoo import models

from ..const import MENTOR_GROUP


class ResGroups(models.Model):
    """Users put into a mentoring group from the group's own form (Settings >
    Groups > Users) start on "Mijn dag" too, as those given the group on their user
    form do (res_users_home.py)."""

    _inherit = "res.groups"

    def write(self, vals):
        result = super().write(vals)
        if "users" in vals:
            mentor = self.env.ref(MENTOR_GROUP, raise_if_not_found=False)
            # only groups that make mentors: writing the users of Internal User must
            # not look at every user of the database
            if mentor and mentor in self | self.trans_implied_ids:
                self.users._start_mentors_on_my_day()
        return result
