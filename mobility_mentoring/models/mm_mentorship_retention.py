import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import plaintext2html

from .mm_mentorship_action_limit import EXCEPTION_FIELDS

_logger = logging.getLogger(__name__)

RETENTION_PARAMETER = "mobility_mentoring.retention_months"
DEFAULT_RETENTION_MONTHS = 84
RETENTION_FAILED = "mobility_mentoring.mail_activity_type_mm_retention_failed"


# one concern of mm.mentorship in a file of its own (see mm_mentorship_fidelity.py)
class MmMentorship(models.Model):
    """Anonymisation of mentorships closed, or paused, longer than the retention period
    (AVG/GDPR): the link to the resident and all free text go, the figures stay.

    No single file can stop the job: a file that cannot be anonymised is logged,
    reported to the managers and skipped until the next day, while the others go on."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _retention_months(self):
        return self.env["res.config.settings"]._mm_setting(
            RETENTION_PARAMETER, DEFAULT_RETENTION_MONTHS
        )

    @api.model
    def _retention_limit(self):
        """Files in their last status since before this day are due."""
        return fields.Date.context_today(self) - relativedelta(months=self._retention_months())

    @api.model
    def _retention_due_domain(self, limit):
        today = fields.Date.context_today(self)
        return [
            ("is_anonymised", "=", False),
            ("state", "in", ("closed", "paused")),
            ("state_date", "<", limit),
            # a file that failed today waits until tomorrow: the job would loop on it
            "|",
            ("retention_failed_on", "=", False),
            ("retention_failed_on", "<", today),
        ]

    @api.model
    def _cron_anonymise(self, batch_size=200):
        limit = self._retention_limit()
        Mentorship = self.sudo().with_context(active_test=False)
        domain = self._retention_due_domain(limit)
        due = Mentorship.search(
            domain, limit=batch_size, order="retention_failed_on nulls first, id"
        )
        due._anonymise_each()
        self._forget_residents_in_old_log_rows(limit)
        self.env["ir.cron"]._notify_progress(
            done=len(due), remaining=Mentorship.search_count(domain)
        )

    def _anonymise_each(self):
        """All at once when that works (the usual case), else one by one, each in a
        savepoint of its own so that a failure rolls back only that file."""
        if self._try_anonymise() is None:
            return
        for mentorship in self:
            error = mentorship._try_anonymise()
            if error is not None:
                _logger.warning("Mentorship %s could not be anonymised: %s", mentorship.id, error)
                mentorship._report_retention_failure(error)

    def _try_anonymise(self):
        """Anonymise in a savepoint; return the error that rolled it back, if any."""
        try:
            with self.env.cr.savepoint():
                self._anonymise()
        except Exception as error:
            return error
        return None

    def _report_retention_failure(self, error):
        """The managers of the company get one to-do per file that failed, with the
        reason; the job tries again from the next day on."""
        mentorship = self.sudo()
        mentorship.write(
            {"retention_failed_on": fields.Date.context_today(self), "retention_error": str(error)}
        )
        mentorship._activity_update()

    def _activity_update(self):
        """A file the job could not anonymise: a to-do with the reason for each manager
        of the company, until one is open (a failure the next day adds none)."""
        failed = self.filtered("retention_failed_on")._without_todo(
            RETENTION_FAILED, done_counts=False
        )
        for mentorship in failed:  # the reason is the file's own
            mentorship._schedule_todos(
                RETENTION_FAILED,
                lambda m: m.team_id._company_managers(),
                note=plaintext2html(mentorship.retention_error or ""),
            )
        return super()._activity_update()

    def _anonymise(self):
        """Remove the link to the person, notes and free text; keep what monitoring
        counts: dates, states, steps, scores, progress and amounts."""
        # no tracking: a tracking message would keep the very name being removed
        mentorships = self.sudo().with_context(tracking_disable=True)
        assessments, goals = mentorships.assessment_ids, mentorships.goal_ids
        actions, rewards = mentorships.action_ids, mentorships.reward_ids
        self.env["mm.access.log"].sudo().search(
            [("mentorship_id", "in", mentorships.ids)]
        ).partner_id = False
        paused = mentorships.filtered(lambda m: m.state == "paused")
        # its coaching ended when it was paused; on a daily run the files due share
        # that day, so this is one write, not one per file
        for day, files in paused.grouped("state_date").items():
            files.write({"state": "closed", "date_end": day, "state_date": day})
        mentorships._end_resident_access(aftercare=False)
        # only where there is one: writing an exception posts a note on each file (one
        # query after another per file, a thread that goes below anyway)
        mentorships.filtered(lambda m: any(m[fname] for fname in EXCEPTION_FIELDS)).write(
            {
                "action_limit_exception": 0,
                "action_limit_exception_reason": False,
                "action_limit_exception_until": False,
            }
        )
        mentorships.write(
            {
                "partner_id": False,
                "is_anonymised": True,
                "confidential_note": False,
                "retention_failed_on": False,
                "retention_error": False,
            }
        )
        assessments.note = False
        assessments.line_ids.note = False
        goals.write({"name": self.env._("Goal"), "description": False, "confidential_note": False})
        actions.write({"name": self.env._("Action"), "if_then": False})
        rewards.note = False
        mentorships.contact_ids.summary = False  # when, how and how long stay: the dosage
        mentorships.review_ids.write({"note": False, "followup": False})
        mentorships.mentor_change_ids.note = False
        # outcome values are figures, like the Bridge scores: they stay for monitoring
        # recompute the stored related fields (the resident of each record) now, in
        # this context: recomputed later they would be tracked, name and all
        mentorships.env.flush_all()
        self._forget_threads(mentorships, assessments, goals, actions, rewards)

    @api.model
    def _forget_threads(self, *recordsets):
        """Messages (also scheduled ones), tracking, attachments, activities (also done
        ones) and followers hold names and free text: they go."""
        for records in filter(None, recordsets):
            model, ids = records._name, records.ids
            domain = [("res_model", "=", model), ("res_id", "in", ids)]
            message_domain = [("model", "=", model), ("res_id", "in", ids)]
            self.env["mail.message"].sudo().search(message_domain).unlink()
            scheduled = self.env["mail.scheduled.message"].sudo().search(message_domain)
            self.env["ir.attachment"].sudo().search(
                [("res_model", "=", scheduled._name), ("res_id", "in", scheduled.ids)]
            ).unlink()
            scheduled.unlink()
            self.env["ir.attachment"].sudo().search(domain).unlink()
            self.env["mail.followers"].sudo().search(domain).unlink()
            self.env["mail.activity"].sudo().with_context(active_test=False).search(domain).unlink()

    @api.model
    def _forget_residents_in_old_log_rows(self, limit):
        """Log rows older than the retention period keep who read what and when, but
        no longer whom it was about once the mentorship is gone (rows of existing
        mentorships lose the resident when their mentorship is anonymised)."""
        self.env["mm.access.log"].sudo().search(
            [
                ("mentorship_id", "=", False),
                ("partner_id", "!=", False),
                ("date", "<", fields.Datetime.to_datetime(limit)),
            ]
        ).partner_id = False
