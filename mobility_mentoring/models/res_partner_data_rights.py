from odoo import fields, models


class ResPartner(models.Model):
    """The resident's right of access (AVG/GDPR): everything the module holds on them
    as plain data. Retention is in mm_mentorship_retention.py."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _mm_export_data(self):
        """Everything the module holds on this resident, as plain data (for JSON and
        the readable PDF). Mentors and teams appear by name only. Read with the
        (manager's) own rights: a municipality exports its own files, no other's."""
        self.ensure_one()
        partner = self
        mentorships = self.env["mm.mentorship"].search([("partner_id", "=", partner.id)])
        logs = self.env["mm.access.log"].search([("partner_id", "=", partner.id)])
        return {
            "resident": {
                key: partner[key] or None
                for key in ("name", "email", "phone", "street", "zip", "city")
            },
            "exported_on": fields.Datetime.to_string(fields.Datetime.now()),
            "mentorships": [self._mm_mentorship_data(m) for m in mentorships],
            "client_context_openings": [
                {"date": fields.Datetime.to_string(log.date), "by": log.user_id.name}
                for log in logs
            ],
        }

    def _mm_close_reason_text(self, mentorship):
        """The reason in the reader's words (the export runs in the resident's language)."""
        if mentorship.state != "closed":
            return None
        if not mentorship.close_reason:
            return self.env._("Not recorded")
        labels = dict(mentorship._fields["close_reason"]._description_selection(self.env))
        return labels[mentorship.close_reason]

    def _mm_mentorship_data(self, mentorship):
        return {
            "team": mentorship.team_id.name,
            "mentor": mentorship.user_id.name,
            "start": _date(mentorship.date_start),
            "end": _date(mentorship.date_end),
            "state": mentorship.state,
            # closed without a reason: said so, not left out
            "close_reason": mentorship.close_reason
            or ("not_recorded" if mentorship.state == "closed" else None),
            "close_reason_text": self._mm_close_reason_text(mentorship),
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
            "goals": [self._mm_goal_data(goal) for goal in mentorship.goal_ids],
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
            "contacts": [
                {
                    "date": fields.Datetime.to_string(c.date),
                    "kind": c.kind,
                    "minutes": c.duration,
                    "with": c.user_id.name,
                    "summary": c.summary or None,
                }
                for c in mentorship.contact_ids
            ],
            "case_reviews": [
                {
                    "date": _date(r.date),
                    "reviewer": r.reviewer_id.name,
                    "note": r.note or None,
                    "followup": r.followup or None,
                    "in_intervisie": bool(r.sudo().intervisie_id),
                }
                for r in mentorship.review_ids
            ],
            "mentor_changes": [
                {
                    "date": fields.Datetime.to_string(c.date),
                    "from": c.from_user_id.name or None,
                    "to": c.to_user_id.name or None,
                    "reason": c.reason,
                    "note": c.note or None,
                }
                for c in mentorship.mentor_change_ids
            ],
            "outcomes": [
                {
                    "indicator": m.indicator_id.name,
                    "kind": m.kind,
                    "date": _date(m.date),
                    "value": m.value,
                }
                for m in mentorship.outcome_ids
            ],
        }

    def _mm_goal_data(self, goal):
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
                    "if_then": action.if_then or None,
                    "deadline": _date(action.deadline),
                    "state": action.state,
                    "done_on": _date(action.date_done),
                    "done_on_time": action.done_on_time,
                }
                for action in goal.action_ids
            ],
        }


def _date(value):
    return fields.Date.to_string(value) if value else None
