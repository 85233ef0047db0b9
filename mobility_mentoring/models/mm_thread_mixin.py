from odoo import models

# the mentoring records with a chatter
MENTORING_THREADS = ("mm.mentorship", "mm.assessment", "mm.goal", "mm.action", "mm.reward")


class MmThreadMixin(models.AbstractModel):
    """The chatter of mentoring records. Back office may write to the mentor on what
    it can only read (``_mail_post_access = "read"`` on mentorships), and Odoo links
    the attachment ids a poster sends as they are: a message would carry, and mail
    out, a file its author may not read (a doctor's letter). Every file of a new or
    edited message must be readable by its author."""

    _name = "mm.thread.mixin"
    _description = "Chatter of mentoring records"

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        self._check_attachments_readable(attachment_ids)
        return super()._process_attachments_for_post(attachments, attachment_ids, message_values)

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, strict=True, **kwargs
    ):
        self._check_attachments_readable(attachment_ids)
        return super()._message_update_content(
            message,
            body,
            attachment_ids=attachment_ids,
            partner_ids=partner_ids,
            strict=strict,
            **kwargs,
        )

    def _check_attachments_readable(self, attachment_ids):
        if attachment_ids and not self.env.su:
            attachments = self.env["ir.attachment"].browse(attachment_ids)
            attachments.check_access("read")  # access rules (back office: no mentoring files)
            attachments.check("read")  # the record each file is attached to
