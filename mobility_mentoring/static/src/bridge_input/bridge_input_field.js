import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * Edits the lines of a Bridge assessment as the Bridge itself: per pillar, every
 * dimension's ladder with the text of each step, one click to place the resident.
 */
export class BridgeInputField extends Component {
    static template = "mobility_mentoring.BridgeInputField";
    static props = { ...standardFieldProps, allowSetGoal: { type: Boolean, optional: true } };
    static defaultProps = { allowSetGoal: true };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ ladders: [] });
        this.loadedDimensionKey = null;
        onWillStart(() => this.loadLadders(this.props));
        onWillUpdateProps((nextProps) => this.loadLadders(nextProps));
    }

    get lines() {
        return this.props.record.data[this.props.name].records;
    }

    get lineByDimension() {
        return Object.fromEntries(this.lines.map((line) => [line.data.dimension_id[0], line]));
    }

    async loadLadders(props) {
        const lines = props.record.data[props.name].records;
        const dimensionIds = lines.map((line) => line.data.dimension_id[0]);
        const key = dimensionIds.join(",");
        if (key === this.loadedDimensionKey) {
            return;
        }
        this.loadedDimensionKey = key;
        this.state.ladders = dimensionIds.length
            ? await this.orm.call("mm.dimension", "get_bridge_ladders", [dimensionIds])
            : [];
    }

    isSelected(line, step) {
        return Boolean(line?.data.step_id) && line.data.step_id[0] === step.id;
    }

    isPrevious(line, step) {
        return Boolean(line?.data.previous_step_id) && line.data.previous_step_id[0] === step.id;
    }

    selectStep(line, step) {
        if (!this.props.readonly && line) {
            line.update({ step_id: [step.id, `${step.level}. ${step.name}`] });
        }
    }

    togglePriority(line) {
        if (!this.props.readonly && line) {
            line.update({ is_priority: !line.data.is_priority });
        }
    }

    canSetGoal(line) {
        return Boolean(
            this.props.allowSetGoal &&
                line?.resId &&
                line.data.is_priority &&
                line.data.state === "done"
        );
    }

    async setGoal(line) {
        const action = await this.orm.call("mm.assessment.line", "action_create_goal", [[line.resId]]);
        await this.action.doAction(action);
    }

    priorityTitle(line) {
        return line?.data.is_priority
            ? _t("Priority: the resident wants to work on this now")
            : _t("Mark as a priority");
    }
}

export const bridgeInputField = {
    component: BridgeInputField,
    supportedTypes: ["one2many"],
    extractProps: ({ options }) => ({ allowSetGoal: !options.no_goal_button }),
};

registry.category("fields").add("mm_bridge_input", bridgeInputField);
