import { registry } from "@web/core/registry";
import { RadioField, radioField } from "@web/views/fields/radio/radio_field";

/**
 * The kinds of a contact moment a mentor logs: a group meeting is recorded once for
 * all who came (Team > Group meetings, models/mm_group_meeting.py), so it is offered
 * only where the contact already is one.
 */
export class ContactKindField extends RadioField {
    get items() {
        return super.items.filter(([value]) => value !== "group" || this.value === "group");
    }
}

registry.category("fields").add("mm_contact_kind", {
    ...radioField,
    component: ContactKindField,
});
