"""Accessibility checks with axe-core in the test browser (headless Chromium).

axe-core is not shipped with the addon: `make test` installs a pinned version from the
npm registry into the cache (tools/mmdev/axe.py) and names its axe.min.js in MM_AXE_JS.
"""

import json
import os

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
