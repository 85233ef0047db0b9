from datetime import date, timedelta

from odoo import fields, models
from odoo.tools import format_amount, format_date

RECENT_DAYS = 30
MESSAGE_LIMIT = 30


class MmMentorship(models.Model):
    """What MijnOverzicht shows of one mentorship, read with the resident's own rights
    (record rules and field groups apply: nothing here is read as superuser but the
    names of the people who wrote to them). Words, not codes: B1 language."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    def _portal_page_values(self):
        """MijnOverzicht's main page: the plan first, with what is late on top, then the
        Bridge, rewards, papers and messages."""
        self.ensure_one()
        mentorship = self
        today = fields.Date.context_today(mentorship)
        goals = mentorship.goal_ids.filtered(lambda goal: goal.state == "open")
        actions = mentorship.action_ids
        recent = today - timedelta(days=RECENT_DAYS)
        unfinished = goals.action_ids._unfinished()
        late = unfinished.filtered("is_overdue").sorted(lambda action: (action.deadline, action.id))
        plan, upcoming = self._portal_plan(goals, unfinished - late)
        self_assessment = mentorship._portal_self_assessment()
        return {
            "mentorship": mentorship,
            "cards": self.env["report.mobility_mentoring.report_bridge_cards"]._values_for(
                mentorship
            ),
            "score": mentorship._portal_score(),
            "late": late,
            "plan": plan,
            "unfinished": upcoming,
            "done_recently": actions.filtered(
                lambda a: a.state == "done" and a.date_done and a.date_done >= recent
            ).sorted("date_done", reverse=True),
            "deadline_words": lambda action: self._portal_deadline_words(action.deadline, today),
            "rewards": [
                self._portal_reward_words(reward)
                for reward in mentorship.reward_ids.sorted("date", reverse=True)
            ],
            "self_assessment": self_assessment,
            "self_assessment_progress": self._portal_self_assessment_progress(self_assessment),
            "messages": mentorship._portal_conversation(),
            **mentorship._portal_easy_read_values(),
        }

    def _portal_plan(self, goals, upcoming):
        """The open goals per pillar with their actions that are not late: what comes
        first on top (pillars and goals by their next open deadline, actions by deadline);
        goals with nothing to do now last, pillars in their order. Returns the groups
        and {goal: its actions}."""
        actions_of = {goal: upcoming.filtered(lambda a, g=goal: a.goal_id == g) for goal in goals}

        def next_deadline(some_goals):
            deadlines = [
                action.deadline
                for goal in some_goals
                for action in actions_of[goal]
                if action.state == "open"  # a reported one waits for the mentor
            ]
            return min(deadlines, default=date.max)

        plan = []
        for pillar in goals.pillar_id.sorted("sequence"):
            pillar_goals = goals.filtered(lambda g, p=pillar: g.pillar_id == p)
            plan.append(
                {
                    "pillar": pillar,
                    "goals": pillar_goals.sorted(next_deadline),
                    "next": next_deadline(pillar_goals),
                }
            )
        plan.sort(key=lambda group: group["next"])  # stable: the pillars' order on a tie
        return plan, actions_of

    def _portal_self_assessment(self):
        """The draft assessment the resident may fill in now: opened to them by the
        mentor, while the mentoring runs (as mm.assessment.line checks an answer)."""
        self.ensure_one()
        if self.state != "active":
            return self.env["mm.assessment"]
        opened = self.assessment_ids.filtered(lambda a: a.state == "draft" and a.resident_can_edit)
        return opened[:1]

    def _portal_self_assessment_progress(self, assessment):
        """How far the resident is, in words: their confirmation that what they tap is
        kept, on the main page."""
        if not assessment:
            return ""
        total = len(assessment.line_ids)
        answered = len(assessment.line_ids.filtered("filled_by_resident"))
        if not answered:
            return self.env._("Where are you now? Your mentor asks you to fill in your Bridge.")
        if answered < total:
            return self.env._(
                "You filled in %(answered)s of %(total)s ladders. Your answers are saved.",
                answered=answered,
                total=total,
            )
        return self.env._(
            "You filled in all %s ladders. Thank you! Your mentor will talk them through with you.",
            total,
        )

    def _portal_bridge_values(self):
        """The page on which the resident fills in their Bridge."""
        self.ensure_one()
        return {
            "mentorship": self,
            "self_assessment": self._portal_self_assessment(),
            **self._portal_easy_read_values(),
        }

    def _portal_easy_read_values(self):
        """The simple view (easy_read): a pillar, dimension or step is named by its
        easy-read words (its name where it has none) instead of its B1 name."""
        self.ensure_one()
        if self.easy_read:
            return {"easy_read": True, "easy_words": lambda record: record.easy_text or record.name}
        return {"easy_read": False, "easy_words": lambda record: record.name}

    def _portal_score(self):
        """The Bridge score now and at the start, for a bar that shows the way up."""
        mentorship = self
        if not mentorship.last_assessment_id:
            return None
        now = mentorship.bridge_score
        return {
            "now": now,
            "start": now - mentorship.bridge_score_change,
            "change": mentorship.bridge_score_change,
        }

    def _portal_deadline_words(self, deadline, today):
        days = (deadline - today).days
        if days > 1:
            return self.env._("%s days left", days)
        if days == 1:
            return self.env._("Tomorrow")
        if days == 0:
            return self.env._("Today")
        if days == -1:
            return self.env._("1 day late")
        return self.env._("%s days late", -days)

    def _portal_reward_words(self, reward):
        source = reward.source
        what = dict(reward._fields["reward_type"]._description_selection(self.env))[
            reward.reward_type
        ].lower()
        reason = (
            source.display_name
            if source._name != "mm.assessment"
            else self.env._("your Bridge of %s", format_date(self.env, source.date))
        )
        if reward.amount:
            sentence = self.env._(
                "You got a %(what)s of %(amount)s for: %(reason)s.",
                what=what,
                amount=format_amount(self.env, reward.amount, reward.currency_id),
                reason=reason,
            )
        else:
            sentence = self.env._("You got a %(what)s for: %(reason)s.", what=what, reason=reason)
        return {"reward": reward, "sentence": sentence, "message": reward.message}

    def _portal_conversation(self):
        """Messages to and from the mentor. The resident's rights hide internal notes."""
        mentorship = self
        return self.env["mail.message"].search(
            [
                ("model", "=", mentorship._name),
                ("res_id", "=", mentorship.id),
                ("message_type", "in", ("comment", "email", "email_outgoing")),
            ],
            limit=MESSAGE_LIMIT,
        )
