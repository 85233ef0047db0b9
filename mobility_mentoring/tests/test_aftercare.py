from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.mm_mentorship_aftercare import AFTERCARE_PARAMETER, AFTERCARE_TODO
from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestAftercare(MobilityMentoringCase):
    """After a completed exit: follow-ups months later, a measurement that changes
    nothing of the file, MijnOverzicht open until the last follow-up, and the results
    after exit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.mentorship_a | cls.mentorship_b).write({"date_start": "2025-06-01"})

    def _close(self, mentorship, reason="completed", day="2026-03-10"):
        with freeze_time(day):
            mentorship.with_user(self.mentor_a)._close(reason)

    def _followups(self, mentorship):
        return mentorship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(AFTERCARE_TODO)
        ).sorted("date_deadline")

    def test_a_completed_exit_gets_follow_ups_at_3_6_and_12_months(self):
        self._close(self.mentorship_a)
        followups = self._followups(self.mentorship_a)
        self.assertEqual(
            followups.mapped("date_deadline"),
            [date(2026, 6, 10), date(2026, 9, 10), date(2027, 3, 10)],
        )
        self.assertEqual(followups.user_id, self.mentor_a)
        self.assertEqual(self.mentorship_a.aftercare_until, date(2027, 3, 10))

    def test_the_close_wizard_starts_the_aftercare(self):
        action = self.mentorship_a.with_user(self.mentor_a).action_open_close_wizard()
        form = Form(
            self.env[action["res_model"]].with_user(self.mentor_a).with_context(**action["context"])
        )
        form.close_reason = "completed"
        form.save().action_confirm()
        self.assertEqual(len(self._followups(self.mentorship_a)), 3)

    def test_other_exits_get_no_aftercare(self):
        self._close(self.mentorship_a, "moved")
        self.assertFalse(self._followups(self.mentorship_a))
        self.assertFalse(self.mentorship_a.aftercare_until)

    def test_the_team_lead_follows_up_when_the_mentor_has_left(self):
        self.team_a.leader_id = self.mentor_a2
        self.team_a.member_ids -= self.mentor_a
        self._close(self.mentorship_a)
        self.assertEqual(self._followups(self.mentorship_a).user_id, self.mentor_a2)

    def test_the_months_are_a_setting(self):
        self.env["ir.config_parameter"].set_param(AFTERCARE_PARAMETER, "2, 4")
        self._close(self.mentorship_a)
        self.assertEqual(
            self._followups(self.mentorship_a).mapped("date_deadline"),
            [date(2026, 5, 10), date(2026, 7, 10)],
        )
        settings = self.env["res.config.settings"]
        for wrong in ("12, 3", "three", "0, 6", "6, 61"):
            with self.subTest(wrong=wrong), self.assertRaises(ValidationError):
                settings.create({"mm_aftercare_months": wrong})
        # a typo in the system parameter keeps the default, never stops a closing
        self.env["ir.config_parameter"].set_param(AFTERCARE_PARAMETER, "3 6 x")
        logger = "odoo.addons.mobility_mentoring.models.res_config_settings"
        with self.assertLogs(logger, "WARNING") as logged:
            self.assertEqual(self.env["res.config.settings"]._mm_aftercare_months(), [3, 6, 12])
        self.assertIn("'3 6 x'", logged.output[0])

    def test_reopening_ends_the_aftercare(self):
        self._close(self.mentorship_a)
        self.mentorship_a.with_user(self.mentor_a).action_resume()
        self.assertFalse(self._followups(self.mentorship_a))
        self.assertFalse(self.mentorship_a.aftercare_until)

    def test_an_aftercare_measurement_changes_nothing_of_the_file(self):
        rule = self.env["mm.reward.rule"].create(
            {"name": "Assessed", "trigger": "assessment_done", "reward_type": "card", "amount": 2}
        )
        first = self._done_assessment(self.mentorship_a, self._levels(2), date="2025-06-10")
        last = self._done_assessment(self.mentorship_a, self._levels(3), date="2026-02-10")
        self._close(self.mentorship_a)
        before = {
            fname: self.mentorship_a[fname]
            for fname in ("state", "date_end", "bridge_score", "bridge_score_change")
        }
        rewards = self.mentorship_a.reward_ids
        snapshot = self.env["mm.bridge.snapshot"].search(
            [("mentorship_id", "=", self.mentorship_a.id)]
        )
        rows = snapshot.mapped(lambda row: (row.month, row.bridge_score))

        later = self._done_assessment(self.mentorship_a, self._levels(4), date="2026-06-12")
        income = self.env.ref("mobility_mentoring.outcome_net_income")
        measured = self.env["mm.outcome.measurement"].create(
            {
                "mentorship_id": self.mentorship_a.id,
                "indicator_id": income.id,
                "date": "2026-06-12",
                "value": 1400,
            }
        )
        self.assertTrue(later.is_aftercare and measured.is_aftercare)
        self.assertFalse(first.is_aftercare or last.is_aftercare)
        self.assertRecordValues(self.mentorship_a, [before])
        self.assertEqual(self.mentorship_a.reward_ids, rewards, "no reward for aftercare")
        self.assertTrue(rule)
        snapshot = self.env["mm.bridge.snapshot"].search(
            [("mentorship_id", "=", self.mentorship_a.id)]
        )
        self.assertEqual(snapshot.mapped(lambda row: (row.month, row.bridge_score)), rows)
        # the result after exit: the aftercare against the score at exit
        self.assertRecordValues(
            self.mentorship_a,
            [
                {
                    "aftercare_assessment_id": later.id,
                    "aftercare_change": later.bridge_score - last.bridge_score,
                    "aftercare_result": "kept",
                }
            ],
        )
        lower = self._done_assessment(self.mentorship_a, self._levels(1), date="2026-09-14")
        self.assertEqual(self.mentorship_a.aftercare_assessment_id, lower)
        self.assertEqual(self.mentorship_a.aftercare_result, "fell_back")

    def test_mijnoverzicht_stays_open_through_the_aftercare(self):
        self.resident_a.mm_portal_access = True
        self.resident_b.mm_portal_access = True
        self._close(self.mentorship_a, "completed")
        self.mentorship_b.sudo()._close("moved")
        self.assertTrue(self.resident_a.mm_portal_access)
        self.assertFalse(self.resident_b.mm_portal_access)
        Mentorship = self.env["mm.mentorship"]
        with freeze_time("2027-03-10"):  # the last follow-up's day
            Mentorship._cron_aftercare()
        self.assertTrue(self.resident_a.mm_portal_access)
        with freeze_time("2027-03-11"):
            Mentorship._cron_aftercare()
        self.assertFalse(self.resident_a.mm_portal_access)

    @freeze_time("2027-04-01")
    def test_the_outcomes_after_exit_against_the_values_at_exit(self):
        income = self.env.ref("mobility_mentoring.outcome_net_income")  # higher is better
        debts = self.env.ref("mobility_mentoring.outcome_total_debts")  # lower is better

        def measure(indicator, day, value):
            return self.env["mm.outcome.measurement"].create(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "indicator_id": indicator.id,
                    "date": day,
                    "value": value,
                }
            )

        measure(income, "2025-06-10", 900)
        measure(income, "2026-02-10", 1200)  # at exit: the last before it
        measure(debts, "2025-06-10", 8000)
        measure(debts, "2026-02-10", 5000)
        self._close(self.mentorship_a)  # 10 March 2026
        after = (
            measure(income, "2026-06-12", 1150)  # 50 less than at exit, more than at start
            | measure(debts, "2026-06-12", 4000)
            | measure(income, "2027-03-08", 1200)  # as at exit: kept
        )
        self.assertRecordValues(
            after,
            [
                {"is_aftercare": True, "months_after_exit": 3, "after_exit_result": "fell_back"},
                {"is_aftercare": True, "months_after_exit": 3, "after_exit_result": "kept"},
                {"is_aftercare": True, "months_after_exit": 12, "after_exit_result": "kept"},
            ],
        )
        during = self.mentorship_a.outcome_ids - after
        self.assertEqual(set(during.mapped("after_exit_result")), {False})

        # Monitoring > Outcomes after exit, as a manager: per indicator and months
        action = self.env.ref("mobility_mentoring.mm_outcome_measurement_action_after_exit")
        domain = safe_eval(action.domain)
        figures = (
            self.env["mm.outcome.measurement"]
            .with_user(self.manager)
            ._read_group(
                domain, ["indicator_id", "months_after_exit", "after_exit_result"], ["__count"]
            )
        )
        self.assertEqual(
            sorted((i.id, months, result, n) for i, months, result, n in figures),
            sorted(
                [
                    (income.id, 3, "fell_back", 1),
                    (income.id, 12, "kept", 1),
                    (debts.id, 3, "kept", 1),
                ]
            ),
        )
