from odoo import models

from .mm_thread_mixin import MENTORING_THREADS


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Back office reads, creates, edits and deletes no activity on a mentoring
        record. Odoo falls back on the right to post on the record (which back
        office has, to write to the mentor) for writing and deleting activities, so
        access rules alone cannot say it; reading is filtered by a rule too."""
        result = super()._check_access(operation)
        if self.env.su or not self or not self.env.user._mm_is_back_office_only():
            return result
        forbidden = self.sudo().filtered(lambda a: a.res_model in MENTORING_THREADS).sudo(False)
        if not forbidden:
            return result
        if result:
            forbidden |= result[0]
        return forbidden, lambda: forbidden._make_access_error(operation)
