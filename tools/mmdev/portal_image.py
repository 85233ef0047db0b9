"""Pictures of screens for the README, as a demo user sees them on the running
`make demo` server: MijnOverzicht as the resident Fatima sees it on a phone (375 px
wide, the whole page), "My day" as the mentor Anna opens Odoo (1366 px, the first
screen), the movement by months in mentoring as the manager Manon reads it and the
group meeting Anna led.
Headless Chromium, driven over its DevTools protocol: the session cookie of a real
login, then a screenshot."""

import base64
import io
import itertools
import json
import shutil
import subprocess
import tempfile
import time

import requests
import websocket
from PIL import Image

from . import settings
from .errors import SetupError

DOCS = settings.REPO / "docs"
DEBUG_PORT = 9339


def portal_image(base):
    """MijnOverzicht on a phone, the whole page."""
    return page_image(base, "fatima", "/my/mentoring", DOCS / "mijnoverzicht-phone.png", 375)


def my_day_image(base):
    """The mentor's first screen: Odoo opens on My day, her home action."""
    return page_image(base, "anna", "/odoo", DOCS / "my-day-1366.png", 1366, height=800, settle=6)


def cohort_image(base):
    """The manager's movement by months in mentoring, with EMPath's reference."""
    path = "/odoo/action-mobility_mentoring.mm_bridge_snapshot_action"
    return page_image(
        base, "manon", path, DOCS / "cohort-graph-1366.png", 1366, height=768, settle=6
    )


def group_meeting_image(base, meeting_id):
    """The demo's group meeting as Anna, who led it: a line per resident who came."""
    path = f"/odoo/action-mobility_mentoring.mm_group_meeting_action/{meeting_id}"
    return page_image(
        base, "anna", path, DOCS / "group-meeting-1366.png", 1366, height=768, settle=6
    )


def easy_read_image(base, switch_easy_read):
    """Fatima's Bridge to fill in on a phone, in the simple view (the first screen):
    ``switch_easy_read(on)`` turns it on for the picture and off again after."""
    switch_easy_read(True)
    try:
        return page_image(
            base, "fatima", "/my/mentoring/bridge", DOCS / "easy-read-phone.png", 375, height=1000
        )
    finally:
        switch_easy_read(False)


def page_image(base, login, path, image, width, height=None, settle=3):
    """A screenshot of ``path`` as ``login``: ``height`` px high, or the whole page."""
    session = requests.Session()
    session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": settings.DEMO_DB, "login": login, "password": login}},
        timeout=30,
    ).raise_for_status()
    browser = shutil.which("chromium") or shutil.which("google-chrome")
    if not browser:
        raise SetupError("Chromium is needed for the pictures of screens.")
    # Chromium's helpers may still write to the profile while it is removed
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        chrome = subprocess.Popen(
            [
                browser,
                "--headless=new",
                "--no-sandbox",
                f"--user-data-dir={profile}",
                f"--remote-debugging-port={DEBUG_PORT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            page = _page_socket()
            png = _screenshot(
                page, base + path, session.cookies["session_id"], width, height, settle
            )
        finally:
            chrome.terminate()
            chrome.wait(timeout=30)
    # a palette of 64 colours: a tenth of the size, the same to the eye
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64).save(image, optimize=True)
    return image


def _page_socket():
    for _attempt in range(50):
        try:
            pages = requests.get(f"http://127.0.0.1:{DEBUG_PORT}/json", timeout=5).json()
            url = next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
            return websocket.create_connection(url, timeout=60)
        except (requests.RequestException, StopIteration):
            time.sleep(0.2)
    raise SetupError("Headless Chromium did not start.")


def _screenshot(page, url, session_id, width, height, settle):
    ids = itertools.count(1)

    def call(method, **params):
        message_id = next(ids)
        page.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(page.recv())
            if answer.get("id") == message_id:
                return answer.get("result", {})

    call("Network.enable")
    call("Network.setCookie", name="session_id", value=session_id, url=url)
    mobile = width < 768
    metrics = {"width": width, "deviceScaleFactor": 1, "mobile": mobile}
    call("Emulation.setDeviceMetricsOverride", height=height or 800, **metrics)
    call("Page.enable")
    call("Page.navigate", url=url)
    time.sleep(settle)  # time for the web client's requests and for fonts
    if not height:
        page_height = call(
            "Runtime.evaluate", expression="document.body.scrollHeight", returnByValue=True
        )
        call(
            "Emulation.setDeviceMetricsOverride",
            height=int(page_height["result"]["value"]),
            **metrics,
        )
    # a height given: that first screen only (a phone page would otherwise come whole)
    clip = (
        {"clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}} if height else {}
    )
    shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=True, **clip)
    return base64.b64decode(shot["data"])
