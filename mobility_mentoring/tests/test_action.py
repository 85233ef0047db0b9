from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestAction(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal = cls._goal(cls.mentorship_a, name="Debts in a plan")

    def test_overdue_only_after_the_deadline_and_only_while_open(self):
        action = self._actions(self.goal, 1, deadline="2025-03-10")
        Action = self.env["mm.action"]
        with freeze_time("2025-03-10"):
            action.invalidate_recordset(["is_overdue"])
            self.assertFalse(action.is_overdue)
            self.assertNotIn(action, Action.search([("is_overdue", "=", True)]))
        with freeze_time("2025-03-11"):
            action.invalidate_recordset(["is_overdue"])
            self.assertTrue(action.is_overdue)
            self.assertIn(action, Action.search([("is_overdue", "=", True)]))
            self.assertNotIn(action, Action.search([("is_overdue", "=", False)]))
            action.action_done()
            self.assertFalse(action.is_overdue)
            self.assertIn(action, Action.search([("is_overdue", "!=", True)]))

    def test_done_on_time_means_on_or_before_the_deadline(self):
        on_day, late, cancelled = self._actions(self.goal, 3, deadline="2025-03-10")
        with freeze_time("2025-03-10"):
            on_day.action_done()
        with freeze_time("2025-03-11"):
            late.action_done()
            cancelled.action_cancel()
        self.assertEqual(on_day.date_done.isoformat(), "2025-03-10")
        self.assertEqual(
            [on_day.done_on_time, late.done_on_time, cancelled.done_on_time], [True, False, False]
        )
        late.action_reopen()
        self.assertFalse(late.date_done)
        self.assertFalse(late.done_on_time)

    def test_the_actions_done_graph_reads_on_time_and_late(self):
        """Monitoring > Actions done groups by words ("Op tijd", "Te laat"), not by a
        Boolean, whose legend reads true and false."""
        on_day, late, cancelled = self._actions(self.goal, 3, deadline="2025-03-10")
        with freeze_time("2025-03-10"):
            on_day.action_done()
        with freeze_time("2025-03-11"):
            late.action_done()
            cancelled.action_cancel()
        self.assertEqual(
            [on_day.timeliness, late.timeliness, cancelled.timeliness], ["on_time", "late", False]
        )
        late.action_reopen()
        self.assertFalse(late.timeliness)
        Action = self.env["mm.action"]
        for xmlid, view_type in (
            ("mm_action_view_graph", "graph"),
            ("mm_action_view_pivot", "pivot"),
        ):
            view = self.env.ref(f"mobility_mentoring.{xmlid}")
            arch = etree.fromstring(Action.get_view(view.id, view_type)["arch"])
            grouped = {field.get("name") for field in arch.iter("field")}
            self.assertIn("timeliness", grouped, xmlid)
            self.assertNotIn("done_on_time", grouped, xmlid)
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        legend = Action.with_context(lang="nl_NL").fields_get(["timeliness"])["timeliness"]
        self.assertEqual(legend["selection"], [("on_time", "Op tijd"), ("late", "Te laat")])

    def test_done_by_a_plain_write_gets_its_date(self):
        action = self._actions(self.goal, 1, deadline="2025-03-10")
        with freeze_time("2025-03-09"):
            action.write({"state": "done"})
        self.assertEqual(action.date_done.isoformat(), "2025-03-09")
        self.assertTrue(action.done_on_time)

    def test_no_reminders_for_a_paused_or_closed_mentorship(self):
        action = self._actions(self.goal, 1, deadline="2025-03-10")
        self.mentorship_a.action_pause()
        with freeze_time("2025-03-11"):
            self.env["mm.action"]._cron_notify_overdue()
        self.assertFalse(action.activity_ids)

    def test_state_changes_are_checked(self):
        action = self._actions(self.goal, 1)
        with self.assertRefused(UserError, "is open"):
            action.action_reopen()
        action.action_cancel()
        with self.assertRefused(UserError, "is cancelled"):
            action.action_done()

    def test_one_todo_for_the_mentor_when_an_action_becomes_overdue(self):
        late, later = self._actions(self.goal, 2, deadline="2025-03-10")
        later.deadline = "2025-04-10"
        Action = self.env["mm.action"]
        Message = self.env["mail.message"]
        notices = Message.search_count([("message_type", "=", "user_notification")])
        with freeze_time("2025-03-11"):
            Action._cron_notify_overdue()
            Action._cron_notify_overdue()  # the next day's run adds nothing
        # a to-do, not a notice per to-do: hundreds of them a morning would be spam
        self.assertEqual(
            Message.search_count([("message_type", "=", "user_notification")]), notices
        )
        activities = (late | later).activity_ids
        self.assertEqual(activities.res_id, late.id)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.mentor_a)
        # the type's summary, beside the action's name
        self.assertEqual(activities.summary, "Talk with the resident about the overdue action")
        self.assertEqual(activities.res_name, "Action 1")
        # a new deadline takes the stale reminder away; missed again, it earns a new one
        late.deadline = "2025-03-20"
        self.assertFalse(late.activity_ids)
        with freeze_time("2025-03-21"):
            Action._cron_notify_overdue()
        self.assertEqual(len(late.activity_ids), 1)

    def test_action_list_mail_in_plain_language_and_the_residents_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.resident_a.lang = "nl_NL"
        first, second = self._actions(
            self.goal, 2, deadline="2030-05-12", prefix="Bel de woningcorporatie"
        )
        second.action_cancel()
        template = self.env.ref("mobility_mentoring.mail_template_mm_action_list")
        body = template._render_field("body_html", self.mentorship_a.ids, compute_lang=True)[
            self.mentorship_a.id
        ]
        self.assertIn("Bel de woningcorporatie 1", body)
        self.assertNotIn("Bel de woningcorporatie 2", body)
        self.assertIn("12-05-2030", body)
        self.assertIn("Hallo Resident A", body)
        action = self.mentorship_a.action_send_action_list()
        self.assertEqual(action["context"]["default_template_id"], template.id)


