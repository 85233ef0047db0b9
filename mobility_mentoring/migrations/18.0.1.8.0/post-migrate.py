"""18.0.1.8.0 gives the Bridge's pillars, dimensions and steps a pictogram and an
easy-read text. The Bridge data is loaded once (noupdate), so the shipped records of an
existing database get them here; Dutch follows from nl.po, loaded after this script."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["mm.pictogram.mixin"]._fill_shipped_easy_read()
