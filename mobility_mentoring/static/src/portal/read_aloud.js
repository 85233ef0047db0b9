/** @odoo-module */
import publicWidget from "@web/legacy/js/public/public_widget";

// "Read aloud" on MijnOverzicht: the browser's own speech synthesis (Web Speech API)
// reads the section the button is in, in the page's language. Nothing is sent
// anywhere; phones speak offline. Progressive enhancement: the buttons are hidden in
// the page and shown only here, when the browser can speak (a public widget, as the
// portal's own scripts are).

const SECTION = ".o_mm_question, section";
// not read: the button itself, forms to act (Done, the star, writing a message),
// what is hidden or decoration
const SKIP = ".o_mm_read_aloud, .o_mm_no_read, [hidden], [aria-hidden='true'], script, style";

/** The words of a section as one text, a pause (full stop) between its blocks. */
export function sectionText(section) {
    const blocks = [];
    let block = null;
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const words = node.textContent.replace(/\s+/g, " ").trim();
        if (!words || parent.closest(SKIP)) {
            continue;
        }
        const container = parent.closest("h1, h2, h3, h4, h5, h6, p, li, button, div");
        if (container !== block) {
            blocks.push([]);
            block = container;
        }
        blocks.at(-1).push(words);
    }
    return blocks
        .map((words) => words.join(" "))
        .map((text) => (/[.!?:]$/.test(text) ? text : `${text}.`))
        .join(" ");
}

function canSpeak() {
    return "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined";
}

function reset() {
    for (const button of document.querySelectorAll(".o_mm_read_aloud")) {
        button.setAttribute("aria-pressed", "false");
    }
}

publicWidget.registry.MmReadAloud = publicWidget.Widget.extend({
    selector: ".o_mm_read_aloud",
    events: { click: "_onClick" },

    start() {
        if (canSpeak()) {
            this.el.hidden = false;
            // leaving the page stops the voice (a phone keeps speaking otherwise)
            this._stop = () => window.speechSynthesis.cancel();
            window.addEventListener("pagehide", this._stop);
        }
        return this._super(...arguments);
    },

    destroy() {
        if (this._stop) {
            window.removeEventListener("pagehide", this._stop);
        }
        this._super(...arguments);
    },

    _onClick() {
        const button = this.el;
        const synth = window.speechSynthesis;
        const speaking = button.getAttribute("aria-pressed") === "true";
        synth.cancel();
        reset();
        if (speaking) {
            return; // a second press stops
        }
        const utterance = new SpeechSynthesisUtterance(sectionText(button.closest(SECTION)));
        utterance.lang = document.documentElement.lang || "nl-NL";
        utterance.rate = 0.9; // a little slower than the default: easier to follow
        utterance.onend = () => button.setAttribute("aria-pressed", "false");
        utterance.onerror = () => button.setAttribute("aria-pressed", "false");
        button.setAttribute("aria-pressed", "true");
        synth.speak(utterance);
    },
});