OVERDUE = "mobility_mentoring.mail_activity_type_mm_action_overdue"


@tagged("post_install", "-at_install")
class TestOverdueReminders(MobilityMentoringCase):
    """The mentor's to-do for an overdue action is one of the addon's own activities,
    and it goes when its reason goes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.goal = cls._goal(cls.mentorship_a, name="Debts in a plan")
        cls.Action = cls.env["mm.action"]

    def _remind(self, day="2025-03-11"):
        with freeze_time(day):
            self.Action._cron_notify_overdue()

    def _overdue_actions(self, count=1):
        actions = self._actions(self.goal, count, deadline="2025-03-10")
        self._remind()
        self.assertEqual(actions.activity_ids.activity_type_id, self.env.ref(OVERDUE))
        return actions

    def test_done_closes_the_reminder(self):
        action = self._overdue_actions()
        with freeze_time("2025-03-12"):
            action.with_user(self.mentor_a).action_done()
        self.assertFalse(action.activity_ids)
        self.env.flush_all()
        done = action.message_ids.filtered("mail_activity_type_id")
        self.assertEqual(done.mail_activity_type_id, self.env.ref(OVERDUE), "done, in the chatter")
        self._remind("2025-03-13")
        self.assertFalse(action.activity_ids)

    def test_cancelled_or_redated_removes_the_reminder(self):
        cancelled, redated = self._overdue_actions(2)
        cancelled.with_user(self.mentor_a).action_cancel()
        redated.with_user(self.mentor_a).write({"deadline": "2025-03-20"})
        self.assertFalse((cancelled | redated).activity_ids)
        self._remind("2025-03-15")
        self.assertFalse(redated.activity_ids, "not overdue yet")
        self._remind("2025-03-21")
        self.assertEqual(len(redated.activity_ids), 1, "missed again: reminded again")

    def test_a_paused_or_closed_mentorship_takes_its_reminders_along(self):
        action = self._overdue_actions()
        self.mentorship_a.with_user(self.mentor_a).action_pause()
        self.assertFalse(action.activity_ids)
        self._remind("2025-03-12")
        self.assertFalse(action.activity_ids)

    def test_a_reminder_the_mentor_marked_done_is_not_repeated(self):
        action = self._overdue_actions()
        action.activity_ids.with_user(self.mentor_a).action_feedback("Called her")
        self._remind("2025-03-12")
        self.assertFalse(action.activity_ids)
        action.with_user(self.mentor_a).action_cancel()
        action.with_user(self.mentor_a).action_reopen()
        self._remind("2025-03-13")
        self.assertEqual(len(action.activity_ids), 1, "reopened and still overdue")

    def test_only_who_may_change_an_action_updates_its_to_dos(self):
        """activity_update is public (as in Odoo's own models): over RPC, back office
        or a resident would otherwise take the mentor's reminder away."""
        action = self._overdue_actions()
        resident = self._user("todo_resident_test", "base.group_portal")
        for user in (self.backoffice, resident):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action.with_user(user).activity_update()
        self.assertEqual(len(action.activity_ids), 1, "the reminder stays")
        self.assertTrue(action.with_user(self.mentor_a).activity_update())

    def test_the_nightly_reminders_cost_the_same_for_many_actions(self):
        """One batch of to-dos per mentor, not a create per action."""

        def remind(count, day):
            self._actions(self.goal, count, deadline="2025-03-10")
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time(day), self.assertQueryCount(REMIND_QUERIES):
                self.Action._cron_notify_overdue()
                self.env.flush_all()

        self._overdue_actions()  # warm-up: the first run fills Odoo's caches
        remind(2, "2025-03-12")
        remind(20, "2025-03-13")
        self.assertEqual(len(self.goal.action_ids.activity_ids), 23)


# pinned: the nightly overdue reminders of one mentor, however many actions
REMIND_QUERIES = 18
