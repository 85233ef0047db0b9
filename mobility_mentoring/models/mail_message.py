from odoo import api, models

from .mm_thread_mixin import MENTORING_THREADS


class MailMessage(models.Model):
    _inherit = "mail.message"

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
                self.env["mm.access.log"]._log(records, "screen", "chatter")
            else:
                self.env["mm.access.log"]._log(records, "rpc", f"mail.message: {method}")
