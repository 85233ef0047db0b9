import { registry } from "@web/core/registry";

const DIMENSIONS = [
    "housing", "family", "health", "network", "debts", "savings", "education", "work", "income",
];

function placeOnStep(code, level) {
    return {
        content: `Place the resident on step ${level} of ${code}`,
        trigger: `.o_mm_dimension[data-dimension-code=${code}] .o_mm_step[data-level='${level}']`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("mm_assessment_tour", {
    url: "/odoo/action-mobility_mentoring.mm_mentorship_action",
    steps: () => [
        {
            content: "Open the resident's mentorship",
            trigger: ".o_kanban_record:contains('Tour Resident')",
            run: "click",
        },
        {
            content: "Start a Bridge assessment",
            trigger: "button[name=action_open_assessment]",
            run: "click",
        },
        {
            content: "Every ladder of the Bridge is on one screen",
            trigger: ".o_mm_bridge_input .o_mm_dimension[data-dimension-code=income]",
        },
        ...DIMENSIONS.map((code) => placeOnStep(code, code === "debts" ? 1 : 3)),
        {
            content: "The resident wants to work on debts now",
            trigger: ".o_mm_dimension[data-dimension-code=debts] .o_mm_priority",
            run: "click",
        },
        {
            content: "The score follows the steps: (8 x 50 + 0) / 9",
            trigger: ".o_field_widget[name=bridge_score]:contains('44.4')",
        },
        {
            content: "Finalise the assessment",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "The assessment is done",
            trigger: ".o_statusbar_status button[data-value=done].o_arrow_button_current",
        },
        {
            content: "A done assessment can no longer be changed by a mentor",
            trigger: ".o_mm_dimension[data-dimension-code=housing] .o_mm_step[data-level='4']:disabled",
        },
    ],
});
