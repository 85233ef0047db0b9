from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..const import MENTOR_GROUP

# The months of each mentorship from its first done assessment until it closed (or
# this month), each with the latest done assessment on or before the month's end:
# carried forward through months without one. Made from the assessments: each is the
# latest from its own month until the month before the next one (none when the next
# comes in the same month), so that no month is matched against every assessment.
# `mentorships`: the subquery of the mentorships to write the rows of.
SNAPSHOT_ROWS = """
WITH done AS (
    SELECT a.id, a.mentorship_id, a.date, a.bridge_score,
           first_value(a.bridge_score) OVER w AS first_score,
           lead(a.date) OVER w AS next_date,
           row_number() OVER w AS nth
      FROM mm_assessment a
     WHERE a.state = 'done' AND a.is_aftercare IS NOT TRUE AND a.mentorship_id IN %(mentorships)s
    WINDOW w AS (PARTITION BY a.mentorship_id ORDER BY a.date, a.id)
)
SELECT m.id AS mentorship_id, m.team_id, m.user_id, m.company_id, m.date_start,
       extract(year FROM m.date_start)::int AS start_year, month::date AS month,
       ((extract(year FROM month) - extract(year FROM m.date_start)) * 12
        + extract(month FROM month) - extract(month FROM m.date_start))::int
           AS months_in_mentoring,
       d.id AS assessment_id, d.bridge_score, d.bridge_score - d.first_score AS score_change,
       CASE WHEN d.bridge_score > d.first_score THEN 100 ELSE 0 END AS improved,
       d.nth > 1 AS assessed_again
  FROM done d
  JOIN mm_mentorship m ON m.id = d.mentorship_id
 CROSS JOIN LATERAL generate_series(
       GREATEST(date_trunc('month', d.date), date_trunc('month', m.date_start)),
       LEAST(
           COALESCE(date_trunc('month', d.next_date) - interval '1 month', 'infinity'),
           date_trunc('month', CASE WHEN m.state = 'closed'
                                    THEN LEAST(COALESCE(m.date_end, %(today)s), %(today)s)
                                    ELSE %(today)s END)
       ),
       interval '1 month') month
"""
# what the rows are made of: written to the database before they are
READS = {
    "mm.assessment": ["mentorship_id", "state", "date", "bridge_score", "is_aftercare"],
    "mm.assessment.line": ["assessment_id", "pillar_id", "level"],
    "mm.mentorship": ["team_id", "user_id", "company_id", "date_start", "date_end", "state"],
}
# what a mentorship's rows follow: its months and whose file it is
MENTORSHIP_FIELDS = frozenset(READS["mm.mentorship"])
COLUMNS = (
    "mentorship_id, team_id, user_id, company_id, date_start, start_year, month, "
    "months_in_mentoring, assessment_id"
)


