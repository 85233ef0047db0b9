"""A phone-size picture of MijnOverzicht for the README, as the demo resident Fatima
sees it on the running `make demo` server: headless Chromium at 375 px wide, driven
over its DevTools protocol (the session cookie of a real login, then a full-page
screenshot)."""

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

IMAGE = settings.REPO / "docs" / "mijnoverzicht-phone.png"
LOGIN = "fatima"
WIDTH = 375
DEBUG_PORT = 9339


def portal_image(base):
    session = requests.Session()
    session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": settings.DEMO_DB, "login": LOGIN, "password": LOGIN}},
        timeout=30,
    ).raise_for_status()
    browser = shutil.which("chromium") or shutil.which("google-chrome")
    if not browser:
        raise SetupError("Chromium is needed for the picture of MijnOverzicht.")
    with tempfile.TemporaryDirectory() as profile:
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
            png = _screenshot(page, base, session.cookies["session_id"])
        finally:
            chrome.terminate()
            chrome.wait(timeout=30)
    # a palette of 64 colours: a tenth of the size, the same to the eye
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64).save(IMAGE, optimize=True)
    return IMAGE


def _page_socket():
    for _attempt in range(50):
        try:
            pages = requests.get(f"http://127.0.0.1:{DEBUG_PORT}/json", timeout=5).json()
            url = next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
            return websocket.create_connection(url, timeout=60)
        except (requests.RequestException, StopIteration):
            time.sleep(0.2)
    raise SetupError("Headless Chromium did not start.")


def _screenshot(page, base, session_id):
    ids = itertools.count(1)

    def call(method, **params):
        message_id = next(ids)
        page.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(page.recv())
            if answer.get("id") == message_id:
                return answer.get("result", {})

    call("Network.enable")
    call("Network.setCookie", name="session_id", value=session_id, url=base)
    call(
        "Emulation.setDeviceMetricsOverride",
        width=WIDTH,
        height=800,
        deviceScaleFactor=1,
        mobile=True,
    )
    call("Page.enable")
    call("Page.navigate", url=f"{base}/my/mentoring")
    time.sleep(3)  # the page is rendered on the server; this leaves time for fonts
    height = call("Runtime.evaluate", expression="document.body.scrollHeight", returnByValue=True)
    full = int(height["result"]["value"])
    call(
        "Emulation.setDeviceMetricsOverride",
        width=WIDTH,
        height=full,
        deviceScaleFactor=1,
        mobile=True,
    )
    shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    return base64.b64decode(shot["data"])
