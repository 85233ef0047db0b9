import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("mm_contact_tour", {
    url: "/odoo/action-mobility_mentoring.mm_mentorship_action",
    steps: () => [
        {
            content: "Log a contact from the resident's card",
            trigger: ".o_kanban_record:contains('Contact Resident') button[name=action_log_contact]",
            run: "click",
        },
        {
            content: "It was a phone call",
            trigger: ".modal .o_field_widget[name=kind] input[data-value=phone]",
            run: "click",
        },
        {
            trigger: ".modal .o_form_button_save, .modal button[special=save]",
            run: "click",
        },
        {
            content: "The card shows the contact",
            trigger: ".o_kanban_record:contains('Contact Resident') .fa-comments-o",
        },
    ],
});
