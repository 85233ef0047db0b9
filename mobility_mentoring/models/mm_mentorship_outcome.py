from odoo import fields, models


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """The outcome indicators measured for the mentorship's resident."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # outcomes: baseline, target and measurements of income, debts, work...
    outcome_ids = fields.One2many(
        "mm.outcome.measurement", "mentorship_id", string="Outcome measurements"
    )

    def _last_outcome_values(self):
        """{indicator: last baseline or measured value} of this resident, in the
        indicators' order; sudo: the assessment that asks may be written by a mentor
        who reads the values anyway."""
        self.ensure_one()
        rows = (
            self.env["mm.outcome.measurement"]
            .sudo()
            .search(
                [
                    ("mentorship_id", "=", self._origin.id),
                    ("kind", "in", ("baseline", "measurement")),
                    ("indicator_id.active", "=", True),
                ],
                order="date, id",
            )
        )
        last = {row.indicator_id: row.value for row in rows}
        return dict(sorted(last.items(), key=lambda item: (item[0].sequence, item[0].id)))
