from odoo import api, models


class ReportResidentData(models.AbstractModel):
    """The readable version of the resident's data export (right of access)."""

    _name = "report.mobility_mentoring.report_resident_data"
    _description = "Resident data report"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids)
        partners._mm_check_data_export()
        self.env["mm.access.log"]._log(partners, "export", "resident data (PDF)")
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "exports": {
                partner.id: partner.with_context(
                    lang=partner.lang or self.env.lang
                )._mm_export_data()
                for partner in partners
            },
        }
