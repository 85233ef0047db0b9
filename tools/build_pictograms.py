"""Draw the Bridge's pictograms from Twemoji's SVGs (graphics CC-BY 4.0).

    make pictograms                       # npm pack @twemoji/svg into the cache, then draw
    python3 tools/build_pictograms.py DIR  # DIR: an unpacked @twemoji/svg package

Each step's picture is one or two Twemoji pictures on a tinted tile, with five small
rising bars in its corner, the first `level` of them filled: the tile's colour (red to
green) and the bars tell bad from good at a glance, the pictures tell which ladder and
what is wrong or right. Pillars and dimensions get a neutral tile without bars.

The drawings are committed (mobility_mentoring/static/img/pictograms/): the addon ships
them, this script only makes them again when a picture is changed here.
"""

import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "mobility_mentoring" / "static" / "img" / "pictograms"
CACHE = Path.home() / ".cache" / "mobility-mentoring"
TWEMOJI = "@twemoji/svg@15.0.0"

# (main picture, small picture in the corner or None) per xml id, by Twemoji code point.
PICTURES = {
    "pillar_family_stability": ("1f3e0", "1f46a"),  # house, family
    "pillar_wellbeing": ("1f60a", "2764"),  # smiling face, heart
    "pillar_financial": ("1f4b6", None),  # euro banknote
    "pillar_education": ("1f393", None),  # graduation cap
    "pillar_employment": ("1f4bc", None),  # briefcase
    "dimension_housing": ("1f3e0", None),
    "step_housing_1": ("26fa", "2757"),  # tent, exclamation mark
    "step_housing_2": ("1f3da", "1f4a7"),  # derelict house, damp
    "step_housing_3": ("1f3e0", "1f4b8"),  # house, money flying away
    "step_housing_4": ("1f3e0", "1f91d"),  # house, a helping hand
    "step_housing_5": ("1f3e1", "1f511"),  # house with garden, key
    "dimension_family": ("1f46a", None),
    "step_family_1": ("1f46a", "1f198"),  # family, SOS
    "step_family_2": ("1f46a", "1f62b"),  # family, tired face
    "step_family_3": ("1f46a", "26a0"),  # family, warning
    "step_family_4": ("1f46a", "1f91d"),  # family, a helping hand
    "step_family_5": ("1f46a", "2600"),  # family, sun
    "dimension_health": ("1fa7a", None),  # stethoscope
    "step_health_1": ("1f912", "2757"),  # ill, exclamation mark
    "step_health_2": ("1f912", None),  # ill
    "step_health_3": ("1f912", "1f48a"),  # ill, medicine
    "step_health_4": ("1f642", None),  # slightly smiling
    "step_health_5": ("1f604", "1f4aa"),  # smiling, strong arm
    "dimension_network": ("1f465", None),  # two people
    "step_network_1": ("1f9cd", "2757"),  # one person alone, exclamation mark
    "step_network_2": ("1f9cd", "1f465"),  # one person, two grey people
    "step_network_3": ("1f9d1-200d-1f91d-200d-1f9d1", None),  # people holding hands
    "step_network_4": ("1f9d1-200d-1f91d-200d-1f9d1", "1f91d"),  # and a helping hand
    "step_network_5": ("1fac2", "2b50"),  # people hugging, star
    "dimension_debts": ("1f9fe", None),  # receipt
    "step_debts_1": ("1f9fe", "1f525"),  # bills, fire
    "step_debts_2": ("1f9fe", "2753"),  # bills, question mark
    "step_debts_3": ("1f9fe", "1f4cb"),  # bills, a plan on a clipboard
    "step_debts_4": ("1f9fe", "1f4c9"),  # bills, going down
    "step_debts_5": ("1f9fe", "2705"),  # bills, done
    "dimension_savings": ("1f45b", None),  # purse
    "step_savings_1": ("1f45b", "1f573"),  # purse, a hole
    "step_savings_2": ("1f45b", "2696"),  # purse, scales: just even
    "step_savings_3": ("1f45b", "1f331"),  # purse, a seedling
    "step_savings_4": ("1f45b", "1f4c8"),  # purse, going up
    "step_savings_5": ("1f45b", "1f6e1"),  # purse, shield: a buffer
    "dimension_education": ("1f4da", None),  # books
    "step_education_1": ("1f4d6", "2753"),  # open book, question mark
    "step_education_2": ("270f", None),  # pencil: can read and write
    "step_education_3": ("1f4da", "1f331"),  # books, a seedling
    "step_education_4": ("1f4dc", "2705"),  # diploma, done
    "step_education_5": ("1f393", "1f4c8"),  # graduation cap, going up
    "dimension_work": ("1f4bc", None),  # briefcase
    "step_work_1": ("1f4bc", "1f6ab"),  # briefcase, no
    "step_work_2": ("1f4bc", "1f4dd"),  # briefcase, writing a letter
    "step_work_3": ("1f4bc", "23f3"),  # briefcase, hourglass: for a while
    "step_work_4": ("1f4bc", "2705"),  # briefcase, done
    "step_work_5": ("1f4bc", "1f680"),  # briefcase, rocket
    "dimension_income": ("1f4b6", None),  # euro banknote
    "step_income_1": ("1f4b6", "2753"),  # money, question mark
    "step_income_2": ("1f4b6", "1f4c9"),  # money, going down
    "step_income_3": ("1f4b6", "1f3db"),  # money, a government building
    "step_income_4": ("1f4b6", "1f4bc"),  # money, a briefcase: from work
    "step_income_5": ("1f4b6", "1f4aa"),  # money, strong arm
}

