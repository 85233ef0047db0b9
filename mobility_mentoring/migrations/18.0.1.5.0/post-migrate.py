"""My day is new: the mentors of an installed database who had no home action of their
own start on it too, as a new mentor does (res_users_home.py)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    users = env["res.users"].with_context(active_test=False).search([("action_id", "=", False)])
    users._start_mentors_on_my_day()
