"""18.0.1.6.0 keeps the Bridge scores per month in mentoring (mm.bridge.snapshot):
write them for the assessments done before the update."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["mm.bridge.snapshot"]._rebuild_all()
