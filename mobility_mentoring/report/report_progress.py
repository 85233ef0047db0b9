from datetime import date

from odoo import models

from ..const import MENTOR_GROUP

# The chart's frame (SVG units): the score axis runs from y=180 (0) up to y=20 (100),
# the assessments from x=70 to x=530; the template draws the grid on the same scale.
CHART_WIDTH, X_MARGIN, Y_ZERO, Y_PER_POINT = 600.0, 70.0, 180.0, 1.6


class ReportProgress(models.AbstractModel):
    """The resident's movement on the Bridge over time, drawn in SVG so that it prints."""

    _name = "report.mobility_mentoring.report_progress"
    _inherit = "mm.mentorship.report"
    _description = "Progress report"
    _values_key = "progress"

    def _values_for(self, mentorship):
        assessments = mentorship.assessment_ids.filtered(lambda a: a.state == "done").sorted(
            lambda a: (a.date, a.id)
        )
        done = mentorship.action_ids.filtered(lambda a: a.state == "done")
        return {
            "assessments": assessments,
            "score_points": self._score_points(assessments),
            "dimensions": self._dimension_rows(assessments),
            "actions_done": done.sorted(lambda a: (a.date_done or date.min, a.id)),
            "actions_on_time": len(done.filtered("done_on_time")),
            "rewards": mentorship.reward_ids.filtered(lambda r: r.state != "cancelled"),
            "outcomes": self._outcome_rows(mentorship),
        }

    def _outcome_rows(self, mentorship):
        """Per indicator: baseline, measurements over time and target. Amounts are for
        the team and managers; back office reads only the direction of the change."""
        show_amounts = self.env.user.has_group(MENTOR_GROUP)
        improvements = dict(
            self.env["mm.outcome.measurement"]
            ._fields["improvement"]
            ._description_selection(self.env)
        )
        rows = {}
        # sudo: the amounts are mentor-only fields, shown below to mentors only
        for measurement in mentorship.sudo().outcome_ids.sorted(lambda m: (m.date, m.id)):
            if measurement.assessment_id.state == "draft":
                continue
            indicator = measurement.indicator_id
            row = rows.setdefault(
                indicator,
                {"indicator": indicator, "baseline": None, "target": None, "measured": []},
            )
            value = measurement.value if show_amounts else None
            if measurement.kind == "measurement":
                label = improvements.get(measurement.improvement, "")
                row["measured"].append({"date": measurement.date, "value": value, "label": label})
            else:
                row[measurement.kind] = {"date": measurement.date, "value": value}
        return [rows[i] for i in sorted(rows, key=lambda i: (i.sequence, i.id))]

    def _score_points(self, assessments):
        """Chart coordinates of the Bridge score (0-100) at every done assessment."""
        count, width = len(assessments), CHART_WIDTH - 2 * X_MARGIN
        return [
            {
                "x": round(X_MARGIN + (index * width / (count - 1) if count > 1 else width / 2), 1),
                "y": round(Y_ZERO - assessment.bridge_score * Y_PER_POINT, 1),
                "score": assessment.bridge_score,
                "date": assessment.date,
            }
            for index, assessment in enumerate(assessments)
        ]

    def _dimension_rows(self, assessments):
        """Per dimension, the step at every assessment (None where it was not asked)."""
        level = {(line.assessment_id, line.dimension_id): line for line in assessments.line_ids}
        dimensions = assessments.line_ids.dimension_id.sorted(
            lambda d: (d.pillar_id.sequence, d.sequence, d.id)
        )
        return [
            {
                "dimension": dimension,
                "top": dimension.max_level,
                "cells": [level.get((assessment, dimension)) for assessment in assessments],
            }
            for dimension in dimensions
        ]
