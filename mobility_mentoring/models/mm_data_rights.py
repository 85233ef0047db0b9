from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

RETENTION_PARAMETER = "mobility_mentoring.retention_months"
DEFAULT_RETENTION_MONTHS = 84


class MmDataRights(models.AbstractModel):
    """The resident's rights on what the module holds on them (AVG/GDPR): a complete
    export, and anonymisation of closed mentorships after the retention period."""

    _name = "mm.data.rights"
    _description = "Residents' data rights"

    # ------------------------------------------------------------------ export

    @api.model
    def _export_resident(self, partner):
        """Everything the module holds on one resident, as plain data (for JSON and
        the readable PDF). Mentors and teams appear by name only. Read with the
        (manager's) own rights: a municipality exports its own files, no other's."""
        mentorships = self.env["mm.mentorship"].search([("partner_id", "=", partner.id)])
        logs = self.env["mm.access.log"].search([("partner_id", "=", partner.id)])
        return {
            "resident": {
                key: partner[key] or None
                for key in ("name", "email", "phone", "street", "zip", "city")
            },
            "exported_on": fields.Datetime.to_string(fields.Datetime.now()),
            "mentorships": [self._mentorship_data(m) for m in mentorships],
            "client_context_openings": [
                {"date": fields.Datetime.to_string(log.date), "by": log.user_id.name}
                for log in logs
            ],
        }

    def _mentorship_data(self, mentorship):
        return {
            "team": mentorship.team_id.name,
            "mentor": mentorship.user_id.name,
            "start": _date(mentorship.date_start),
            "end": _date(mentorship.date_end),
            "state": mentorship.state,
            "bridge_score": mentorship.bridge_score,
            "bridge_score_change": mentorship.bridge_score_change,
            "coaching_note": mentorship.confidential_note or None,
            "assessments": [
                {
                    "date": _date(a.date),
                    "state": a.state,
                    "bridge_score": a.bridge_score,
                    "note": a.note or None,
                    "steps": [
                        {
                            "pillar": line.pillar_id.name,
                            "dimension": line.dimension_id.name,
                            "level": line.level or None,
                            "step": line.step_id.name or None,
                            "priority": line.is_priority,
                            "note": line.note or None,
                        }
                        for line in a.line_ids
                    ],
                }
                for a in mentorship.assessment_ids.sorted("date")
            ],
            "goals": [self._goal_data(goal) for goal in mentorship.goal_ids],
            "rewards": [
                {
                    "date": _date(r.date),
                    "rule": r.rule_id.name,
                    "kind": r.reward_type,
                    "amount": r.amount,
                    "currency": r.currency_id.name,
                    "state": r.state,
                    "delivered": _date(r.delivered_date),
                    "note": r.note or None,
                }
                for r in mentorship.reward_ids
            ],
        }

    def _goal_data(self, goal):
        return {
            "pillar": goal.pillar_id.name,
            "dimension": goal.dimension_id.name or None,
            "goal": goal.name,
            "why": goal.description or None,
            "target_step": goal.target_step_id.name or None,
            "deadline": _date(goal.deadline),
            "state": goal.state,
            "progress": goal.progress,
            "coaching_note": goal.confidential_note or None,
            "actions": [
                {
                    "action": action.name,
                    "deadline": _date(action.deadline),
                    "state": action.state,
                    "done_on": _date(action.date_done),
                    "done_on_time": action.done_on_time,
                }
                for action in goal.action_ids
            ],
        }

    # ------------------------------------------------------------- retention

    @api.model
    def _retention_months(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAMETER)
        return int(value) if value else DEFAULT_RETENTION_MONTHS

    @api.model
    def _cron_anonymise(self, batch_size=200):
        limit_date = fields.Date.context_today(self) - relativedelta(
            months=self._retention_months()
        )
        domain = [
            ("state", "=", "closed"),
            ("date_end", "<", limit_date),
            ("is_anonymised", "=", False),
        ]
        Mentorship = self.env["mm.mentorship"].sudo().with_context(active_test=False)
        mentorships = Mentorship.search(domain, limit=batch_size)
        self._anonymise(mentorships)
        self.env["ir.cron"]._notify_progress(
            done=len(mentorships), remaining=Mentorship.search_count(domain)
        )

    @api.model
    def _anonymise(self, mentorships):
        """Remove the link to the person, notes and free text; keep what monitoring
        counts: dates, states, steps, scores, progress and amounts."""
        # no tracking: a tracking message would keep the very name being removed
        mentorships = mentorships.sudo().with_context(tracking_disable=True)
        assessments, goals = mentorships.assessment_ids, mentorships.goal_ids
        actions, rewards = mentorships.action_ids, mentorships.reward_ids
        self.env["mm.access.log"].sudo().search(
            [("mentorship_id", "in", mentorships.ids)]
        ).partner_id = False
        mentorships.write(
            {
                "partner_id": False,
                "is_anonymised": True,
                "confidential_note": False,
                "action_limit_exception_reason": False,
            }
        )
        assessments.note = False
        assessments.line_ids.note = False
        goals.write({"name": self.env._("Goal"), "description": False, "confidential_note": False})
        actions.name = self.env._("Action")
        rewards.note = False
        self._forget_threads(mentorships, assessments, goals, actions, rewards)

    def _forget_threads(self, *recordsets):
        """Messages, tracking, attachments, activities and followers hold names and
        free text: they go."""
        for records in filter(None, recordsets):
            model, ids = records._name, records.ids
            domain = [("res_model", "=", model), ("res_id", "in", ids)]
            self.env["mail.message"].sudo().search(
                [("model", "=", model), ("res_id", "in", ids)]
            ).unlink()
            self.env["ir.attachment"].sudo().search(domain).unlink()
            self.env["mail.followers"].sudo().search(domain).unlink()
            if "activity_ids" in records._fields:
                records.activity_ids.unlink()


def _date(value):
    return fields.Date.to_string(value) if value else None
