"""Page images of the printed reports for the README, made from the demo data by the
running `make demo` server: each report is printed there as a PDF (the real wkhtmltopdf)
and its pages turned into PNG with poppler's pdftoppm. Then MijnOverzicht on a phone
and the mentor's My day, and the Bridge in the simple view (portal_image.py)."""

import subprocess
import tempfile

import requests

from . import settings
from .errors import SetupError, say

IMAGES = settings.REPO / "docs" / "reports"
LOGIN = "manon"  # the demo manager: sees every team's residents
RESIDENT = "Fatima el Amrani"
TEAM = "Wijkteam Noord"
# (file name, report, model, record name, pages to keep)
REPORTS = [
    ("goal-action-plan", "report_goal_action_plan", "mm.mentorship", RESIDENT, [1]),
    ("bridge-cards", "report_bridge_cards", "mm.mentorship", RESIDENT, [5, 6]),
    ("praatplaat", "report_praatplaat", "mm.mentorship", RESIDENT, [1]),
    ("progress", "report_progress", "mm.mentorship", RESIDENT, [1]),
    ("team-monitoring", "report_team_monitoring", "mm.team", TEAM, [1]),
    ("resident-data", "report_resident_data", "res.partner", RESIDENT, [1]),
]


def report_images(_odoo_src):
    base = f"http://{settings.HTTP_INTERFACE}:{settings.HTTP_PORT}"
    session = requests.Session()
    try:
        session.post(
            f"{base}/web/session/authenticate",
            json={"params": {"db": settings.DEMO_DB, "login": LOGIN, "password": LOGIN}},
            timeout=30,
        ).raise_for_status()
    except requests.RequestException as error:
        raise SetupError(f"Start `make demo` first ({base} does not answer: {error}).") from error
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, report, model, record_name, pages in REPORTS:
        record_id = _find(session, base, model, record_name)
        pdf = session.get(f"{base}/report/pdf/mobility_mentoring.{report}/{record_id}", timeout=300)
        pdf.raise_for_status()
        _to_png(pdf.content, name, pages)
        say(f"{IMAGES / name}-*.png")
    from .portal_image import (  # screens, in Chromium
        cohort_image,
        easy_read_image,
        group_meeting_image,
        my_day_image,
        portal_image,
    )

    say(str(portal_image(base)))
    say(str(my_day_image(base)))
    say(str(cohort_image(base)))
    meeting_id = _find(session, base, "mm.group.meeting", "Budgetteren: grip op je geld")
    say(str(group_meeting_image(base, meeting_id)))
    fatima = _find(session, base, "mm.mentorship", RESIDENT)
    say(str(easy_read_image(base, lambda on: _write(session, base, fatima, easy_read=on))))
    return 0


def _write(session, base, mentorship_id, **values):
    session.post(
        f"{base}/web/dataset/call_kw",
        json={
            "params": {
                "model": "mm.mentorship",
                "method": "write",
                "args": [[mentorship_id], values],
                "kwargs": {},
            }
        },
        timeout=30,
    ).raise_for_status()


def _find(session, base, model, name):
    field = "partner_id.name" if model == "mm.mentorship" else "name"
    response = session.post(
        f"{base}/web/dataset/call_kw",
        json={
            "params": {
                "model": model,
                "method": "search",
                "args": [[(field, "=", name)]],
                "kwargs": {"limit": 1},
            }
        },
        timeout=30,
    ).json()
    if not response.get("result"):
        raise SetupError(f"No {model} named {name} in the demo database: run `make demo-reset`.")
    return response["result"][0]


def _to_png(pdf, name, pages):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        for page in pages:
            target = IMAGES / f"{name}-{page}"
            pages_options = ["-f", str(page), "-l", str(page), "-singlefile"]
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", *pages_options, file.name, str(target)],
                check=True,
            )
