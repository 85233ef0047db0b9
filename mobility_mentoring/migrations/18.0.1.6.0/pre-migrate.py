"""18.0.1.6.0 marks assessments and outcome measurements dated after their mentorship
closed as aftercare (`is_aftercare`). The column is made and filled here, in SQL: the
ORM would compute it for every row in Python, and would leave False as NULL, which the
SQL of the monthly Bridge scores then reads as unknown."""

from odoo.tools import SQL

AFTERCARE_TABLES = ("mm_assessment", "mm_outcome_measurement")


def migrate(cr, version):
    for table in AFTERCARE_TABLES:
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN IF NOT EXISTS is_aftercare boolean",
                SQL.identifier(table),
            )
        )
        cr.execute(
            SQL(
                """UPDATE %(table)s t
                      SET is_aftercare = (m.state = 'closed' AND m.date_end IS NOT NULL
                                          AND t.date > m.date_end)
                     FROM mm_mentorship m
                    WHERE m.id = t.mentorship_id""",
                table=SQL.identifier(table),
            )
        )
