import json

from odoo import http
from odoo.http import request


class MobilityMentoringDataExport(http.Controller):
    @http.route(
        "/mobility_mentoring/resident/<int:partner_id>/export.json", type="http", auth="user"
    )
    def export_resident(self, partner_id):
        """The resident's data, machine-readable. Managers only; the partner must be one
        the manager may read (company rules)."""
        request.env["res.partner"]._mm_check_data_export()
        partner = request.env["res.partner"].browse(partner_id).exists()
        if not partner:
            raise request.not_found()
        partner._mm_check_data_export()
        request.env["mm.access.log"]._log(partner, "export", "resident data (JSON)")
        data = partner._mm_export_data()
        return request.make_response(
            json.dumps(data, ensure_ascii=False, indent=2),
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="resident-{partner.id}.json"'),
            ],
        )
