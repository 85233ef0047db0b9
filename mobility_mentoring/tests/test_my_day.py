from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.mm_mentorship_attention import REASONS
from .common import MENTOR, MobilityMentoringCase

MY_DAY = "mobility_mentoring.mm_my_day_action"
OVERDUE = "mobility_mentoring.mail_activity_type_mm_action_overdue"


@tagged("post_install", "-at_install")
class TestMyDay(MobilityMentoringCase):
    """Who needs the mentor today, and why: each reason a field, a filter and a badge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["mm.reward.rule"].search([]).action_archive()
        cls.Mentorship = cls.env["mm.mentorship"]

    def setUp(self):
        super().setUp()
        today = freeze_time("2026-06-01 10:00:00")
        today.start()
        self.addCleanup(today.stop)
        # a file begun last week, with a contact yesterday: nothing is due yet
        self.file = self.mentorship_a
        self.file.date_start = date(2026, 5, 25)
        self._contact(datetime(2026, 5, 31, 10))

    def _contact(self, when):
        self.env["mm.contact"].create({"mentorship_id": self.file.id, "date": when})

    def _reasons(self):
        self.env.invalidate_all()
        return {reason for reason in REASONS if self.file[reason]}

    def _found_by(self, field):
        return self.file in self.Mentorship.search([(field, "=", True)])

    def assertReason(self, reason):
        self.assertIn(reason, self._reasons())
        self.assertTrue(self.file.needs_attention)
        self.assertTrue(self._found_by(reason), f"the filter on {reason} finds the file")
        self.assertTrue(self._found_by("needs_attention"))
        self.assertEqual(
            set(self.Mentorship.search([(reason, "=", False)]).ids) & {self.file.id}, set()
        )

    def test_a_new_file_with_recent_contact_needs_nothing(self):
        self.assertEqual(self._reasons(), set())
        self.assertFalse(self.file.needs_attention)
        self.assertFalse(self._found_by("needs_attention"))
        self.assertIn(self.file, self.Mentorship.search([("needs_attention", "=", False)]))

    def test_an_overdue_action(self):
        goal = self._goal(self.file)
        action = self._actions(goal, 1, deadline="2026-05-30")
        self.assertReason("attention_overdue")
        action.action_done()
        self.assertEqual(self._reasons(), set())

    def test_an_action_the_resident_reported_done(self):
        action = self._actions(self._goal(self.file), 1)
        action.sudo().write({"state": "reported"})
        self.assertReason("attention_reported")

    def test_no_contact_for_the_days_set(self):
        self.file.date_start = date(2026, 3, 1)
        self.env["mm.contact"].search([("mentorship_id", "=", self.file.id)]).unlink()
        self._contact(datetime(2026, 4, 20, 10))  # 42 days ago, more than 30
        self.assertReason("attention_no_contact")
        self._contact(datetime(2026, 5, 29, 10))
        self.assertNotIn("attention_no_contact", self._reasons())

    def test_a_case_review_due(self):
        self.file.date_start = date(2025, 12, 1)
        self.assertReason("attention_review")

    def test_an_assessment_due_after_the_months_set(self):
        self.file.date_start = date(2025, 11, 1)  # seven months, no assessment
        self.assertReason("attention_assessment")
        self._done_assessment(self.file, self._levels(3), date="2026-01-15")
        self.assertNotIn("attention_assessment", self._reasons())  # four and a half months
        self.env["ir.config_parameter"].sudo().set_param(
            "mobility_mentoring.assessment_months", "4"
        )
        self.assertReason("attention_assessment")

    def test_a_draft_assessment_left_open(self):
        draft = self.env["mm.assessment"].create(
            {"mentorship_id": self.file.id, "date": "2026-05-25"}
        )
        self.assertNotIn("attention_draft", self._reasons())  # a week: in progress
        draft.date = "2026-05-10"
        self.assertReason("attention_draft")

    def test_a_reward_approved_and_not_delivered(self):
        self.env["mm.reward.rule"].create(
            {
                "name": "Voucher",
                "trigger": "action_done",
                "reward_type": "voucher",
                "amount": 10,
                "need_approval": True,
            }
        )
        action = self._actions(self._goal(self.file), 1)
        action.action_done()
        reward = self.env["mm.reward"].search([("source", "=", f"mm.action,{action.id}")])
        self.assertNotIn("attention_reward", self._reasons())  # proposed: the manager's
        reward.with_user(self.manager).action_approve()
        self.assertReason("attention_reward")
        reward.action_deliver()
        self.assertNotIn("attention_reward", self._reasons())

    def test_an_appointment_today_where_the_calendar_is_used(self):
        """Part of her day where Odoo's calendar is installed (the suite beside the
        apps); nothing where it is not."""
        Mine = self.Mentorship.with_user(self.mentor_a)
        if "calendar.event" not in self.env:
            self.assertFalse(self.file.with_user(self.mentor_a).meeting_today)
            self.assertFalse(Mine.search([("meeting_today", "=", True)]))
            return
        people = (self.mentor_a.partner_id | self.file.partner_id).ids
        tomorrow = self.env["calendar.event"].create(
            {
                "name": "Huisbezoek",
                "start": "2026-06-02 09:00:00",
                "stop": "2026-06-02 10:00:00",
                "partner_ids": [(6, 0, people)],
            }
        )
        self.env.invalidate_all()
        self.assertFalse(self.file.with_user(self.mentor_a).meeting_today)
        tomorrow.write({"start": "2026-06-01 13:00:00", "stop": "2026-06-01 14:00:00"})
        self.env.invalidate_all()
        self.assertTrue(self.file.with_user(self.mentor_a).meeting_today)
        self.assertIn(self.file, Mine.search([("meeting_today", "=", True)]))
        self.assertNotIn(self.file, Mine.search([("meeting_today", "=", False)]))
        # a colleague's appointment with the resident is not her day
        self.assertFalse(self.file.with_user(self.mentor_a2).meeting_today)

    def test_a_paused_file_waits(self):
        goal = self._goal(self.file)
        self._actions(goal, 1, deadline="2026-05-30")
        self.file.action_pause()
        self.assertEqual(self._reasons(), set())

    def test_a_whole_caseload_costs_what_one_file_costs(self):
        def read_my_day(count, queries=None):
            residents = self.env["res.partner"].create(
                [{"name": f"Caseload resident {n}"} for n in range(count)]
            )
            files = self.Mentorship.create(
                [
                    {"partner_id": r.id, "user_id": self.mentor_a.id, "team_id": self.team_a.id}
                    for r in residents
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            mine = files.with_user(self.mentor_a)
            if queries is None:  # warm-up: the first read fills Odoo's caches
                mine.read(["needs_attention", *REASONS])
                return
            with self.assertQueryCount(queries):
                mine.read(["needs_attention", *REASONS])

        read_my_day(1)
        read_my_day(3, MY_DAY_QUERIES)
        read_my_day(30, MY_DAY_QUERIES)


# pinned: reading the reasons of a caseload: one search per reason whatever its size,
# and the records' own row
MY_DAY_QUERIES = 10


@tagged("post_install", "-at_install")
class TestMyDayHome(MobilityMentoringCase):
    """My day is where a mentor's Odoo opens."""

    def test_a_new_mentor_starts_on_my_day(self):
        mentor = self._user("new_mentor_test", MENTOR)
        self.assertEqual(mentor.action_id.id, self.env.ref(MY_DAY).id)
        self.assertEqual(self.mentor_a.action_id.id, self.env.ref(MY_DAY).id)
        self.assertEqual(self.manager.action_id.id, self.env.ref(MY_DAY).id)

    def test_a_colleague_who_becomes_a_mentor_too(self):
        colleague = self._user("colleague_test", "base.group_user")
        self.assertFalse(colleague.action_id)
        colleague.groups_id |= self.env.ref(MENTOR)
        self.assertEqual(colleague.action_id.id, self.env.ref(MY_DAY).id)

    def test_a_colleague_put_into_the_group_from_its_own_form(self):
        colleague = self._user("colleague_test", "base.group_user")
        self.env.ref(MENTOR).write({"users": [(4, colleague.id)]})
        self.assertEqual(colleague.action_id.id, self.env.ref(MY_DAY).id)
        # a group that makes no mentor leaves the home action alone
        other = self._user("other_test", "base.group_user")
        self.env.ref("base.group_partner_manager").write({"users": [(4, other.id)]})
        self.assertFalse(other.action_id)

    def test_an_own_home_action_is_kept_and_back_office_has_its_own(self):
        own = self.env.ref("mobility_mentoring.mm_mentorship_action_client_context")
        colleague = self._user("colleague_test", "base.group_user", action_id=own.id)
        colleague.groups_id |= self.env.ref(MENTOR)
        self.assertEqual(colleague.action_id.id, own.id)
        self.assertFalse(self.backoffice.action_id)

    def test_the_demo_shows_a_day_with_work_in_it(self):
        anna = self.env.ref("mobility_mentoring.user_anna_demo")
        self.assertEqual(anna.action_id.id, self.env.ref(MY_DAY).id)
        my_day = (
            self.env["mm.mentorship"]
            .with_user(anna)
            .search([("user_id", "=", anna.id), ("needs_attention", "=", True)])
        )
        demo = {
            name: self.env.ref(f"mobility_mentoring.mentorship_{name}_demo")
            for name in ("fatima", "kees", "mohammed")
        }
        self.assertTrue(set(demo.values()) <= set(my_day))
        self.assertTrue(demo["fatima"].attention_overdue)
        self.assertTrue(demo["kees"].attention_no_contact)
        self.assertTrue(demo["mohammed"].attention_no_contact)
