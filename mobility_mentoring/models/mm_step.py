from odoo import api, fields, models


class MmStep(models.Model):
    """A step (trede) on a dimension's ladder, from 1 (crisis) up to self-sufficient."""

    _name = "mm.step"
    _inherit = ["mm.pictogram.mixin"]
    _description = "Bridge step"
    _order = "dimension_id, level"

    dimension_id = fields.Many2one("mm.dimension", required=True, ondelete="cascade", index=True)
    pillar_id = fields.Many2one(related="dimension_id.pillar_id")
    level = fields.Integer(required=True, default=1)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("level_uniq", "unique(dimension_id, level)", "A ladder has one step per level."),
        ("level_positive", "CHECK(level >= 1)", "Step levels start at 1."),
    ]

    @api.depends("level", "name")
    def _compute_display_name(self):
        for step in self:
            step.display_name = f"{step.level}. {step.name or ''}"

    @api.constrains("level", "dimension_id")
    def _check_levels_consecutive(self):
        self.dimension_id._check_ladder_consecutive()

    @api.ondelete(at_uninstall=False)
    def _unlink_keeps_ladder_consecutive(self):
        for dimension in self.dimension_id:
            dimension._check_ladder_consecutive(without=self)
