from odoo import api, models
from odoo.exceptions import AccessError

from ..const import MENTORING_THREADS


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Back office reads, creates, edits and deletes no activity on a mentoring
        record. Odoo falls back on the right to post on the record (which back
        office has, to write to the mentor) for writing and deleting activities, so
        access rules alone cannot say it; reading is filtered by a rule too. The
        refusal says so in plain words (see ir_model_access.py)."""
        result = super()._check_access(operation)
        if self.env.su or not self or not self.env.user._mm_is_back_office_only():
            return result
        forbidden = self.sudo().filtered(lambda a: a.res_model in MENTORING_THREADS).sudo(False)
        if not forbidden:
            return result
        if result:
            forbidden |= result[0]
        return forbidden, lambda: AccessError(self.env["ir.model.access"]._mm_refusal(operation))

    @api.constrains("user_id", "res_model", "res_id")
    def _check_mm_assignee_works_here(self):
        """A to-do on a resident's file goes to a colleague in its municipality: the
        assignee reads the to-do and is told the resident's name."""
        for model in set(self.mapped("res_model")) & set(MENTORING_THREADS):
            activities = self.filtered(lambda a, model=model: a.res_model == model and a.user_id)
            records = self.env[model].sudo().browse(activities.mapped("res_id"))
            for activity in activities:
                records.browse(activity.res_id)._check_works_here(activity.user_id)

    def _action_done(self, feedback=False, attachment_ids=None):
        """Odoo posts the feedback as superuser: the files must be the user's to read,
        as in any message on a mentoring record (see mm.thread.mixin)."""
        if attachment_ids and not self.env.su:
            for model in set(self.mapped("res_model")) & set(MENTORING_THREADS):
                self.env[model]._check_attachments_readable(attachment_ids)
        self._log_contact_moments(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _log_contact_moments(self, feedback):
        """A meeting or call with a resident, marked done, is a contact moment: logged
        without retyping, with the feedback as its summary."""
        kinds = self._contact_kinds()
        meetings = self.filtered(
            lambda a: a.res_model == "mm.mentorship" and a.activity_type_id in kinds
        )
        self.env["mm.contact"].create(
            [
                {
                    "mentorship_id": activity.res_id,
                    "user_id": activity.user_id.id or self.env.uid,
                    "kind": kinds[activity.activity_type_id],
                    "duration": 15 if kinds[activity.activity_type_id] == "phone" else 45,
                    "summary": feedback or activity.summary or False,
                }
                for activity in meetings
            ]
        )

    def _contact_kinds(self):
        """{activity type: kind of contact}: Odoo's calls and meetings."""
        kinds = {}
        for xmlid, kind in (
            ("mail.mail_activity_data_call", "phone"),
            ("mail.mail_activity_data_meeting", "visit"),
        ):
            activity_type = self.env.ref(xmlid, raise_if_not_found=False)
            if activity_type:
                kinds[activity_type] = kind
        return kinds
