import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphModel } from "@web/views/graph/graph_model";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

/**
 * The graphs of movement by months in mentoring (mm.bridge.snapshot): Odoo's graph
 * view, saying only what the figures say.
 *
 * - A month in which a series (a team, a start year) has no resident is a gap in its
 *   line, not a fall to zero: Odoo's graph fills the points a series lacks with 0.
 * - EMPath's published results of its own programme are drawn beside ours as a dashed
 *   line, named as such: a reference, not this municipality's figure. They are the
 *   figures of readme/USAGE.md (Results by months in mentoring).
 */
export const EMPATH_REFERENCES = {
    score_change: {
        value: 5.3,
        label: _t("EMPath, its own programme: +5.3 points after 12 months (reference)"),
    },
    improved: {
        value: 74,
        label: _t("EMPath, its own programme: 74% improving within a year (reference)"),
    },
};
const REFERENCE_COLOR = "#6c757d";

export class CohortGraphModel extends GraphModel {
    _getData() {
        const data = super._getData(...arguments);
        for (const dataset of data.datasets) {
            // a point the series really has carries the domain of its group; the points
            // Odoo filled in carry none
            dataset.data = dataset.data.map((value, index) =>
                dataset.domains[index]?.length ? value : null
            );
        }
        return data;
    }
}

export class CohortGraphRenderer extends GraphRenderer {
    get reference() {
        const { context, measure, mode } = this.model.metaData;
        return context.mm_reference && mode !== "pie" ? EMPATH_REFERENCES[measure] : null;
    }

    getLineChartData() {
        return this.withReference(super.getLineChartData());
    }

    getBarChartData() {
        return this.withReference(super.getBarChartData());
    }

    withReference(data) {
        const reference = this.reference;
        if (!reference || !data.labels.length) {
            return data;
        }
        const line = {
            type: "line",
            label: reference.label,
            data: data.labels.map(() => reference.value),
            borderColor: REFERENCE_COLOR,
            backgroundColor: REFERENCE_COLOR,
            borderDash: [6, 4],
            borderWidth: 2,
            pointRadius: 0,
            fill: false,
            order: -1,
            mmReference: true,
        };
        return { ...data, datasets: [...data.datasets, line] };
    }

    getTooltipItems(data, metaData, tooltipModel) {
        // the reference is not among the model's series: its own line in the tooltip
        const ours = tooltipModel.dataPoints.filter((point) => !point.dataset.mmReference);
        const items = super.getTooltipItems(data, metaData, { ...tooltipModel, dataPoints: ours });
        const reference = tooltipModel.dataPoints.find((point) => point.dataset.mmReference);
        if (reference) {
            items.push({
                label: reference.dataset.label,
                value: this.formatValue(reference.raw, false),
                boxColor: REFERENCE_COLOR,
            });
        }
        return items;
    }
}

registry.category("views").add("mm_cohort_graph", {
    ...graphView,
    Model: CohortGraphModel,
    Renderer: CohortGraphRenderer,
});
