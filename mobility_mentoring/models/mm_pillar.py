from odoo import api, fields, models

# Odoo's colour list ($o-colors in web/static/src/scss/secondary_variables.scss): the
# same colour on screen (colour index) and in the printed reports (hex).
COLOR_HEX = [
    "#a2a2a2", "#ee2d2d", "#dc8534", "#e8bb1d", "#5794dd", "#9f628f",
    "#db8865", "#41a9a2", "#304be0", "#ee2f8a", "#61c36e", "#9872e6",
]  # fmt: skip


class MmPillar(models.Model):
    """One of the five pillars of the Bridge to Self-Sufficiency (a life domain)."""

    _name = "mm.pillar"
    _inherit = ["mm.pictogram.mixin"]
    _description = "Bridge pillar"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Stable technical key, the same in every language and database."
    )
    sequence = fields.Integer(default=10)
    color = fields.Integer(help="Colour of the pillar's cards and columns.")
    color_hex = fields.Char(compute="_compute_color_hex", string="Colour (hex)")
    icon = fields.Char(default="fa-circle", help="Font Awesome icon class, for example fa-home.")
    description = fields.Text(translate=True)
    dimension_ids = fields.One2many("mm.dimension", "pillar_id", string="Dimensions")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another pillar already has this code."),
    ]

    @api.depends("color")
    def _compute_color_hex(self):
        for pillar in self:
            pillar.color_hex = COLOR_HEX[(pillar.color or 0) % len(COLOR_HEX)]

    def action_print_praatplaat(self):
        """The praatplaat of the whole Bridge, empty, for a first talk: it does not
        depend on the pillars selected (data, not ids: the PDF route gets none)."""
        report = self.env.ref("mobility_mentoring.action_report_praatplaat")
        return report.report_action(None, data={"empty": True}, config=False)
