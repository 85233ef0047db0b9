from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize

from ..const import CHATTER_DETAIL, MENTORING_THREADS, MESSAGES_DETAIL, TEAM_MESSAGE


class MailMessage(models.Model):
    """Messages of mentoring records: who may add to a resident's file, and how.

    Odoo lets a user create a message on any record when its parent was sent to them
    or when they follow the record, and lets a recipient rewrite a message; on a
    resident's file only those who may post there add to it, residents (portal users)
    only in their own name and never as a note, and they rewrite nothing."""

    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("model") in MENTORING_THREADS:
                    self._check_own_message(vals)
        return super().create(vals_list)

    def _check_own_message(self, vals):
        """Whoever adds to a resident's file does so in their own name; the history
        (tracking) is the system's, which writes it as superuser. Back office writes
        to the team only (see mm.thread.mixin), also when it creates a message."""
        user = self.env.user
        partner = user.partner_id
        author, email_from = vals.get("author_id"), vals.get("email_from")
        forged = (author and author != partner.id) or (
            email_from and email_normalize(email_from) != partner.email_normalized
        )
        system = vals.get("tracking_value_ids") or (
            not user._is_internal() and vals.get("is_internal")
        )
        if forged or system:
            raise AccessError(self.env._("You write in your own name only."))
        team = self.env["ir.model.data"]._xmlid_to_res_id(TEAM_MESSAGE)
        if user._mm_is_back_office_only() and vals.get("subtype_id") != team:
            raise AccessError(
                self.env._("Back office writes to colleagues here, not to people outside.")
            )

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if self.env.su or operation == "read":
            return forbidden
        mentoring = (self - forbidden).sudo().filtered(lambda m: m.model in MENTORING_THREADS)
        if not mentoring:
            return forbidden
        if not self.env.user._is_internal():
            # a resident adds only their own messages, rewrites and deletes none
            refused = mentoring.filtered(
                lambda m: operation != "create" or m.is_internal or m.subtype_id.internal
            )
            mentoring -= refused
            forbidden += refused.sudo(False)
        if operation == "create":
            forbidden += mentoring._without_post_access().sudo(False)
        return forbidden

    def _without_post_access(self):
        """The messages on records the user may not post on (as message_post checks)."""
        refused = self.browse()
        for model in set(self.mapped("model")):
            messages = self.filtered(lambda m, model=model: m.model == model)
            Thread = self.env[model].sudo(False)
            allowed = Thread.browse(set(messages.mapped("res_id")))._filtered_access(
                Thread._mail_post_access
            )
            refused |= messages.filtered(lambda m, ids=set(allowed.ids): m.res_id not in ids)
        return refused

    @api.model
    def _get_with_access(self, message_id, operation, **kwargs):
        """Odoo falls back on the right to post on the record (reactions, edits): not
        to an internal message of a resident's file for the resident."""
        message = super()._get_with_access(message_id, operation, **kwargs)
        if (
            message
            and not self.env.user._is_internal()
            and message.sudo().model in MENTORING_THREADS
            and (message.sudo().is_internal or message.sudo().subtype_id.internal)
        ):
            return self.browse()
        return message

    @api.model
    def _message_fetch(
        self, domain, search_term=None, before=None, after=None, around=None, limit=30
    ):
        """The chatter of a mentoring record, as back office reads it (its conversation
        with the mentor), is part of the resident's file: logged."""
        result = super()._message_fetch(
            domain,
            search_term=search_term,
            before=before,
            after=after,
            around=around,
            limit=limit,
        )
        self._log_mentoring_threads(result["messages"], "chatter")
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        result = super().search_read(domain, fields, offset, limit, order, **kwargs)
        self._log_mentoring_threads(self.browse(row["id"] for row in result), "search_read")
        return result

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        self._log_mentoring_threads(self.browse(row["id"] for row in result), "read")
        return result

    def _log_mentoring_threads(self, messages, method):
        if self.env.su or not messages or not self.env.user._mm_is_back_office_only():
            return
        for model in set(messages.sudo().mapped("model")) & set(MENTORING_THREADS):
            threads = messages.sudo().filtered(lambda m, model=model: m.model == model)
            records = self.env[model].browse(set(threads.mapped("res_id")))
            if method == "chatter":
                self.env["mm.access.log"]._log(records, "screen", CHATTER_DETAIL)
            else:
                self.env["mm.access.log"]._log(records, "rpc", MESSAGES_DETAIL % method)
