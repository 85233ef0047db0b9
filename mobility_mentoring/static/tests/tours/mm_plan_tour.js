import { registry } from "@web/core/registry";

function addAction(row, name) {
    // wait for the new row itself: the previous one may still be selected for a moment
    const newRow = `.o_field_widget[name=action_ids] .o_data_row:nth-child(${row}).o_selected_row`;
    return [
        {
            content: `Add the action "${name}"`,
            trigger: ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: `${newRow} [name=name] input`,
            run: `edit ${name}`,
        },
        {
            trigger: `${newRow} [name=deadline] input`,
            run: "edit 06/30/2030",
        },
    ];
}

registry.category("web_tour.tours").add("mm_plan_tour", {
    url: "/odoo/action-mobility_mentoring.mm_goal_action",
    steps: () => [
        {
            content: "Every pillar is a column, also the empty ones",
            trigger: ".o_kanban_group:contains('Employment and career')",
        },
        {
            content: "Add a goal in the Financial management column",
            trigger: ".o_kanban_group:contains('Financial management') .o_kanban_quick_add",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=mentorship_id] input",
            run: "edit Plan Resident",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Plan Resident')",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit Get the debts in one plan",
        },
        {
            content: "Open the new goal to add its actions",
            trigger: ".o_kanban_quick_create .o_kanban_edit",
            run: "click",
        },
        ...addAction(1, "Sort the post"),
        ...addAction(2, "Call the debt counsellor"),
        ...addAction(3, "List the creditors"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Three actions are saved",
            trigger: ".o_field_widget[name=open_action_room]:contains('3 of 3 open actions')",
        },
        ...addAction(4, "One more"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The limit tells the mentor why, and what is open",
            trigger: ".modal-body:contains('At most 3 open actions per goal'):contains('List the creditors')",
        },
        {
            content: "under a title that says what happened (not Odoo's 'Validation Error')",
            trigger: ".modal-title:contains('No room for another open action')",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Still three open actions",
            trigger: ".o_field_widget[name=open_action_room]:contains('3 of 3 open actions')",
        },
    ],
});
