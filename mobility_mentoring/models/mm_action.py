from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .locking import lock_rows

OVERDUE_REMINDER = "mobility_mentoring.mail_activity_type_mm_action_overdue"
CONFIRM_TODO = "mobility_mentoring.mail_activity_type_mm_action_reported"
# on the resident's plate until the mentor confirms it: counts as open for the limits
UNFINISHED = ("open", "reported")


class MmAction(models.Model):
    """A small, concrete step towards a goal, with a deadline, done by the resident."""

    _name = "mm.action"
    _description = "Action"
    _inherit = ["mm.protected.mixin", "mm.state.mixin", "mm.thread.mixin"]
    _order = "deadline, id"
    _state_transitions = {
        "open": ("reported", "done", "cancelled"),
        "reported": ("done", "open", "cancelled"),
        "done": ("open",),
        "cancelled": ("open",),
    }
    _rewarded_state = "done"

    goal_id = fields.Many2one(
        "mm.goal", required=True, ondelete="cascade", index=True, tracking=True
    )
    mentorship_id = fields.Many2one(
        related="goal_id.mentorship_id",
        store=True,
        index=True,
        string="Mentorship",
        # with its goal: a "set null" here would race the goal's cascade in PostgreSQL
        ondelete="cascade",
    )
    pillar_id = fields.Many2one(
        related="goal_id.pillar_id",
        store=True,
        index=True,
        string="Pillar",
        group_expand="_read_group_pillar_ids",
    )
    partner_id = fields.Many2one(
        related="goal_id.partner_id", store=True, index=True, string="Resident"
    )
    user_id = fields.Many2one(related="goal_id.user_id", store=True, index=True, string="Mentor")
    team_id = fields.Many2one(related="mentorship_id.team_id", store=True, index=True)
    company_id = fields.Many2one(related="goal_id.company_id", store=True, index=True)
    color = fields.Integer(related="pillar_id.color")
    name = fields.Char(string="Action", required=True, tracking=True)
    deadline = fields.Date(required=True, tracking=True)
    if_then = fields.Text(
        string="If-then plan",
        help="When and how the resident will do it, in their words: “If I come home from "
        "work on Monday, then I call the childcare.”",
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("reported", "Reported done"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    date_done = fields.Date(string="Done on", copy=False, tracking=True, readonly=True)
    resident_reminded = fields.Boolean(
        string="Resident reminded",
        readonly=True,
        copy=False,
        help="The resident got a reminder mail before the deadline (once per action).",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    done_on_time = fields.Boolean(compute="_compute_timeliness", store=True, string="Done on time")
    # the same in words, for grouping: a graph's legend reads "On time" and "Late"
    timeliness = fields.Selection(
        [("on_time", "On time"), ("late", "Late")],
        compute="_compute_timeliness",
        store=True,
        string="On time or late",
        help="Of a done action: whether it was done on or before its deadline.",
    )

    @api.model
    def _read_group_pillar_ids(self, pillars, domain):
        return pillars.search([("active", "=", True)])

    @api.depends("state", "deadline")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state == "open" and action.deadline and action.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search on overdue with = True or = False."))
        overdue = [("state", "=", "open"), ("deadline", "<", fields.Date.context_today(self))]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.depends("state", "date_done", "deadline")
    def _compute_timeliness(self):
        for action in self:
            done = action.state == "done"
            action.done_on_time = bool(
                done
                and action.date_done
                and action.deadline
                and action.date_done <= action.deadline
            )
            action.timeliness = done and ("on_time" if action.done_on_time else "late")

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._check_goal_open()
        actions._check_open_action_limits()
        return actions

    def write(self, vals):
        opened = self.browse()
        if vals.get("state") == "open" or "goal_id" in vals:
            # what this write makes open: a reopened action, or an open one that moves
            # (a reported action already counts against the limits)
            opened = (
                self if "goal_id" in vals else self.filtered(lambda a: a.state not in UNFINISHED)
            )
        redated = self._changed_by("deadline", vals["deadline"]) if "deadline" in vals else None
        result = super().write(vals)
        if opened:
            opened._check_goal_open()
            opened._check_open_action_limits()
        if redated:
            # a new deadline earns the resident a new reminder
            redated.filtered("resident_reminded").sudo().write({"resident_reminded": False})
        if "state" in vals:
            self._activity_update()
        elif redated:
            redated._activity_update()
        return result

    def _check_parent_moves(self, vals):
        """An action may move to another goal of the same resident, nowhere else."""
        if "goal_id" not in vals:
            return
        goal = self.env["mm.goal"].browse(vals["goal_id"])
        goal.check_access("write")
        if self.mentorship_id - goal.mentorship_id:
            raise AccessError(
                self.env._("An action can move only to another goal of the same resident.")
            )

    def _state_values(self, new_state):
        done = new_state in ("reported", "done")
        return {"date_done": fields.Date.context_today(self) if done else False}

    def _unfinished(self):
        return self.filtered(lambda action: action.state in UNFINISHED)

    def _reward_events(self):
        events = [(action, action.mentorship_id, action.pillar_id) for action in self]
        on_time = [event for event in events if event[0].done_on_time]
        return [("action_done", events), ("action_done_on_time", on_time)]

    def _check_goal_open(self):
        for action in self.filtered(lambda a: a.state == "open"):
            if action.goal_id.state != "open":
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s is no longer open: reopen it before adding or "
                        "reopening an action.",
                        goal=action.goal_id.name,
                    )
                )

    def _check_open_action_limits(self):
        opened = self._unfinished()
        if not opened:
            return
        # Two transactions that each add the last allowed action for a resident must not
        # both commit: both first update the resident's mentorship row, so the second
        # waits for the first and then fails to serialise; Odoo retries it, and the retry
        # counts the first one's action.
        lock_rows(opened.mentorship_id)
        self.env["mm.action.limit"]._check_room_for(opened)

    def action_done(self):
        """Done, or confirmed done: an action the resident reported keeps the day they
        reported it, so that on time counts from that day."""
        reported = self.filtered(lambda action: action.state == "reported")
        for day in set(reported.mapped("date_done")):
            reported.filtered(lambda action, day=day: action.date_done == day)._change_state(
                "done", date_done=day
            )
        return (self - reported)._change_state("done")

    def action_cancel(self):
        return self._change_state("cancelled")

    def action_reopen(self):
        """Open again; a reported action goes back to the resident with a message.
        The mentor's: the resident takes back their own report with
        action_undo_report, which tells nobody."""
        if not self.env.user._is_internal():
            raise AccessError(self.env._("Only your mentor opens an action again."))
        reported = self.filtered(lambda action: action.state == "reported")
        self._change_state("open")
        reported._tell_resident_reopened()
        return True

    def action_report_done(self):
        """The resident ticks the action off on MijnOverzicht; the mentor confirms it."""
        return self._change_state("reported")

    def action_undo_report(self):
        """The resident takes back a mistaken "Done" on MijnOverzicht while the mentor
        has not confirmed it: open again, without the message of the mentor's reopen
        (it is their own change); the mentor's to-do to confirm goes with the state
        (activity_update)."""
        if self.env.user._is_internal():
            raise AccessError(self.env._("Only the resident takes back their report."))
        return self._change_state("open")

    def _check_state_change_allowed(self, new_state):
        # the resident's changes: open to reported (Done) and back (Not done after all)
        if new_state == "reported" or (new_state == "open" and not self.env.user._is_internal()):
            return self._check_resident_change(new_state)
        return super()._check_state_change_allowed(new_state)

    def _check_resident_change(self, new_state):
        # the resident may read their actions, not write them: these are their changes
        self.check_access("read")
        resident = self.env.user.partner_id
        if self.env.user._is_internal() or self.filtered(lambda a: a.partner_id != resident):
            raise AccessError(self.env._("Only the resident reports an action as done."))
        if self.mentorship_id.filtered(lambda mentorship: mentorship.state != "active"):
            raise UserError(
                self.env._("Your mentoring is paused or closed: talk to your mentor first.")
            )
        # back to open only from reported (an open one fails the transition check):
        # once the mentor confirmed or cancelled it, it is the mentor's to change
        if new_state == "open" and self.filtered(lambda action: action.state not in UNFINISHED):
            raise UserError(
                self.env._("Your mentor has already dealt with this action: talk to your mentor.")
            )

    def _tell_resident_reopened(self):
        for mentorship in self.mentorship_id:
            resident = mentorship.partner_id
            actions = self.filtered(lambda action, m=mentorship: action.mentorship_id == m)
            env = mentorship.with_context(lang=resident.lang).env
            mentorship.message_post(
                body=env._(
                    "You reported “%(actions)s” as done. Your mentor has opened it again: "
                    "let's look together at what is still needed.",
                    actions="”, “".join(actions.mapped("name")),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=resident.filtered("email").ids,
            )

    def _activity_update(self):
        """The mentor's to-dos on these actions, after a change of their state or
        deadline or of their mentorship's state:
        - a reported action: one to confirm it with the resident;
        - a done action: its to-dos are done too, and show in its chatter;
        - otherwise the to-do to confirm goes, and so does the overdue reminder, done
          ones included: the nightly job gives a new one if still due."""
        done = self.filtered(lambda action: action.state == "done")
        done.sudo().activity_feedback([OVERDUE_REMINDER, CONFIRM_TODO])
        rest = self - done
        reported = rest.filtered(lambda action: action.state == "reported")
        (rest - reported)._remove_todos([CONFIRM_TODO])
        rest._remove_todos([OVERDUE_REMINDER])
        reported._without_todo(CONFIRM_TODO)._schedule_todos(CONFIRM_TODO, self._mentor_of)
        return super()._activity_update()

    def _mentor_of(self, action):
        # a file without a mentor is its team lead's, else the system's
        return action.user_id or action.team_id.leader_id or self.env.ref("base.user_root")

    @api.model
    def _cron_notify_overdue(self, batch_size=500):
        """Give the mentor one to-do per action that became overdue while its
        mentorship runs, once: a reminder the mentor marked done counts. It goes with
        a change (see activity_update). No message per to-do: the mentor finds them in
        Odoo's activities, and hundreds of them a morning would be spam."""
        reminder = self.env.ref(OVERDUE_REMINDER)
        domain = [
            ("is_overdue", "=", True),
            ("mentorship_id.state", "=", "active"),
            ("activity_ids", "not any", [("activity_type_id", "=", reminder.id)]),
        ]
        Action = self.with_context(active_test=False)  # done to-dos count as reminders
        actions = Action.search(domain, limit=batch_size)
        actions._schedule_todos(OVERDUE_REMINDER, self._mentor_of)
        remaining = Action.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)
