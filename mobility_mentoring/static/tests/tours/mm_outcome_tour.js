import { registry } from "@web/core/registry";

const OUTCOMES = ".o_field_widget[name=outcome_ids]";

registry.category("web_tour.tours").add("mm_outcome_tour", {
    url: "/odoo/action-mobility_mentoring.mm_mentorship_action",
    steps: () => [
        {
            content: "Open the resident's mentorship",
            trigger: ".o_kanban_record:contains('Outcome Resident')",
            run: "click",
        },
        {
            content: "Start a Bridge assessment",
            trigger: "button[name=action_open_assessment]",
            run: "click",
        },
        {
            content: "Last time's income is already filled in",
            trigger: `${OUTCOMES} .o_data_row:contains('Net monthly income'):contains('1,100.00')`,
        },
        {
            content: "Only the debts changed: click their value",
            trigger: `${OUTCOMES} .o_data_row:contains('Total debts') td[name=value]`,
            run: "click",
        },
        {
            content: "Type the new amount",
            trigger: `${OUTCOMES} .o_selected_row [name=value] input`,
            run: "edit 4200 && press Tab",
        },
        {
            // the form's onchange has come back: a new line now opens a new row
            content: "The new amount shows its direction",
            trigger: `${OUTCOMES} .o_data_row:contains('Improved')`,
        },
        {
            content: "Measure savings for the first time",
            trigger: `${OUTCOMES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Choose the indicator on the new, third row",
            trigger: `${OUTCOMES} tr.o_data_row:nth-child(3).o_selected_row [name=indicator_id] input`,
            run: "edit Savings",
        },
        {
            content: "Pick it from the list",
            trigger: ".o-autocomplete--dropdown-item:contains('Savings')",
            run: "click",
        },
        {
            content: "Type the savings",
            trigger: `${OUTCOMES} .o_selected_row [name=value] input`,
            run: "edit 50",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            // the values below show before the save returns: wait for it
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Lower debts are an improvement",
            trigger: `${OUTCOMES} .o_data_row:contains('Total debts'):contains('Improved')`,
        },
        {
            content: "Savings start from here",
            trigger: `${OUTCOMES} .o_data_row:contains('Savings'):contains('Baseline')`,
        },
    ],
});
