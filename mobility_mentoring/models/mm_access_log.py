from odoo import api, fields, models

from ..const import CHATTER_DETAIL, CLIENT_CONTEXT_DETAIL, MESSAGES_DETAIL

CHANNELS = [
    ("screen", "Screen"),
    ("rpc", "RPC"),
    ("report", "Report"),
    ("export", "Export"),
]
# what a row means, in words; the detail keeps the technical name of the way in
KINDS = [
    ("file_viewed", "File viewed"),
    ("messages_read", "Messages read"),
    ("client_context", "Client context opened"),
    ("report_printed", "Report printed"),
    ("data_exported", "Data exported"),
]
# the residents logged in this request: precommit data ends with the transaction
PER_REQUEST_KEY = "mobility_mentoring.access_log"


class MmAccessLog(models.Model):
    """Who read which resident's mentoring file, when, and through what (NEN 7513).
    Written by the system only, one row per resident per request; managers read it."""

    _name = "mm.access.log"
    _description = "Access to a mentoring file"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True, index=True)
    mentorship_id = fields.Many2one("mm.mentorship", readonly=True, ondelete="set null", index=True)
    partner_id = fields.Many2one("res.partner", string="Resident", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    channel = fields.Selection(CHANNELS, string="Through", required=True, readonly=True)
    detail = fields.Char(readonly=True, help="The screen, method or report that was used.")
    # from channel and detail, which are written once: computed before the insert (no
    # query more per request), and for the rows of before on the upgrade that adds it
    kind = fields.Selection(
        KINDS,
        string="What",
        compute="_compute_kind",
        store=True,
        precompute=True,
        help="What was done with the resident's file; Detail says through which screen, "
        "method or report.",
    )

    @api.depends("channel", "detail")
    def _compute_kind(self):
        for row in self:
            row.kind = _kind_of(row.channel, row.detail or "")

    @api.model
    def _log(self, records, channel, detail):
        """Log that the current user obtained the mentoring data of the residents of
        ``records`` (mentoring records or residents): one row per resident per
        request, whatever the number of records. Two queries at most: the residents
        of the records, and one insert. Returns the new rows."""
        logged = self.env.cr.precommit.data.setdefault(PER_REQUEST_KEY, set())
        rows = {}
        for record in records.sudo():
            partner, mentorship = _resident_and_mentorship(record)
            resident = ("partner", partner.id) if partner else ("mentorship", mentorship.id)
            if (self.env.uid, resident) in logged or resident in rows:
                continue
            rows[resident] = {
                "user_id": self.env.uid,
                "partner_id": partner.id,
                "mentorship_id": mentorship.id,
                "company_id": (mentorship.company_id or self.env.company).id,
                "channel": channel,
                "detail": detail,
            }
        logged.update((self.env.uid, resident) for resident in rows)
        return self._insert(list(rows.values()))

    @api.model
    def _insert(self, vals_list):
        if not vals_list:
            return self.browse()
        if not self.env.cr.readonly:
            return self.sudo().create(vals_list)
        # a read-only request (a replica) cannot write: the log goes through a
        # read/write cursor of its own, committed at once
        with self.env.registry.cursor() as cr:
            self.env(cr=cr, su=True)[self._name].create(vals_list)
        return self.browse()


def _kind_of(channel, detail):
    if channel == "report":
        return "report_printed"
    if channel == "export":
        return "data_exported"
    if detail == CLIENT_CONTEXT_DETAIL:
        return "client_context"
    if detail == CHATTER_DETAIL or detail.startswith(MESSAGES_DETAIL % ""):
        return "messages_read"
    return "file_viewed"


def _resident_and_mentorship(record):
    if record._name == "res.partner":
        return record, record.env["mm.mentorship"]
    if record._name == "mm.mentorship":
        return record.partner_id, record
    return record.partner_id, record.mentorship_id
