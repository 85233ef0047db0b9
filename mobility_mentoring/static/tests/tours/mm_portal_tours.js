import { registry } from "@web/core/registry";

// MijnOverzicht on a phone: every button and link a resident taps is at least 44 px.
function tapTargetsAreBigEnough() {
    return {
        content: "Every tap target is at least 44 px high and wide",
        trigger: ".o_mm_portal",
        run() {
            const small = [...document.querySelectorAll(".o_mm_portal button, .o_mm_portal a.btn")]
                .filter((el) => el.offsetParent !== null)
                .filter((el) => {
                    const box = el.getBoundingClientRect();
                    return box.height < 44 || box.width < 44;
                });
            if (small.length) {
                throw new Error(`Too small to tap: ${small.map((el) => el.outerHTML.slice(0, 120)).join(" | ")}`);
            }
        },
    };
}

const ACTION = "#plan li:contains('Call the debt counsellor')";
const DEBTS = "#bridge-now .o_mm_question:contains('Debts')";

registry.category("web_tour.tours").add("mm_portal_resident_tour", {
    url: "/my/mentoring",
    steps: () => [
        {
            content: "My plan comes first, the Bridge after it",
            trigger: ".o_mm_portal > #plan ~ #bridge",
        },
        {
            content: "Jump links to the parts of the page",
            trigger: "nav.o_mm_jump a[href='#plan'] ~ a[href='#bridge'] ~ a[href='#messages']",
        },
        {
            content: "The Bridge, drawn, with a text alternative",
            trigger: "#bridge svg[role=img][aria-label*='Debts']",
        },
        tapTargetsAreBigEnough(),
        {
            content: "Tick off an action",
            trigger: `${ACTION} button.o_mm_done`,
            run: "click",
        },
        {
            content: "It is reported, the mentor will look at it; a way back beside it",
            trigger: `${ACTION}:contains('You said this is done') button.o_mm_undo`,
        },
        tapTargetsAreBigEnough(),
        {
            content: "Oops, not done yet: take it back",
            trigger: `${ACTION} button.o_mm_undo`,
            run: "click",
        },
        {
            content: "It is open again",
            trigger: `${ACTION}:not(:contains('You said this is done')):not(:has(button.o_mm_undo)) button.o_mm_done`,
        },
        {
            content: "Now it is done for real",
            trigger: `${ACTION} button.o_mm_done`,
            run: "click",
        },
        {
            trigger: `${ACTION}:contains('You said this is done')`,
        },
        {
            content: "My mentor asks me to fill in my Bridge: to its own page",
            trigger: "#bridge-ask a.o_mm_to_bridge",
            run: "click",
        },
        {
            content: "Choose where I am now on the Debts ladder",
            trigger: `${DEBTS} button.o_mm_step:contains('4.')`,
            run: "click",
        },
        {
            content: "Saved, and still on the Bridge page",
            trigger: `${DEBTS} button.o_mm_step[aria-pressed=true]:contains('4.')`,
        },
        tapTargetsAreBigEnough(),
        {
            content: "Star what I want to work on now",
            trigger: `${DEBTS} button.o_mm_star[aria-pressed=false]`,
            run: "click",
        },
        {
            trigger: `${DEBTS} button.o_mm_star[aria-pressed=true]`,
        },
        {
            content: "Ready: back to MijnOverzicht",
            trigger: "a.o_mm_ready",
            run: "click",
        },
        {
            content: "The main page says my answers are kept",
            trigger: "#bridge-ask:contains('You filled in 1 of')",
        },
        {
            content: "Write to my mentor",
            trigger: "#mm_message_body",
            run: "edit I sent the letter to the landlord",
        },
        {
            trigger: "#messages button[type=submit]",
            run: "click",
        },
        {
            content: "My message is in the conversation",
            trigger: "#messages .o_mm_message:contains('I sent the letter to the landlord')",
        },
    ],
});

