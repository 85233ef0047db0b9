from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import users, warmup
from odoo.tools import mute_logger

from .common import BusyMentorCase, MobilityMentoringCase, OtherMunicipalityCase


@tagged("post_install", "-at_install")
class TestMentorship(MobilityMentoringCase):
    def test_one_active_mentorship_per_resident(self):
        with self.assertRefused(
            ValidationError,
            r"Resident A already has an active mentorship with mentor_a_test .*\(Team A\)",
        ):
            self.env["mm.mentorship"].create(
                {
                    "partner_id": self.resident_a.id,
                    "team_id": self.team_b.id,
                    "user_id": self.mentor_b.id,
                }
            )

    @mute_logger("odoo.sql_db")
    def test_a_mentorship_needs_a_resident(self):
        with self.assertRaises(IntegrityError):
            self.env["mm.mentorship"].create({"team_id": self.team_a.id})

    def test_the_rule_holds_across_teams_the_mentor_cannot_see(self):
        # need-to-know: the mentor learns neither the other team nor its mentor
        with self.assertRefused(
            ValidationError,
            r"^Resident B already has an active mentorship in another team. Ask a manager.$",
        ):
            self.env["mm.mentorship"].with_user(self.mentor_a).create(
                {"partner_id": self.resident_b.id, "team_id": self.team_a.id}
            )

    def test_protected_fields_cannot_be_sent_over_rpc(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a)
        exception = {
            "action_limit_exception": 99,
            "action_limit_exception_reason": "I say so",
            "action_limit_exception_until": "2999-01-01",
        }
        with self.assertRaises(AccessError):
            Mentorship.create(
                {"partner_id": self.resident_c.id, "team_id": self.team_a.id, **exception}
            )
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.mentor_a).write({"is_anonymised": True})
        self.mentorship_a.write(exception)
        self.assertFalse(
            self.mentorship_a.copy({"partner_id": self.resident_c.id}).action_limit_exception
        )

    def test_closing_by_write_sets_the_end_date(self):
        self.mentorship_a.write({"state": "closed"})
        self.assertEqual(self.mentorship_a.date_end, fields.Date.context_today(self.mentorship_a))

    def test_a_paused_or_closed_mentorship_leaves_room_for_a_new_one(self):
        self.mentorship_a.action_pause()
        second = self.env["mm.mentorship"].create(
            {"partner_id": self.resident_a.id, "team_id": self.team_b.id}
        )
        with self.assertRefused(ValidationError, "already has an active mentorship"):
            self.mentorship_a.action_resume()
        second.action_close()
        self.assertEqual(second.date_end, fields.Date.context_today(second))
        self.mentorship_a.action_resume()
        self.assertEqual(self.mentorship_a.state, "active")

    def test_state_transitions(self):
        with self.assertRefused(UserError, "is active"):
            self.mentorship_a.action_resume()
        self.mentorship_a.action_close()
        with self.assertRefused(UserError, "is closed"):
            self.mentorship_a.action_pause()
        self.mentorship_a.action_resume()
        self.assertFalse(self.mentorship_a.date_end)

    def test_end_not_before_start(self):
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            self.mentorship_a.write({"date_start": "2025-05-01", "date_end": "2025-04-01"})

    def test_defaults_for_a_mentor(self):
        mentorship = (
            self.env["mm.mentorship"]
            .with_user(self.mentor_a)
            .create({"partner_id": self.resident_c.id})
        )
        self.assertEqual(mentorship.user_id, self.mentor_a)
        self.assertEqual(mentorship.team_id, self.team_a)
        self.assertEqual(mentorship.company_id, self.company)
        self.assertEqual(mentorship.display_name, "Resident C")

    def test_contact_smart_button(self):
        self.assertEqual(self.resident_a.with_user(self.mentor_a).mm_mentorship_count, 1)
        action = self.resident_a.with_user(self.mentor_a).action_view_mm_mentorships()
        self.assertEqual(action["res_id"], self.mentorship_a.id)
        # need-to-know: team B's mentorship is not counted for a mentor of team A
        self.assertEqual(self.resident_b.with_user(self.mentor_a).mm_mentorship_count, 0)

    def test_open_assessment_continues_the_draft(self):
        action = self.mentorship_a.action_open_assessment()
        self.assertFalse(action["res_id"])
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertEqual(self.mentorship_a.action_open_assessment()["res_id"], draft.id)
        self.assertEqual(self.mentorship_a.assessment_count, 1)

    def test_team_counts_active_mentorships(self):
        self.assertEqual(self.team_a.active_mentorship_count, 1)
        self.mentorship_a.action_pause()
        self.team_a.invalidate_recordset(["active_mentorship_count"])
        self.assertEqual(self.team_a.active_mentorship_count, 0)


@tagged("post_install", "-at_install")
class TestMentorAndStart(OtherMunicipalityCase):
    """A mentor keeps the file a mentor, and its start."""

    # also noticed
    def test_a_mentor_keeps_the_file_a_mentor_and_its_start(self):
        mentorship = self.mentorship_a.with_user(self.mentor_a)
        with self.assertRefused(AccessError, "keeps a mentor"):
            mentorship.user_id = False
        with self.assertRefused(AccessError, "Only a manager can change when"):
            mentorship.date_start = "2020-01-01"
        mentorship.date_start = self.mentorship_a.date_start  # a form resends it: harmless
        self.mentorship_a.with_user(self.manager).date_start = "2024-06-01"
        self.assertEqual(str(self.mentorship_a.date_start), "2024-06-01")


# Query counts, pinned: the mentorships kanban as a mentor, the same for a few contact
# moments or many
KANBAN = 9


@tagged("post_install", "-at_install")
class TestMentorshipPerformance(BusyMentorCase):
    def _kanban_specification(self):
        Mentorship = self.env["mm.mentorship"]
        view = Mentorship.get_views([(False, "kanban")])
        fields = view["models"]["mm.mentorship"]["fields"]
        return {
            fname: {"fields": {"display_name": {}}} if Mentorship._fields[fname].relational else {}
            for fname in fields
        }

    def _load_kanban(self):
        specification = self._kanban_specification()
        self.env.invalidate_all()
        with self.assertQueryCount(KANBAN):
            result = self.env["mm.mentorship"].web_search_read(
                [("state", "=", "active")], specification, limit=40
            )
        self.assertEqual(result["length"], len(self.mentorships))

    @users("mentor_a_test")
    @warmup
    def test_kanban_with_a_few_contacts(self):
        self._contacts(1)
        self._load_kanban()

    @users("mentor_a_test")
    @warmup
    def test_kanban_with_many_contacts(self):
        self._contacts(30)
        self._load_kanban()