class MmBridgeSnapshot(models.Model):
    """Movement on the Bridge by months in mentoring, as EMPath reports it: a row per
    mentorship and month, from its first done assessment until it closed, with the
    score carried forward through months without an assessment. The system keeps the
    rows (``_refresh``: when an assessment is finalised or reopened, when a file's
    dates, state, team or mentor change, and every night): the graphs read them as
    they are, at any size, instead of computing months at every opening.

    The rows name no resident: back office reads the figures, not whose they are
    (``mentorship_id`` and ``assessment_id`` are for mentors)."""

    _name = "mm.bridge.snapshot"
    _description = "Bridge score per month in mentoring"
    _log_access = False
    _order = "months_in_mentoring, id"  # by what back office may read too

    mentorship_id = fields.Many2one(
        "mm.mentorship", readonly=True, index=True, ondelete="cascade", groups=MENTOR_GROUP
    )
    assessment_id = fields.Many2one(
        "mm.assessment",
        string="Assessment carried",
        readonly=True,
        ondelete="cascade",
        groups=MENTOR_GROUP,
    )
    team_id = fields.Many2one("mm.team", readonly=True, index=True)
    # the mentor, the start day and the calendar month together nearly name a resident:
    # they are the mentors'; back office groups by team, start year and months
    user_id = fields.Many2one(
        "res.users", string="Mentor", readonly=True, index=True, groups=MENTOR_GROUP
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date_start = fields.Date(string="Start of the mentorship", readonly=True, groups=MENTOR_GROUP)
    start_year = fields.Integer(string="Start year", readonly=True, aggregator=None)
    month = fields.Date(string="Calendar month", readonly=True, index=True, groups=MENTOR_GROUP)
    months_in_mentoring = fields.Integer(
        string="Months in mentoring",
        readonly=True,
        index=True,
        aggregator=None,
        help="Months since the mentorship started: 0 in the month it started.",
    )
    bridge_score = fields.Float(
        string="Bridge score",
        digits=(5, 1),
        readonly=True,
        aggregator="avg",
        help="The score of the latest done assessment on or before the end of the month.",
    )
    score_change = fields.Float(
        string="Score change",
        digits=(5, 1),
        readonly=True,
        aggregator="avg",
        help="The score carried in this month minus the score of the first done "
        "assessment. EMPath reports +5.3 points after 12 months in its own programme "
        "(Boston): a reference, not this municipality's figure.",
    )
    improved = fields.Float(
        string="Improved (%)",
        digits=(5, 1),
        readonly=True,
        aggregator="avg",
        help="The share of residents whose score is above their first one. EMPath "
        "reports 74% improving within a year in its own programme: a reference.",
    )
    assessed_again = fields.Boolean(
        string="Assessed again",
        readonly=True,
        help="A second done assessment by this month: only then can the score have moved.",
    )

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS mm_bridge_snapshot_company_months_idx"
            " ON mm_bridge_snapshot (company_id, months_in_mentoring)"
        )

    @api.model
    def _refresh(self, mentorships):
        """Write again the rows of ``mentorships`` (as the system: the figures do not
        depend on who changed the file), in three queries whatever their number."""
        if not mentorships:
            return
        self._refresh_where(SQL("%s", tuple(mentorships.ids)))

    @api.model
    def _rebuild_all(self):
        """Every row again: the migration that introduced them, and a repair by hand."""
        self._refresh_where(SQL("(SELECT id FROM mm_mentorship)"))

    @api.model
    def _refresh_where(self, mentorships):
        for model, fnames in READS.items():
            self.env[model].flush_model(fnames)
        today = fields.Date.context_today(self)
        for table in ("mm_bridge_snapshot_pillar", "mm_bridge_snapshot"):
            self.env.cr.execute(
                SQL("DELETE FROM %s WHERE mentorship_id IN %s", SQL.identifier(table), mentorships)
            )
        # both tables from the same rows, in one statement; the steps per pillar are
        # averaged once per assessment, then given to each month that carries it
        self.env.cr.execute(
            SQL(
                """WITH rows AS MATERIALIZED (%(rows)s),
                        month_rows AS (
                            INSERT INTO mm_bridge_snapshot (%(columns)s, bridge_score,
                                                            score_change, improved,
                                                            assessed_again)
                            SELECT %(columns)s, bridge_score, score_change, improved,
                                   assessed_again
                              FROM rows
                        ),
                        steps AS (
                            SELECT l.assessment_id, l.pillar_id, avg(l.level) AS level
                              FROM mm_assessment_line l
                             WHERE l.level > 0
                               AND l.assessment_id IN (SELECT DISTINCT assessment_id FROM rows)
                             GROUP BY l.assessment_id, l.pillar_id
                        )
                   INSERT INTO mm_bridge_snapshot_pillar (%(columns)s, pillar_id, level)
                   SELECT %(row_columns)s, steps.pillar_id, steps.level
                     FROM rows
                     JOIN steps ON steps.assessment_id = rows.assessment_id""",
                rows=SQL(SNAPSHOT_ROWS, mentorships=mentorships, today=today),
                columns=SQL(COLUMNS),
                row_columns=SQL(", ".join(f"rows.{c}" for c in COLUMNS.split(", "))),
            )
        )
        self.invalidate_model()
        self.env["mm.bridge.snapshot.pillar"].invalidate_model()

    @api.model
    def _cron_rebuild(self):
        """Each night, the files whose months still change: the new month of every file
        not closed, and files closed since the start of last month (a repair of
        anything a change outside the ORM left behind on them too). The rows of files
        closed before stay as they are; `_rebuild_all` writes every row again."""
        since = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        self._refresh_where(
            SQL(
                "(SELECT id FROM mm_mentorship WHERE state != 'closed' OR date_end >= %s)",
                since,
            )
        )


