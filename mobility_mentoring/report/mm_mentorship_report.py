from odoo import api, models


class MmMentorshipReport(models.AbstractModel):
    """Base of the reports printed on mentorships: refuse what the user may not read
    before rendering starts, log what back office prints, and prepare each
    resident's values in their language."""

    _name = "mm.mentorship.report"
    _description = "Report on mentorships"
    _values_key = None  # name under which the template finds _values_for() per record

    @api.model
    def _get_report_values(self, docids, data=None):
        mentorships = self.env["mm.mentorship"].browse(docids)
        # a plain AccessError for a mentor of another team, not a rendering error
        mentorships.check_access("read")
        mentorships._log_report(self._name)
        values = {"doc_ids": docids, "doc_model": "mm.mentorship", "docs": mentorships}
        if self._values_key:
            values[self._values_key] = {
                mentorship.id: self.with_context(
                    lang=mentorship.partner_id.lang or self.env.lang
                )._values_for(mentorship)
                for mentorship in mentorships
            }
        return values

    def _values_for(self, mentorship):
        return {}
