"""Accessibility checks in the test browser (headless Chromium): axe-core's rules
(AxeMixin), and a walk of a page with the keyboard alone (KeyboardMixin).

axe-core is not shipped with the addon: `make test` installs a pinned version from the
npm registry into the cache (tools/mmdev/axe.py) and names its axe.min.js in MM_AXE_JS.
"""

import contextlib
import json
import os

from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser

# axe.min.js (650 kB) does not go into browser_js's code, which Odoo logs and repeats
# in a failure's message: the page loads it from this address, which no server answers
# (Chromium hands every request outside 127.0.0.1 to the test's fetch_proxy).
AXE_URL = "https://axe-core.invalid/axe.min.js"

# Appended to axe.min.js: what is found, as the log shows it. browser_js fails on any
# console.error and succeeds on the console.log of "test successful".
REPORT_JS = r"""
window.mmAxeReport = ({violations, passes, incomplete}) => {
    const cut = (text, size) => (text.length > size ? text.slice(0, size) + " ..." : text);
    const oneLine = (text) => cut((text || "").replace(/\s+/g, " ").trim(), 300);
    if (!violations.length) {
        console.info(`axe-core ${axe.version}: ${passes.length} rules passed, ` +
            `${incomplete.length} to review by hand, no violation`);
        console.log("test successful");
        return;
    }
    const lines = [`axe-core ${axe.version}: ${violations.length} rule(s) violated`];
    for (const v of violations) {
        lines.push(`\n${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}`);
        for (const node of v.nodes.slice(0, 10)) {
            lines.push(`  - ${node.target.flat().join(" ")}`);
            lines.push(`    ${oneLine(node.html)}`);
            // "Fix any of the following:\n  reason\n  reason" on one line
            const summary = (node.failureSummary || "").replace(/:\n\s*/g, ": ");
            lines.push(`    ${oneLine(summary.replace(/\n\s*/g, "; "))}`);
        }
        if (v.nodes.length > 10) {
            lines.push(`  ... and ${v.nodes.length - 10} more element(s)`);
        }
    }
    // "%s": Odoo formats the first argument like printf, and html may hold "%c" or "%s"
    console.error("%s", lines.join("\n"));
};
"""


# The page as its user gets it: Odoo's app (web client or public root) started and
# mounted. Checked earlier, the check can end while a service still fetches, and the
# browser then reports that fetch as an error after the test.
APP_STARTED = "!!(window.odoo && odoo.__WOWL_DEBUG__ && odoo.__WOWL_DEBUG__.root)"


class AxeMixin:
    """For an HttpCase, before it in the bases (``class TestX(AxeMixin, HttpCase)``: its
    fetch_proxy serves axe). ``self.assert_accessible(url, login)`` fails the test when axe
    finds a violation of AXE_TAGS on the page (the main document; iframes are not
    checked). ``ready`` is browser_js's: a JavaScript expression that is true once the
    page is rendered; by default, once Odoo's app has started (APP_STARTED). A back-end
    view may need more, e.g. ``"!!document.querySelector('.o_form_view')"``."""

    AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

    def assert_accessible(self, url, login, ready=APP_STARTED):
        path = os.environ.get("MM_AXE_JS")
        if not path or not os.path.isfile(path):
            # fail, never skip: a check that silently does not run proves nothing
            self.fail(
                f"axe-core not found (MM_AXE_JS={path!r}): run the tests through `make test` "
                "(or `make pytest`), which installs it."
            )
        load = (
            "new Promise((resolve, reject) => document.head.appendChild(Object.assign("
            f"document.createElement('script'), {{src: {json.dumps(AXE_URL)}, onload: resolve, "
            "onerror: () => reject(new Error('axe-core did not load: AxeMixin before HttpCase?')),"
            "})))"
        )
        options = {"runOnly": {"type": "tag", "values": self.AXE_TAGS}}
        options["resultTypes"] = ["violations"]  # faster: passes are only counted
        # axe would fetch every stylesheet itself (for the one rule that reads the CSSOM,
        # css-orientation-lock); the test browser has no internet, so a website theme's
        # Google Fonts sheet comes back empty and axe warns "Couldn't load preload assets"
        options["preload"] = False
        # mmAxeReport is looked up once axe.min.js has run: not before, it comes with it
        run = f"axe.run(document, {json.dumps(options)})"
        code = f"{load}.then(() => {run}).then((results) => mmAxeReport(results))"
        self.browser_js(url, code, ready=ready, login=login)

    def fetch_proxy(self, url):
        if url != AXE_URL:
            return super().fetch_proxy(url)
        with open(os.environ["MM_AXE_JS"], encoding="utf-8") as file:
            response = self.make_fetch_proxy_response(file.read() + REPORT_JS)
        response["responseHeaders"].append(
            {"name": "content-type", "value": "text/javascript; charset=utf-8"}
        )
        return response


