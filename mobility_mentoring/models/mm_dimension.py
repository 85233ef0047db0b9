from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MmDimension(models.Model):
    """A dimension of a pillar (housing, debts ...): a ladder of steps."""

    _name = "mm.dimension"
    _inherit = ["mm.pictogram.mixin"]
    _description = "Bridge dimension"
    _order = "pillar_sequence, sequence, id"

    pillar_id = fields.Many2one("mm.pillar", required=True, ondelete="restrict", index=True)
    pillar_sequence = fields.Integer(
        related="pillar_id.sequence", store=True, string="Pillar sequence"
    )
    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Stable technical key, the same in every language and database."
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    step_ids = fields.One2many("mm.step", "dimension_id", string="Steps", copy=True)
    max_level = fields.Integer(compute="_compute_max_level", string="Top step")
    color = fields.Integer(related="pillar_id.color")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another dimension already has this code."),
    ]

    @api.model
    def _bridge_dimensions(self):
        """The active dimensions in Bridge order: what a new assessment asks about."""
        return self.search([("active", "=", True), ("pillar_id.active", "=", True)])

    @api.depends("step_ids.level")
    def _compute_max_level(self):
        for dimension in self:
            dimension.max_level = max(dimension.step_ids.mapped("level"), default=0)

    def _check_ladder_consecutive(self, without=None):
        for dimension in self:
            levels = sorted((dimension.step_ids - (without or self.env["mm.step"])).mapped("level"))
            if levels != list(range(1, len(levels) + 1)):
                raise ValidationError(
                    self.env._(
                        "The steps of %(dimension)s must be numbered 1, 2, 3 ... without gaps; "
                        "now they are: %(levels)s.",
                        dimension=dimension.display_name,
                        levels=", ".join(map(str, levels)),
                    )
                )

    @api.model
    def get_bridge_ladders(self, dimension_ids):
        """The ladders of these dimensions grouped by pillar, for the assessment widget:
        [{pillar: {...}, dimensions: [{id, name, steps: [{id, level, name, description}]}]}]"""
        dimensions = self.with_context(active_test=False).browse(dimension_ids).exists()
        dimensions = dimensions.sorted(
            lambda d: (d.pillar_id.sequence, d.pillar_id.id, d.sequence, d.id)
        )
        ladders = []
        for pillar in dimensions.pillar_id:
            ladders.append(
                {
                    "pillar": {
                        "id": pillar.id,
                        "name": pillar.name,
                        "color": pillar.color,
                        "icon": pillar.icon or "",
                        "pictogram": pillar._pictogram_url() if pillar.pictogram else "",
                    },
                    "dimensions": [
                        dimension._ladder_data()
                        for dimension in dimensions
                        if dimension.pillar_id == pillar
                    ],
                }
            )
        return ladders

    def _ladder_data(self):
        self.ensure_one()
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "steps": [
                {
                    "id": s.id,
                    "level": s.level,
                    "name": s.name,
                    "description": s.description or "",
                    "easy_text": s.easy_text or "",
                    "pictogram": s._pictogram_url() if s.pictogram else "",
                }
                for s in self.step_ids.sorted("level")
            ],
        }
