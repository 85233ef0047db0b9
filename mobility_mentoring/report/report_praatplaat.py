from odoo import api, models


class ReportPraatplaat(models.AbstractModel):
    """The praatplaat (talk plate): the whole Bridge as one drawing on one landscape
    page, every ladder from its lowest step up, each step a pictogram with its
    easy-read words and a box to tick, and a star per ladder for what comes first.
    Printed from a mentorship, it is filled in from the last Bridge (in the resident's
    language); printed from the Bridge configuration, it is empty, for the first talk
    at the kitchen table."""

    _name = "report.mobility_mentoring.report_praatplaat"
    _inherit = "mm.mentorship.report"
    _description = "Praatplaat"
    _values_key = "plates"

    @api.model
    def _get_report_values(self, docids, data=None):
        if docids:
            return super()._get_report_values(docids, data=data)
        # empty, from the Bridge configuration: in the language of the one who prints
        return {
            "doc_ids": [],
            "doc_model": "mm.mentorship",
            "docs": self.env["mm.mentorship"],
            "empty_plate": self._plate(self.env["mm.assessment.line"]),
        }

    def _values_for(self, mentorship):
        return self._plate(mentorship.last_assessment_id.line_ids)

    def _plate(self, lines):
        """[{pillar, dimensions: [{dimension, steps (top first), line}]}] of the active
        Bridge; `line` is the assessment's answer on that ladder, if any."""
        line_of = {line.dimension_id: line for line in lines}
        dimensions = self.env["mm.dimension"]._bridge_dimensions()
        return [
            {
                "pillar": pillar,
                "dimensions": [
                    {
                        "dimension": dimension,
                        "steps": dimension.step_ids.sorted("level", reverse=True),
                        "line": line_of.get(dimension),
                    }
                    for dimension in dimensions
                    if dimension.pillar_id == pillar
                ],
            }
            for pillar in dimensions.pillar_id
        ]
