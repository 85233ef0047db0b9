from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DebtsOnFileCase, MobilityMentoringCase

# from the measurements below until today, when the residents' mentorships started
PERIOD = (date(2025, 1, 1), date.today())


@tagged("post_install", "-at_install")
class TestOutcome(MobilityMentoringCase):
    """Outcome indicators: baseline, target and a measurement with every done
    assessment; share improved and median change per team; amounts for the team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.income = cls.env.ref("mobility_mentoring.outcome_net_income")
        cls.debts = cls.env.ref("mobility_mentoring.outcome_total_debts")
        cls.work = cls.env.ref("mobility_mentoring.outcome_paid_work")

    def _measure(self, mentorship, indicator, value, date="2025-01-10", **values):
        return self.env["mm.outcome.measurement"].create(
            {
                "mentorship_id": mentorship.id,
                "indicator_id": indicator.id,
                "value": value,
                "date": date,
                **values,
            }
        )

    def _resident(self, name):
        partner = self.env["res.partner"].create({"name": name})
        return self.env["mm.mentorship"].create(
            {"partner_id": partner.id, "user_id": self.mentor_a2.id, "team_id": self.team_a.id}
        )

    def test_the_shipped_indicators(self):
        codes = self.env["mm.outcome.indicator"].search([]).mapped("code")
        expected = ["net_income", "total_debts", "creditors", "savings", "paid_work"]
        self.assertEqual(codes[:5], expected)
        self.assertIn("work_hours", codes)
        self.assertIn("arrears", codes)
        self.assertEqual(self.debts.direction, "lower")

    def test_the_first_value_is_the_baseline_the_next_a_measurement(self):
        baseline = self._measure(self.mentorship_a, self.debts, 9000)
        later = self._measure(self.mentorship_a, self.debts, 7000, date="2025-04-01")
        self.assertEqual((baseline.kind, later.kind), ("baseline", "measurement"))
        self.assertEqual(later.improvement, "improved")  # lower debts are better
        self.assertEqual(self._measure(self.mentorship_a, self.debts, 9500).improvement, "worse")
        with self.assertRefused(ValidationError, "one Baseline for Total debts"):
            self._measure(self.mentorship_a, self.debts, 1, kind="baseline")
        self._measure(self.mentorship_a, self.debts, 0, kind="target")
        with self.assertRefused(ValidationError, "one Target"):
            self._measure(self.mentorship_a, self.debts, 100, kind="target")

    def test_values_make_sense_for_their_unit(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._measure(self.mentorship_a, self.income, -1)
        with self.assertRefused(ValidationError, "yes .1. or no .0."):
            self._measure(self.mentorship_a, self.work, 2)
        hours = self.env.ref("mobility_mentoring.outcome_work_hours")
        with self.assertRefused(ValidationError, "168 hours"):
            self._measure(self.mentorship_a, hours, 200)

    def test_an_assessment_is_prefilled_with_the_last_values(self):
        self._measure(self.mentorship_a, self.income, 1200)
        self._measure(self.mentorship_a, self.income, 1350, date="2025-02-01")
        self._measure(self.mentorship_a, self.debts, 9000)
        self._measure(self.mentorship_a, self.debts, 0, kind="target")
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        self.assertRecordValues(
            assessment.outcome_ids,
            [
                {"indicator_id": self.income.id, "kind": "measurement", "value": 1350},
                {"indicator_id": self.debts.id, "kind": "measurement", "value": 9000},
            ],
        )
        assessment.date = "2025-06-01"
        self.assertEqual(set(assessment.outcome_ids.mapped("date")), {assessment.date})
        assessment.outcome_ids[1].value = 8000
        self.assertEqual(assessment.outcome_ids.mapped("improvement"), ["improved", "improved"])

    def test_yes_or_no_improves_in_its_direction(self):
        arrears = self.env.ref("mobility_mentoring.outcome_arrears")
        self._measure(self.mentorship_a, arrears, 1)
        self.assertEqual(self._measure(self.mentorship_a, arrears, 0).improvement, "improved")
        self._measure(self.mentorship_a, self.work, 0)
        self.assertEqual(self._measure(self.mentorship_a, self.work, 1).improvement, "improved")

    def test_team_monitoring_share_improved_and_median(self):
        residents = [self.mentorship_a, *(self._resident(f"Outcome {n}") for n in range(3))]
        changes = [-3000, -1000, 500, 0]  # debts: two improved, one worse, one unchanged
        for mentorship, change in zip(residents, changes, strict=True):
            self._measure(mentorship, self.debts, 5000)
            self._measure(mentorship, self.debts, 5000 + change, date="2025-03-01")
        draft = self.env["mm.assessment"].create({"mentorship_id": residents[0].id})
        draft.outcome_ids.value = 0  # a draft does not count
        monitoring = self.env["report.mobility_mentoring.report_team_monitoring"]
        figures = monitoring._figures(self.team_a, *PERIOD)
        (debts,) = figures["outcomes"]
        self.assertEqual(debts["indicator"], self.debts)
        self.assertEqual((debts["measured"], debts["improved"]), (4, 2))
        self.assertEqual(debts["improved_share"], 50)
        self.assertEqual(debts["median_change"], -500)
        # back office sees the shares, not the amounts
        figures = monitoring.with_user(self.backoffice)._figures(
            self.team_a.with_user(self.backoffice), *PERIOD
        )
        self.assertEqual(figures["outcomes"][0]["improved"], 2)
        self.assertIsNone(figures["outcomes"][0]["median_change"])

    def test_back_office_reads_the_direction_never_the_amount(self):
        self._measure(self.mentorship_a, self.income, 1200)
        later = self._measure(self.mentorship_a, self.income, 1400, date="2025-05-01")
        seen = later.with_user(self.backoffice)
        self.assertEqual(seen.read(["improvement"])[0]["improvement"], "improved")
        with self.assertRaises(AccessError):
            seen.read(["value"])
        with self.assertRaises(AccessError):
            seen.search_read([("value", ">", 1000)], ["indicator_id"])
        with self.assertRaises(AccessError):
            seen.write({"date": "2025-05-02"})
        report = self.env["report.mobility_mentoring.report_progress"].with_user(self.backoffice)
        (row,) = report._outcome_rows(self.mentorship_a.with_user(self.backoffice))
        self.assertIsNone(row["baseline"]["value"])
        self.assertEqual(row["measured"][0]["label"], "Improved")
        (row,) = self.env["report.mobility_mentoring.report_progress"]._outcome_rows(
            self.mentorship_a
        )
        self.assertEqual(row["measured"][0]["value"], 1400)

    def test_another_team_sees_nothing_and_writes_nothing(self):
        measurement = self._measure(self.mentorship_a, self.income, 1200)
        Measurement = self.env["mm.outcome.measurement"].with_user(self.mentor_b)
        self.assertFalse(Measurement.search([]))
        with self.assertRaises(AccessError):
            Measurement.create(
                {"mentorship_id": self.mentorship_a.id, "indicator_id": self.debts.id, "value": 1}
            )
        with self.assertRaises(AccessError):
            measurement.with_user(self.mentor_b).value = 10

    def test_only_managers_configure_indicators(self):
        with self.assertRaises(AccessError):
            self.income.with_user(self.mentor_a).name = "Income"
        self.income.with_user(self.manager).name = "Netto inkomen per maand"
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["mm.outcome.indicator"].create({"name": "Copy", "code": "net_income"})


@tagged("post_install", "-at_install")
class TestHistoryStaysHistory(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.savings = cls.env.ref("mobility_mentoring.outcome_savings")
        cls.debts = cls.env.ref("mobility_mentoring.outcome_total_debts")
        cls.draft = cls.env["mm.assessment"]._create_from_levels(
            cls.mentorship_a.id, "2025-01-15", cls._levels(3), []
        )
        cls.measured = cls.env["mm.outcome.measurement"].create(
            {"assessment_id": cls.draft.id, "indicator_id": cls.savings.id, "value": 100}
        )

    # hole 5
    def test_the_values_of_a_done_assessment_are_history(self):
        Measurement = self.env["mm.outcome.measurement"].with_user(self.mentor_a)
        with self.assertRefused(UserError, "done and can only be changed by a manager"):
            self.measured.with_user(self.mentor_a).value = 5000
        with self.assertRefused(UserError, "done and can only be changed by a manager"):
            Measurement.create(
                {"assessment_id": self.draft.id, "indicator_id": self.debts.id, "value": 1}
            )
        with self.assertRefused(UserError, "done and can only be changed by a manager"):
            self.measured.with_user(self.mentor_a).unlink()
        self.assertEqual(self.measured.value, 100)
        # a manager corrects them, as they correct a step
        self.measured.with_user(self.manager).value = 120
        self.assertEqual(self.measured.value, 120)
        # values outside an assessment (a target) stay the mentor's
        target = Measurement.create(
            {"mentorship_id": self.mentorship_a.id, "indicator_id": self.debts.id, "kind": "target"}
        )
        target.value = 0
        target.unlink()


@tagged("post_install", "-at_install")
class TestOutcomeAmountHidden(DebtsOnFileCase):
    """No amount found by trying values in a form."""

    def test_no_amount_by_trying_values_in_a_form(self):
        for user in (self.backoffice, self.mentor_b):
            with self.subTest(user=user.login):
                answers = {
                    self.env["mm.outcome.measurement"]
                    .with_user(user)
                    .onchange(
                        {
                            "mentorship_id": self.mentorship_a.id,
                            "indicator_id": self.debts.id,
                            "kind": "measurement",
                            "value": value,
                        },
                        [],
                        {"improvement": {}},
                    )["value"]
                    .get("improvement")
                    for value in (1, 14500, 99999)
                }
                self.assertLessEqual(answers, {False, None}, "no direction of a typed value")
        # the file's own mentor sees the direction as they type
        answer = (
            self.env["mm.outcome.measurement"]
            .with_user(self.mentor_a)
            .onchange(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "indicator_id": self.debts.id,
                    "kind": "measurement",
                    "value": 1,
                },
                [],
                {"improvement": {}},
            )
        )
        self.assertEqual(answer["value"]["improvement"], "improved")
