from odoo import fields, models


class MmPillar(models.Model):
    """One of the five pillars of the Bridge to Self-Sufficiency (a life domain)."""

    _name = "mm.pillar"
    _description = "Bridge pillar"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Stable technical key, the same in every language and database."
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer(help="Colour of the pillar's cards and columns.")
    icon = fields.Char(default="fa-circle", help="Font Awesome icon class, for example fa-home.")
    description = fields.Text(translate=True)
    dimension_ids = fields.One2many("mm.dimension", "pillar_id", string="Dimensions")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another pillar already has this code."),
    ]
