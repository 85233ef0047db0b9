from odoo import api, models
from odoo.exceptions import AccessError


class ReportResidentData(models.AbstractModel):
    """The readable version of the resident's data export (right of access)."""

    _name = "report.mobility_mentoring.report_resident_data"
    _description = "Resident data report"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group("mobility_mentoring.group_mm_manager"):
            raise AccessError(self.env._("Only a manager can export a resident's data."))
        partners = self.env["res.partner"].browse(docids)
        partners.check_access("read")
        self.env["mm.access.log"]._log(partners, "export", "resident data (PDF)")
        rights = self.env["mm.data.rights"]
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "exports": {
                partner.id: rights.with_context(
                    lang=partner.lang or self.env.lang
                )._export_resident(partner)
                for partner in partners
            },
        }
