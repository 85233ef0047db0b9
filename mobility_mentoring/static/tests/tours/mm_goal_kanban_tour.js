import { registry } from "@web/core/registry";

// The goals kanban has a column per pillar: on a 1366 px screen (the test browser's
// size) all five fit, the last one (work and income) included.
registry.category("web_tour.tours").add("mm_goal_kanban_tour", {
    url: "/odoo/action-mobility_mentoring.mm_goal_action",
    steps: () => [
        {
            content: "Five pillar columns",
            trigger: ".o_mm_goal_kanban .o_kanban_group:nth-child(5) .o_kanban_header",
        },
        {
            content: "The fifth column is on the screen",
            trigger: ".o_mm_goal_kanban .o_kanban_group:nth-child(5)",
            run() {
                const right = this.anchor.getBoundingClientRect().right;
                if (window.innerWidth < 1366 || right > window.innerWidth) {
                    throw new Error(`The fifth column ends at ${right} px of ${window.innerWidth}`);
                }
            },
        },
    ],
});
