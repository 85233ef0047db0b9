from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date

from ..exceptions import ActionLimitReached
from .mm_action import UNFINISHED

SCOPE_GROUPBY = {
    "mentorship": ["mentorship_id"],
    "pillar": ["mentorship_id", "pillar_id"],
    "goal": ["goal_id"],
}
# the key an action counts under, per scope (see _usage)
SCOPE_KEY = {
    "mentorship": lambda action: (action.mentorship_id,),
    "pillar": lambda action: (action.mentorship_id, action.pillar_id),
    "goal": lambda action: (action.goal_id,),
}


class MmActionLimit(models.Model):
    """How many actions may be open at the same time: chronic stress narrows what
    anyone can keep track of, so the organisation sets a ceiling."""

    _name = "mm.action.limit"
    _description = "Open action limit"
    _order = "scope, max_open, id"

    name = fields.Char(required=True, translate=True)
    scope = fields.Selection(
        [
            ("mentorship", "Per resident"),
            ("pillar", "Per resident and pillar"),
            ("goal", "Per goal"),
        ],
        required=True,
        default="mentorship",
    )
    max_open = fields.Integer(string="Maximum open actions", required=True, default=5)
    team_ids = fields.Many2many(
        "mm.team", string="Teams", help="Leave empty to apply the limit to every team."
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to apply the limit to every company."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("max_open_positive", "CHECK(max_open >= 1)", "A limit allows at least one open action."),
    ]

    def _applies_to(self, mentorship):
        self.ensure_one()
        return (not self.team_ids or mentorship.team_id in self.team_ids) and (
            not self.company_id or self.company_id == mentorship.company_id
        )

    def _allowed_for(self, mentorship):
        """The rule's maximum, or the manager's higher exception for this resident."""
        self.ensure_one()
        if self.scope == "mentorship":
            return max(self.max_open, mentorship._current_action_limit_exception())
        return self.max_open

    @api.model
    def _usage(self, mentorships, goals=None):
        """Open actions per rule and key, for the rules that apply to these mentorships:
        [(rule, key, open count, allowed)], key being (mentorship,), (mentorship, pillar)
        or (goal,); every mentorship and goal is listed, pillars only with open actions.
        One grouped query per scope in use."""
        # sudo: the limits hold whoever asks, and their names appear in the refusal
        rules = self.sudo().search([("company_id", "in", [*mentorships.company_id.ids, False])])
        goals = goals if goals is not None else mentorships.goal_ids
        usage = []
        for scope in {rule.scope for rule in rules}:
            counts = self._open_counts(scope, mentorships, goals)
            if scope == "mentorship":
                counts = {(m,): counts.get((m,), 0) for m in mentorships}
            elif scope == "goal":
                counts = {(g,): counts.get((g,), 0) for g in goals}
            for rule in rules.filtered(lambda r, s=scope: r.scope == s):
                for key, count in counts.items():
                    mentorship = key[0] if scope != "goal" else key[0].mentorship_id
                    if rule._applies_to(mentorship):
                        usage.append((rule, key, count, rule._allowed_for(mentorship)))
        return usage

    @api.model
    def _room_by_key(self, mentorships, goals):
        """The room under the limits in words, per key: {key: ["3 of 5 open actions
        (At most 5 open actions per resident)", ...]}."""
        room = defaultdict(list)
        for rule, key, count, allowed in self._usage(mentorships, goals):
            text = self.env._(
                "%(count)s of %(allowed)s open actions (%(rule)s)",
                count=count,
                allowed=allowed,
                rule=rule.name,
            )
            if rule.scope == "pillar":
                text = self.env._("%(pillar)s: %(room)s", pillar=key[1].name, room=text)
            room[key].append(text)
        return room

    @api.model
    def _open_counts(self, scope, mentorships, goals):
        if scope == "goal":
            domain = [("goal_id", "in", goals.ids)]
        else:
            domain = [("mentorship_id", "in", mentorships.ids)]
        groups = (
            self.env["mm.action"]
            .sudo()
            ._read_group([*domain, ("state", "in", UNFINISHED)], SCOPE_GROUPBY[scope], ["__count"])
        )
        return {tuple(group[:-1]): group[-1] for group in groups}

    @api.model
    def _check_room_for(self, actions):
        """Refuse the open actions that would break a limit, naming the rule, the limit,
        the refused actions and those that were open before them."""
        keys = {scope: {key_of(a) for a in actions} for scope, key_of in SCOPE_KEY.items()}
        for rule, key, count, allowed in self._usage(actions.mentorship_id, actions.goal_id):
            if count > allowed and key in keys[rule.scope]:
                refused = actions.filtered(lambda a, r=rule, k=key: SCOPE_KEY[r.scope](a) == k)
                raise ActionLimitReached(rule._refusal_message(key, allowed, refused))

    def _refusal_message(self, key, allowed, refused):
        """The refusal in words: the refused actions by name, and the actions that
        were open before (the refused ones are already saved, and open, in this
        transaction: they are not among them)."""
        self.ensure_one()
        domain = [("state", "in", UNFINISHED), ("id", "not in", refused.ids)]
        for fname, record in zip(SCOPE_GROUPBY[self.scope], key, strict=True):
            domain.append((fname, "=", record.id))
        open_before = self.env["mm.action"].sudo().search(domain)
        listed = "\n".join(
            self.env._(
                "- %(action)s (due %(deadline)s)",
                action=action.name,
                deadline=format_date(self.env, action.deadline),
            )
            for action in open_before
        )
        whom = {
            "mentorship": lambda: key[0].partner_id.name,
            "pillar": lambda: self.env._(
                "%(resident)s in %(pillar)s",
                resident=key[0].partner_id.name,
                pillar=key[1].name,
            ),
            "goal": lambda: self.env._("the goal %s", key[0].name),
        }[self.scope]()
        refused_names = "”, “".join(refused.mapped("name"))
        if not open_before:  # a batch of more than allowed at once
            return self.env._(
                "No more open actions: the rule “%(rule)s” allows %(allowed)s open actions "
                "for %(whom)s, so “%(refused)s” cannot all be open at once.",
                rule=self.name,
                allowed=allowed,
                whom=whom,
                refused=refused_names,
            )
        return self.env._(
            "No more open actions: the rule “%(rule)s” allows %(allowed)s open actions for "
            "%(whom)s, so there is no room for “%(refused)s”. Already open:\n%(actions)s\n"
            "Mark one as done or cancel it first.",
            rule=self.name,
            allowed=allowed,
            whom=whom,
            refused=refused_names,
            actions=listed,
        )
