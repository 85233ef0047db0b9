from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..const import MANAGER_GROUP, MM_GROUPS

STATE_ORDER = {"active": 0, "paused": 1, "closed": 2}


class ResPartner(models.Model):
    _inherit = "res.partner"

    mm_mentorship_ids = fields.One2many(
        "mm.mentorship", "partner_id", string="Mentorships", groups=MM_GROUPS
    )
    mm_mentorship_count = fields.Integer(
        compute="_compute_mm_mentorship_count", string="Mentorship count", groups=MM_GROUPS
    )

    # whether someone is coached is special-category data: mentors and back office
    # read it on the mentorship they may read (portal_access), record rules as the
    # system, nobody by a search over all contacts
    mm_portal_access = fields.Boolean(
        string="Sees MijnOverzicht",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="The resident sees their own mentorships on the portal (MijnOverzicht). Granted "
        "and ended by their mentor, on the mentorship.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("mm_portal_access") for vals in vals_list):
            self._check_mm_portal_access_by_system()
        return super().create(vals_list)

    def write(self, vals):
        if "mm_portal_access" in vals:
            self._check_mm_portal_access_by_system()
        return super().write(vals)

    def _check_mm_portal_access_by_system(self):
        """Only a mentor's button (as the system) opens or closes MijnOverzicht."""
        if not self.env.su:
            raise AccessError(
                self.env._("Access to MijnOverzicht is granted and ended on the mentorship.")
            )

    def _compute_mm_mentorship_count(self):
        # counts what the user may see: a mentor only counts their own teams' mentorships
        counts = dict(
            self.env["mm.mentorship"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.mm_mentorship_count = counts.get(partner, 0)

    def export_data(self, fields_to_export):
        """An export that reaches into the residents' mentorships is an export of
        their files: logged (see mm_protected_mixin_read_log.py)."""
        result = super().export_data(fields_to_export)
        if any(path.startswith("mm_mentorship_ids") for path in fields_to_export):
            self.env["mm.access.log"]._log(
                self.mm_mentorship_ids, "export", "res.partner: export_data"
            )
        return result

    def action_view_mm_mentorships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mobility_mentoring.mm_mentorship_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        mentorships = self.env["mm.mentorship"].search([("partner_id", "=", self.id)], limit=2)
        if len(mentorships) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = mentorships.id
        return action

    def action_open_mm_client_context(self):
        """The resident's current mentorship (or the latest) as a client context."""
        self.ensure_one()
        mentorships = self.env["mm.mentorship"].search(
            [("partner_id", "=", self.id)], order="date_start desc, id desc"
        )
        current = mentorships.sorted(lambda m: STATE_ORDER[m.state])[:1]
        return current.action_open_client_context()

    def _mm_check_data_export(self):
        """The right of access is exercised through a manager, for residents they may
        read (company rules): the one check of the JSON, the PDF and the button. On no
        records it checks the user only, before anything is said about an id."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a manager can export a resident's data."))
        self.check_access("read")

    def action_mm_export_data(self):
        """Everything the module holds on this resident, as JSON (right of access)."""
        self.ensure_one()
        self._mm_check_data_export()
        return {
            "type": "ir.actions.act_url",
            "url": f"/mobility_mentoring/resident/{self.id}/export.json",
            "target": "download",
        }
