from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ConcurrencyCase, MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestCaseload(MobilityMentoringCase):
    """A mentor's caseload (active and paused mentorships) against their team's
    advised (soft) and maximum (hard) caseload."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_a.write({"caseload_soft_limit": 2, "caseload_hard_limit": 3})
        cls.residents = cls.env["res.partner"].create(
            [{"name": f"Caseload resident {n}"} for n in range(1, 6)]
        )

    def _start(self, resident, mentor=None, env=None):
        env = env or self.env
        return env["mm.mentorship"].create(
            {
                "partner_id": resident.id,
                "user_id": (mentor or self.mentor_a).id,
                "team_id": self.team_a.id,
            }
        )

    def test_caseload_counts_active_and_paused_not_closed(self):
        second, third = self._start(self.residents[0]), self._start(self.residents[1])
        self.assertEqual(self.mentor_a.mm_caseload, 3)
        second.action_pause()
        self.assertEqual(self.mentor_a.mm_caseload, 3)
        third.action_close()
        self.mentor_a.invalidate_recordset(["mm_caseload"])  # as a new request would
        self.assertEqual(self.mentor_a.mm_caseload, 2)
        self.assertEqual(self.mentor_a2.mm_caseload, 0)

    def test_the_maximum_refuses_naming_limit_and_caseload(self):
        self._start(self.residents[0])
        self._start(self.residents[1])
        with self.assertRefused(
            ValidationError, r"caseload of .* is already 3.*at most 3 residents"
        ):
            self._start(self.residents[2])

    def test_the_maximum_holds_when_handing_over_and_reopening(self):
        self._start(self.residents[0])
        closed = self._start(self.residents[1])
        closed.action_close()
        other = self._start(self.residents[2], self.mentor_a2)
        self._start(self.residents[3])  # mentor A: 3 now
        with self.assertRefused(ValidationError, "caseload of .* is already 3"):
            other.user_id = self.mentor_a
        with self.assertRefused(ValidationError, "caseload of .* is already 3"):
            closed.action_resume()
        # resuming a paused one of one's own changes nothing
        self.mentorship_a.action_pause()
        self.mentorship_a.action_resume()

    def test_the_advised_caseload_warns_while_assigning(self):
        self._start(self.residents[0])  # mentor A: 2, the advised caseload
        warning = self.mentor_a._mm_caseload_warning(self.team_a)
        self.assertIn("would coach 3 residents", warning["message"])
        self.assertIn("advises at most 2", warning["message"])
        self.assertIsNone(self.mentor_a2._mm_caseload_warning(self.team_a))
        # their own mentorship does not count twice
        self.assertIsNone(self.mentor_a._mm_caseload_warning(self.team_a, self.mentorship_a))
        draft = self.env["mm.mentorship"].new(
            {"team_id": self.team_a.id, "user_id": self.mentor_a.id}
        )
        self.assertIn("advises", draft._onchange_caseload()["warning"]["message"])

    def test_a_mentor_coaching_in_two_teams_counts_once_for_all(self):
        self.team_b.member_ids = [Command.link(self.mentor_a.id)]
        self.env["mm.mentorship"].create(
            {
                "partner_id": self.residents[0].id,
                "user_id": self.mentor_a.id,
                "team_id": self.team_b.id,
            }
        )
        self._start(self.residents[1])
        with self.assertRefused(ValidationError, "caseload of .* is already 3"):
            self._start(self.residents[2])

    def test_managers_set_the_limits_sanely(self):
        with self.assertRefused(ValidationError, "at most the maximum"):
            self.team_a.with_user(self.manager).caseload_soft_limit = 4
        with self.assertRefused(ValidationError, "at least 1"):
            self.team_a.with_user(self.manager).caseload_soft_limit = 0
        self.team_a.with_user(self.manager).write(
            {"caseload_soft_limit": 25, "caseload_hard_limit": 40}
        )

    def test_mentors_read_caseloads_but_do_not_set_limits(self):
        members = self.team_a.with_user(self.mentor_a).member_ids
        self.assertEqual(
            {user.login: user.mm_caseload for user in members},
            {"mentor_a_test": 1, "mentor_a2_test": 0},
        )
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.mentor_a).caseload_hard_limit = 99


@tagged("post_install", "-at_install")
class TestCaseloadOnEveryWayIn(MobilityMentoringCase):
    # hole 9
    def test_moving_a_file_to_a_team_at_its_maximum_is_refused(self):
        self.team_b.member_ids |= self.mentor_a
        self.team_b.write({"caseload_soft_limit": 1, "caseload_hard_limit": 1})
        second = self.env["mm.mentorship"].create(
            {
                "partner_id": self.resident_c.id,
                "user_id": self.mentor_a.id,
                "team_id": self.team_a.id,
            }
        )
        with self.assertRefused(ValidationError, r"caseload of .* is already 1.*at most 1"):
            second.with_user(self.manager).team_id = self.team_b
        self.assertEqual(second.team_id, self.team_a)
        self.team_b.caseload_hard_limit = 2
        second.with_user(self.manager).team_id = self.team_b
        self.assertEqual(second.team_id, self.team_b)


# Concurrency: real, committed transactions on two cursors
@tagged("post_install", "-at_install")
class TestCaseloadConcurrency(ConcurrencyCase):
    """Two managers hand the same mentor their last allowed resident at the same time,
    each in a transaction of their own: they must never both commit."""

    def _commit_records(self, env):
        mentor = env["res.users"].create({"name": "Busy mentor", "login": "busy_mentor_race"})
        team = env["mm.team"].create(
            {
                "name": "Caseload race team",
                "member_ids": [(6, 0, mentor.ids)],
                "caseload_soft_limit": 1,
                "caseload_hard_limit": 1,
            }
        )
        residents = env["res.partner"].create(
            [{"name": "Race resident 1"}, {"name": "Race resident 2"}]
        )
        return {"mentor": mentor.id, "team": team.id, "residents": residents.ids}

    def _remove_committed_records(self, env):
        env["mm.mentorship"].search([("team_id", "=", self.ids["team"])]).unlink()
        env["mm.team"].browse(self.ids["team"]).unlink()
        env["res.partner"].browse(self.ids["residents"]).unlink()
        env["res.users"].browse(self.ids["mentor"]).unlink()

    def _hand(self, env, resident_id):
        env["mm.mentorship"].create(
            {"partner_id": resident_id, "user_id": self.ids["mentor"], "team_id": self.ids["team"]}
        )
        env.flush_all()

    def test_two_managers_never_both_fill_the_last_place(self):
        first, second = self.ids["residents"]

        def no_mentorship_yet(env):
            self.assertEqual(
                env["mm.mentorship"].search_count([("team_id", "=", self.ids["team"])]), 0
            )

        self._assert_the_second_loses(
            lambda env: self._hand(env, first),
            lambda env: self._hand(env, second),
            ValidationError,
            "caseload of .* is already 1",
            snapshot=no_mentorship_yet,
        )
        with self._committed() as env:
            self.assertEqual(
                env["mm.mentorship"].search_count([("user_id", "=", self.ids["mentor"])]), 1
            )
