from odoo import api, models

from ..const import MENTORING_THREADS


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"

    @api.model_create_multi
    def create(self, vals_list):
        """A message scheduled on a mentoring record carries only files its author may
        read, as a message posted at once does (see mm.thread.mixin)."""
        messages = super().create(vals_list)
        for message in messages.filtered(lambda m: m.model in MENTORING_THREADS):
            self.env[message.model]._check_attachments_readable(message.sudo().attachment_ids.ids)
        return messages
