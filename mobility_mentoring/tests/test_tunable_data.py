import re

from odoo.tests import tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestTunableData(MobilityMentoringCase):
    def test_crons_and_activity_types_stay_as_administrators_set_them(self):
        for xmlid in (
            "mm_action_cron_overdue",
            "mm_retention_cron_anonymise",
            "mail_activity_type_mm_action_overdue",
            "mail_activity_type_mm_reward_approval",
            "mail_activity_type_mm_retention_failed",
            "mail_template_mm_action_list",
        ):
            data = self.env["ir.model.data"].search(
                [("module", "=", "mobility_mentoring"), ("name", "=", xmlid)]
            )
            self.assertTrue(data.noupdate, xmlid)

    def test_each_job_calls_a_method_of_its_model(self):
        """Jobs are shipped noupdate, so a method that moved takes its job along only
        through a migration: on an upgraded database this proves it did."""
        crons = self.env["ir.cron"].search(
            [("id", "in", self._our_records("ir.cron")), ("active", "in", (True, False))]
        )
        self.assertEqual(len(crons), 6)
        for cron in crons:
            with self.subTest(cron=cron.name):
                method = re.fullmatch(r"model\.(\w+)\(\)", cron.code).group(1)
                self.assertTrue(callable(getattr(self.env[cron.model_id.model], method, None)))

    def _our_records(self, model):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", "mobility_mentoring"), ("model", "=", model)])
            .mapped("res_id")
        )
