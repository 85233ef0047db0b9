import json

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request


class MobilityMentoringDataExport(http.Controller):
    @http.route(
        "/mobility_mentoring/resident/<int:partner_id>/export.json", type="http", auth="user"
    )
    def export_resident(self, partner_id):
        """The resident's data, machine-readable. Managers only; the partner must be one
        the manager may read (company rules)."""
        if not request.env.user.has_group("mobility_mentoring.group_mm_manager"):
            raise AccessError(request.env._("Only a manager can export a resident's data."))
        partner = request.env["res.partner"].browse(partner_id).exists()
        if not partner:
            raise request.not_found()
        partner.check_access("read")
        request.env["mm.access.log"]._log(partner, "export", "resident data (JSON)")
        data = request.env["mm.data.rights"]._export_resident(partner)
        return request.make_response(
            json.dumps(data, ensure_ascii=False, indent=2),
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="resident-{partner.id}.json"'),
            ],
        )
