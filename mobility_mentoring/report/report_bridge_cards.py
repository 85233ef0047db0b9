from odoo import models

LADDER_WIDTH, LADDER_HEIGHT = 230.0, 120.0


class ReportBridgeCards(models.AbstractModel):
    """One card per pillar to take home: the ladders with the resident's step (front),
    their goals and open actions in that pillar (back)."""

    _name = "report.mobility_mentoring.report_bridge_cards"
    _inherit = "mm.mentorship.report"
    _description = "Bridge cards"
    _values_key = "cards"

    def _values_for(self, mentorship):
        lines = {line.dimension_id: line for line in mentorship.last_assessment_id.line_ids}
        open_goals = mentorship.goal_ids.filtered(lambda g: g.state == "open")
        return [
            {
                "pillar": pillar,
                "ladders": [
                    self._ladder(dimension, lines.get(dimension), pillar.color_hex)
                    for dimension in pillar.dimension_ids
                ],
                "goals": open_goals.filtered(lambda g, p=pillar: g.pillar_id == p),
            }
            for pillar in self.env["mm.pillar"].search([("active", "=", True)])
        ]

    def _ladder(self, dimension, line, color):
        """A staircase drawn in SVG: one rising block per step; the resident's step
        filled in the pillar's colour, last time's step outlined."""
        steps = dimension.step_ids.sorted("level")
        current, previous = line.step_id if line else None, line.previous_step_id if line else None
        width = LADDER_WIDTH / max(len(steps), 1)
        blocks = []
        for index, step in enumerate(steps):
            height = LADDER_HEIGHT * (index + 1) / len(steps)
            blocks.append(
                {
                    "step": step,
                    "x": round(index * width, 1),
                    "y": round(LADDER_HEIGHT - height + 20, 1),
                    "width": round(width - 4, 1),
                    "height": round(height, 1),
                    "fill": color if step == current else "#ffffff",
                    "is_current": step == current,
                    "is_previous": step == previous and step != current,
                }
            )
        return {"dimension": dimension, "blocks": blocks, "current": current, "previous": previous}