// On a phone the buttons of a form's header are in its cog menu.
function clickHeaderButton(label) {
    return [
        {
            content: `Open the actions menu to find "${label}"`,
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu button:contains('${label}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("mm_confirm_reported_tour", {
    steps: () => [
        {
            content: "The mentor sees the resident's report",
            trigger: ".o_form_view .o_statusbar_status:contains('Reported done')",
        },
        ...clickHeaderButton("Confirm done"),
        {
            // on a phone the status bar shows the current state alone, in its last toggle
            trigger: ".o_form_view .o_statusbar_status .dropdown-toggle:not(.o_arrow_button):contains('Done')",
        },
    ],
});

registry.category("web_tour.tours").add("mm_finalise_assessment_tour", {
    steps: () => [
        {
            content: "The mentor sees that the resident fills it in",
            trigger: ".o_form_view .alert-info:contains('MijnOverzicht')",
        },
        {
            content: "and which lines the resident filled in",
            trigger: ".o_mm_dimension[data-dimension-code=debts] .o_mm_by_resident",
        },
        ...clickHeaderButton("Finalise"),
        {
            trigger: ".o_form_view:not(:has(.alert-info:contains('MijnOverzicht')))",
        },
    ],
});

registry.category("web_tour.tours").add("mm_portal_reward_tour", {
    url: "/my/mentoring",
    steps: () => [
        {
            content: "The reward for the confirmed action is on the resident's page",
            trigger: "#rewards li:contains('Call the debt counsellor')",
        },
        {
            content: "and the action is among what I did",
            trigger: "#plan li:contains('Call the debt counsellor')",
        },
    ],
});

// The simple view on a phone: the Bridge filled in by tapping pictures.
const FIRST_LADDER = "#bridge-now .o_mm_question:first";
registry.category("web_tour.tours").add("mm_portal_easy_read_tour", {
    url: "/my/mentoring/bridge",
    steps: () => [
        {
            content: "The simple view: pictures with a few words, no long texts",
            trigger: ".o_mm_portal.o_mm_easy .o_mm_step img.o_mm_pictogram",
            run() {
                const words = document.querySelector(".o_mm_step .o_mm_step_text").innerText;
                if (words.split(/\s+/).length > 12) {
                    throw new Error(`Too many words on a step in the simple view: ${words}`);
                }
            },
        },
        tapTargetsAreBigEnough(),
        // the ladder starts on the step of last time (the second): tap another one, or
        // the next step would find it pressed before the page has saved and reloaded,
        // and tap again while the first tap's page is still on its way
        {
            content: "Tap the picture of the third step of the first ladder",
            trigger: `${FIRST_LADDER} button.o_mm_step:eq(2) img`,
            run: "click",
        },
        {
            content: "Saved: the third step is now chosen",
            trigger: `${FIRST_LADDER} button.o_mm_step:eq(2)[aria-pressed=true]`,
        },
        {
            content: "Tap the picture of the fourth step instead",
            trigger: `${FIRST_LADDER} button.o_mm_step:eq(3) img`,
            run: "click",
        },
        {
            content: "Saved: the fourth step",
            trigger: `${FIRST_LADDER} button.o_mm_step:eq(3)[aria-pressed=true]`,
        },
    ],
});

// Read aloud: the browser's speech is replaced by a recorder; the button of My plan
// must speak that section's words in the page's language.
registry.category("web_tour.tours").add("mm_portal_read_aloud_tour", {
    url: "/my/mentoring",
    steps: () => [
        {
            content: "Record what would be spoken",
            trigger: "#plan button.o_mm_read_aloud:not([hidden])",
            run() {
                window.mmSpoken = [];
                window.speechSynthesis.speak = (utterance) => window.mmSpoken.push(utterance);
            },
        },
        {
            content: "Read my plan aloud",
            trigger: "#plan button.o_mm_read_aloud",
            run: "click",
        },
        {
            content: "It spoke my plan, in Dutch, and not the buttons",
            trigger: "#plan button.o_mm_read_aloud[aria-pressed=true]",
            run() {
                const [utterance, ...more] = window.mmSpoken;
                const text = utterance ? utterance.text : "";
                const problems = [];
                if (!utterance || more.length) {
                    problems.push(`${window.mmSpoken.length} utterances`);
                }
                if (!utterance || !utterance.lang.startsWith("nl")) {
                    problems.push(`language ${utterance && utterance.lang}`);
                }
                for (const expected of ["Mijn plan", "Call the debt counsellor"]) {
                    if (!text.includes(expected)) {
                        problems.push(`missing "${expected}"`);
                    }
                }
                // the buttons: Read aloud itself, and Done (not the heading "Gedaan in ...")
                for (const unexpected of [/Lees voor/, /Gedaan[.:]/]) {
                    if (unexpected.test(text)) {
                        problems.push(`reads the button ${unexpected}`);
                    }
                }
                if (problems.length) {
                    throw new Error(`${problems.join(", ")} in: ${text}`);
                }
            },
        },
    ],
});