class MmBridgeSnapshotPillar(models.Model):
    """The same months per pillar: the average step of the pillar's dimensions in the
    assessment a month carries."""

    _name = "mm.bridge.snapshot.pillar"
    _description = "Bridge step per pillar and month in mentoring"
    _log_access = False
    _order = "months_in_mentoring, pillar_id, id"

    mentorship_id = fields.Many2one(
        "mm.mentorship", readonly=True, index=True, ondelete="cascade", groups=MENTOR_GROUP
    )
    assessment_id = fields.Many2one(
        "mm.assessment",
        string="Assessment carried",
        readonly=True,
        ondelete="cascade",
        groups=MENTOR_GROUP,
    )
    team_id = fields.Many2one("mm.team", readonly=True, index=True)
    # the mentor, the start day and the calendar month together nearly name a resident:
    # they are the mentors'; back office groups by team, start year and months
    user_id = fields.Many2one(
        "res.users", string="Mentor", readonly=True, index=True, groups=MENTOR_GROUP
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date_start = fields.Date(string="Start of the mentorship", readonly=True, groups=MENTOR_GROUP)
    start_year = fields.Integer(string="Start year", readonly=True, aggregator=None)
    month = fields.Date(string="Calendar month", readonly=True, index=True, groups=MENTOR_GROUP)
    months_in_mentoring = fields.Integer(
        string="Months in mentoring", readonly=True, index=True, aggregator=None
    )
    pillar_id = fields.Many2one("mm.pillar", readonly=True, index=True)
    level = fields.Float(
        string="Average step",
        digits=(3, 1),
        readonly=True,
        aggregator="avg",
        help="The average step of the pillar's dimensions in the latest done assessment "
        "on or before the end of the month.",
    )


# The rows follow the records they are made of (one concern of each, kept here beside
# the rows: see the class docstring of MmBridgeSnapshot).
class MmAssessment(models.Model):
    _inherit = "mm.assessment"  # pylint: disable=consider-merging-classes-inherited

    def _state_changed(self, previous):
        result = super()._state_changed(previous)
        self.env["mm.bridge.snapshot"]._refresh(self.mentorship_id)
        return result

    def write(self, vals):
        moved = self.mentorship_id if "mentorship_id" in vals else self.browse().mentorship_id
        result = super().write(vals)
        if {"date", "mentorship_id"} & set(vals):
            done = self.filtered(lambda a: a.state == "done")
            self.env["mm.bridge.snapshot"]._refresh(done.mentorship_id | moved)
        return result

    def unlink(self):
        mentorships = self.filtered(lambda a: a.state == "done").mentorship_id
        result = super().unlink()
        self.env["mm.bridge.snapshot"]._refresh(mentorships.exists())
        return result


class MmAssessmentLine(models.Model):
    _inherit = "mm.assessment.line"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if "step_id" in vals:  # a manager's correction of a done assessment
            done = self.filtered(lambda line: line.state == "done")
            self.env["mm.bridge.snapshot"]._refresh(done.mentorship_id)
        return result


class MmMentorship(models.Model):
    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if MENTORSHIP_FIELDS & set(vals):
            self.env["mm.bridge.snapshot"]._refresh(self)
        return result
