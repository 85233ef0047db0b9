from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import date_utils, format_amount

from .locking import lock_rows


class MmReward(models.Model):
    """Rewards follow events by the managers' rules: an event that matches a rule
    earns a reward within the rule's cap per resident and budget per period (per
    company), and undoing the event withdraws it. Called as the system through the
    state seam's hook (below)."""

    _inherit = "mm.reward"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _grant(self, trigger, events):
        """Reward events of one trigger: events are (source, mentorship, pillars).
        One reward per rule and source: a cancelled one comes back rather than a second
        one. Caps and budgets that would be exceeded are explained in the chatter."""
        candidates = self._matching(trigger, events)
        if not candidates:
            return
        granted, refusals = self._within_caps_and_budgets(candidates)
        self._give(granted)
        self._explain_refusals(refusals)

    @api.model
    def _matching(self, trigger, events):
        """[(rule, source, mentorship, cancelled reward or None)]: the rules of the
        trigger that apply to each event and have not rewarded its source yet."""
        if not events:
            return []
        mentorships = self.env["mm.mentorship"].union(*(event[1] for event in events))
        rules = (
            self.env["mm.reward.rule"]
            .sudo()
            .search(
                [
                    ("trigger", "=", trigger),
                    ("company_id", "in", [*mentorships.company_id.ids, False]),
                ]
            )
        )
        if not rules:
            return []
        existing = {
            (reward.rule_id, reward.source): reward
            for reward in self.env["mm.reward"]
            .sudo()
            .search(
                [
                    ("rule_id", "in", rules.ids),
                    ("source", "in", [self._ref(event[0]) for event in events]),
                ]
            )
        }
        candidates = []
        for source, mentorship, pillars in events:
            for rule in rules.filtered(lambda r, m=mentorship, p=pillars: r._applies_to(m, p)):
                reward = existing.get((rule, source))
                if not reward or reward.state == "cancelled":
                    candidates.append((rule, source, mentorship, reward))
        return candidates

    @api.model
    def _within_caps_and_budgets(self, candidates):
        """Split the candidates into those within the cap per resident and the budget
        of their rule in this period, and refusals [(mentorship, rule, source, reason)].
        Budgets and caps count per company: a rule for every company gives each
        municipality its own budget."""
        mentorships = self.env["mm.mentorship"].union(*(c[2] for c in candidates))
        rules = self.env["mm.reward.rule"].union(*(c[0] for c in candidates))
        self._lock_caps_and_budgets(candidates)
        counts, spent = self._usage_in_period(rules, mentorships, fields.Date.context_today(self))
        granted, refusals = [], []
        for rule, source, mentorship, reward in candidates:
            partner, company = mentorship.partner_id, mentorship.company_id
            reason = self._refusal_reason(
                rule, partner, counts[rule, company, partner], spent[rule, company]
            )
            if reason:
                refusals.append((mentorship, rule, source, reason))
                continue
            counts[rule, company, partner] += 1
            spent[rule, company] += rule.amount
            granted.append((rule, source, mentorship, reward))
        return granted, refusals

    def _lock_caps_and_budgets(self, candidates):
        """Two transactions (two workers, two app servers) that each grant the last
        reward a budget or a cap allows must not both commit: each first updates the
        rule's row (its budget) and the resident's file (a cap), so the second waits,
        fails to serialise and Odoo's retry counts the first one's reward."""
        budgets = [rule for rule, *_ in candidates if rule.budget]
        capped = [mentorship for rule, _, mentorship, _ in candidates if rule.max_per_period]
        lock_rows(self.env["mm.reward.rule"].union(*budgets))
        lock_rows(self.env["mm.mentorship"].union(*capped))

    def _give(self, granted):
        """Create the granted rewards, or revive their cancelled ones."""
        today = fields.Date.context_today(self)
        Reward = self.env["mm.reward"].sudo()
        new_vals, revived = [], defaultdict(lambda: Reward)
        for rule, source, mentorship, reward in granted:
            state = "proposed" if rule.need_approval else "approved"
            if reward:
                revived[state] |= reward
            else:
                new_vals.append(self._reward_vals(rule, source, mentorship, state, today))
        Reward.create(new_vals)
        for state, revive in revived.items():
            revive.write({"state": state, "date": today, "approved_by": False})

    @api.model
    def _withdraw(self, sources):
        """The event was undone: cancel its rewards, unless already delivered."""
        if not sources:
            return
        refs = [self._ref(source) for source in sources]
        self.env["mm.reward"].sudo().search(
            [("source", "in", refs), ("state", "in", ("proposed", "approved"))]
        ).write({"state": "cancelled"})

    @api.model
    def _ref(self, record):
        return f"{record._name},{record.id}"

    def _reward_vals(self, rule, source, mentorship, state, day):
        return {
            "mentorship_id": mentorship.id,
            "rule_id": rule.id,
            "source": self._ref(source),
            "date": day,
            "amount": rule.amount,
            "reward_type": rule.reward_type,
            "state": state,
        }

    def _usage_in_period(self, rules, mentorships, day):
        """Rewards per (rule, company, resident) and amounts per (rule, company) in
        each rule's current period: two grouped queries per kind of period in use."""
        counts, spent = defaultdict(int), defaultdict(float)
        for period in set(rules.mapped("period")):
            period_rules = rules.filtered(lambda r, p=period: r.period == p)
            domain = [
                ("rule_id", "in", period_rules.ids),
                ("company_id", "in", mentorships.company_id.ids),
                ("state", "!=", "cancelled"),
                ("date", ">=", date_utils.start_of(day, period)),
                ("date", "<=", date_utils.end_of(day, period)),
            ]
            rewards = self.env["mm.reward"].sudo()
            for rule, company, amount in rewards._read_group(
                domain, ["rule_id", "company_id"], ["amount:sum"]
            ):
                spent[rule, company] = amount
            for rule, company, partner, count in rewards._read_group(
                [*domain, ("partner_id", "in", mentorships.partner_id.ids)],
                ["rule_id", "company_id", "partner_id"],
                ["__count"],
            ):
                counts[rule, company, partner] = count
        return counts, spent

    def _refusal_reason(self, rule, partner, count, spent):
        period = dict(rule._fields["period"]._description_selection(self.env))[rule.period].lower()
        if rule.max_per_period and count >= rule.max_per_period:
            return self.env._(
                "%(resident)s already had %(count)s of at most %(max)s this %(period)s",
                resident=partner.name,
                count=count,
                max=rule.max_per_period,
                period=period,
            )
        if rule.budget and spent + rule.amount > rule.budget:
            return self.env._(
                "the budget of %(budget)s for this %(period)s has %(left)s left",
                budget=format_amount(self.env, rule.budget, rule.currency_id),
                period=period,
                left=format_amount(self.env, max(rule.budget - spent, 0), rule.currency_id),
            )
        return None

    def _explain_refusals(self, refusals):
        for mentorship, rule, source, reason in refusals:
            mentorship.message_post(
                body=self.env._(
                    "No reward “%(rule)s” for %(what)s: %(reason)s.",
                    rule=rule.name,
                    what=source.display_name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )


# the reward side of the state seam: one hook of mm.state.mixin, here where rewards
# are granted, so that the state mixin knows nothing of rewards
class MmStateMixin(models.AbstractModel):
    """Entering ``_rewarded_state`` grants the rewards of ``_reward_events``; leaving
    it withdraws them."""

    _inherit = "mm.state.mixin"  # pylint: disable=consider-merging-classes-inherited

    _rewarded_state = None

    def _state_changed(self, previous):
        rewarded_before = self.filtered(lambda record: previous[record.id] == self._rewarded_state)
        rewarded_now = self.filtered(lambda record: record.state == self._rewarded_state)
        self.env["mm.reward"]._withdraw(rewarded_before - rewarded_now)
        (rewarded_now - rewarded_before)._grant_rewards()
        return super()._state_changed(previous)

    def _grant_rewards(self):
        for trigger, events in self._reward_events():
            self.env["mm.reward"]._grant(trigger, events)

    def _reward_events(self):
        """[(trigger, [(source, mentorship, pillars)])] for entering the rewarded state."""
        return []
