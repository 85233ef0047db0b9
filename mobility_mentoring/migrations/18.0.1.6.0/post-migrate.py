"""18.0.1.6.0 keeps the Bridge scores per month in mentoring (mm.bridge.snapshot).
Before writing them for the assessments done before the update: a file's score and
change no longer count its aftercare (assessments dated after it closed, marked in
pre-migrate.py), so they are computed again where it had any."""

from odoo import SUPERUSER_ID, api

RECOMPUTED = (
    "last_assessment_id",
    "bridge_score",
    "bridge_score_change",
    "aftercare_assessment_id",
    "aftercare_change",
    "aftercare_result",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Mentorship = env["mm.mentorship"].with_context(active_test=False)
    cr.execute("SELECT DISTINCT mentorship_id FROM mm_assessment WHERE is_aftercare")
    affected = Mentorship.browse([row[0] for row in cr.fetchall()])
    for fname in RECOMPUTED:
        env.add_to_compute(Mentorship._fields[fname], affected)
    env.flush_all()
    env["mm.bridge.snapshot"]._rebuild_all()