# From bad (red) to good (green), light enough for dark pictures on top
TINTS = {1: "#fbd5d3", 2: "#fde0c2", 3: "#fcefb4", 4: "#dcefc8", 5: "#bfe5c4"}
NEUTRAL = "#e7ecf2"
INK = "#1f2d3d"


def _inner(code, twemoji):
    """The drawing inside a Twemoji SVG, without its own <svg> element."""
    text = (twemoji / f"{code}.svg").read_text()
    match = re.fullmatch(r'\s*<svg[^>]*viewBox="0 0 36 36"[^>]*>(.*)</svg>\s*', text, re.S)
    if not match or " id=" in text:
        raise SystemExit(f"{code}.svg is not a plain 36 x 36 Twemoji drawing")
    return match.group(1)


def _placed(code, twemoji, x, y, size):
    return (
        f'<svg x="{x}" y="{y}" width="{size}" height="{size}" viewBox="0 0 36 36">'
        f"{_inner(code, twemoji)}</svg>"
    )


def _bars(level):
    bars = ['<rect x="1.5" y="34.5" width="22" height="12" rx="2" fill="#ffffff"/>']
    for i in range(5):
        height = 3 + i * 1.5
        fill = INK if i < level else "#ffffff"
        bars.append(
            f'<rect x="{3 + i * 4}" y="{45 - height}" width="3" height="{height}" '
            f'fill="{fill}" stroke="{INK}" stroke-width="0.6"/>'
        )
    return "".join(bars)


def draw(xml_id, twemoji):
    main, corner = PICTURES[xml_id]
    level = int(xml_id.rsplit("_", 1)[1]) if xml_id.startswith("step_") else 0
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">',
        f'<rect width="48" height="48" rx="8" fill="{TINTS.get(level, NEUTRAL)}"/>',
    ]
    if corner:
        parts.append(_placed(main, twemoji, 3, 2, 32))
        parts.append('<circle cx="36" cy="35" r="11" fill="#ffffff"/>')
        parts.append(_placed(corner, twemoji, 28, 27, 16))
    else:
        parts.append(_placed(main, twemoji, 7, 4, 34 if level else 36))
    if level:
        parts.append(_bars(level))
    parts.append("</svg>")
    return "".join(parts) + "\n"


def _twemoji_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    target = CACHE / "twemoji-svg"
    if not (target / "package").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", TWEMOJI, "--pack-destination", tmp], check=True)
            with tarfile.open(next(Path(tmp).glob("*.tgz"))) as tar:
                tar.extractall(target, filter="data")
    return target / "package"


def main():
    twemoji = _twemoji_dir()
    OUT.mkdir(parents=True, exist_ok=True)
    for xml_id in PICTURES:
        (OUT / f"{xml_id}.svg").write_text(draw(xml_id, twemoji))
    print(f"{len(PICTURES)} pictograms in {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