# what the focused element is, in words a failure message can show
FOCUSED = """(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
        tag: el.tagName.toLowerCase(),
        // its name as a screen reader would read it, roughly: its text, else the
        // label of the icon or picture it holds
        text: (el.innerText || el.value || el.getAttribute("aria-label")
            || el.querySelector("[aria-label]")?.getAttribute("aria-label")
            || el.querySelector("img[alt]")?.getAttribute("alt") || ""
        ).trim().replace(/\\s+/g, " "),
        classes: [...el.classList],
        item: el.closest("[id]") ? el.closest("[id]").id : null,
        visible: el.matches(":focus-visible") && (
            getComputedStyle(el).outlineStyle !== "none"
            || getComputedStyle(el).boxShadow !== "none"),
    };
})()"""
KEYS = {
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    # with its text, as a keyboard types it: what activates a link or a button
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
}


class Keyboard:
    """Real key presses in the test browser (Chrome DevTools' Input domain: the
    browser moves the focus and activates buttons itself, as for a person)."""

    def __init__(self, browser):
        self.browser = browser

    def evaluate(self, expression):
        response = self.browser._websocket_request(
            "Runtime.evaluate", params={"expression": expression, "returnByValue": True}
        )
        return response["result"].get("value")

    def press(self, key):
        for kind in ("keyDown", "keyUp"):
            params = dict(KEYS[key], type=kind)
            if kind == "keyUp":
                params.pop("text", None)
            self.browser._websocket_request("Input.dispatchKeyEvent", params=params)
        return self.focused()

    def focused(self):
        return self.evaluate(FOCUSED)

    def tab_until(self, predicate, most=60):
        """Tab until ``predicate(focused)``; every element passed on the way, and the
        one found last."""
        passed = []
        for _press in range(most):
            focused = self.press("Tab")
            passed.append(focused)
            if focused and predicate(focused):
                return passed
        raise AssertionError(f"not reached in {most} presses of Tab: {passed}")

    def enter_and_load(self):
        """Enter on a button that submits its form: the next page, loaded."""
        self.evaluate("window.mmOldPage = true")
        self.press("Enter")
        ready = f"!window.mmOldPage && document.readyState === 'complete' && {APP_STARTED}"
        if not self.browser._wait_ready(ready, timeout=30):
            raise AssertionError("the page after Enter did not load")


class KeyboardMixin:
    """For an HttpCase: ``with self.keyboard(url, login) as keys`` opens the page in
    the test browser as ``login`` (browser_js's set-up) and hands real keys to it."""

    @contextlib.contextmanager
    def keyboard(self, url, login):
        browser = ChromeBrowser(self)
        try:
            self.http_request_key = self.canonical_tag + "_keyboard"
            self.authenticate(login, login, browser=browser)
            self.http_request_strict_check = True
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(self.base_url() + url, wait_stop=True)
            self.assertTrue(browser._wait_ready(APP_STARTED), "the page did not start")
            yield Keyboard(browser)
            self.assertFalse(browser.had_failure, "the browser logged an error")
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
