import json
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MobilityMentoringCase, RpcNotesCase, pdf_text


@tagged("post_install", "-at_install")
class TestDataRights(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.files = {
            resident: cls._file(mentorship, tag)
            for resident, mentorship, tag in (
                (cls.resident_a, cls.mentorship_a, "ALPHA"),
                (cls.resident_b, cls.mentorship_b, "BRAVO"),
            )
        }

    @classmethod
    def _file(cls, mentorship, tag):
        mentorship.confidential_note = f"Note {tag}"
        assessment = cls.env["mm.assessment"]._create_from_levels(
            mentorship.id, "2020-01-10", cls._levels(3), ["debts"], f"Assessment {tag}"
        )
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": f"Goal {tag}",
                "description": f"Why {tag}",
            }
        )
        action = cls.env["mm.action"].create(
            {
                "goal_id": goal.id,
                "name": f"Action {tag}",
                "deadline": "2020-03-01",
                "if_then": f"If-then {tag}",
            }
        )
        action.action_done()
        cls.env["mm.contact"].create(
            {"mentorship_id": mentorship.id, "kind": "phone", "summary": f"Contact {tag}"}
        )
        cls.env["mm.case.review"].create(
            {"mentorship_id": mentorship.id, "note": f"Review {tag}", "followup": f"Next {tag}"}
        )
        cls.env["mm.outcome.measurement"].create(
            {
                "mentorship_id": mentorship.id,
                "indicator_id": cls.env.ref("mobility_mentoring.outcome_total_debts").id,
                "value": 4321,
            }
        )
        mentorship.with_context(mm_mentor_change_note=f"Change {tag}").user_id = cls.manager
        mentorship.message_post(body=f"Chatter {tag}")
        cls.env["mm.access.log"]._log(mentorship, "screen", "client context")
        return {"assessment": assessment, "goal": goal, "action": action}

    def test_export_holds_everything_about_the_resident_and_nothing_about_anyone_else(self):
        data = self.resident_a._mm_export_data()
        text = json.dumps(data)
        for expected in (
            "Resident A",
            "Note ALPHA",
            "Assessment ALPHA",
            "Goal ALPHA",
            "Why ALPHA",
            "Action ALPHA",
            "If-then ALPHA",
            "Contact ALPHA",
            "Review ALPHA",
            "Next ALPHA",
            "Change ALPHA",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("BRAVO", text)
        self.assertNotIn("Resident B", text)
        mentorship = data["mentorships"][0]
        self.assertEqual(mentorship["team"], "Team A")
        self.assertEqual(len(mentorship["assessments"][0]["steps"]), 9)
        self.assertEqual(mentorship["goals"][0]["actions"][0]["state"], "done")
        self.assertEqual(mentorship["rewards"][0]["rule"], "A compliment for every action done")
        self.assertEqual(len(data["client_context_openings"]), 1)
        self.assertEqual(mentorship["contacts"][0]["kind"], "phone")
        self.assertEqual(
            mentorship["outcomes"],
            [
                {
                    "indicator": "Total debts",
                    "kind": "baseline",
                    "date": mentorship["outcomes"][0]["date"],
                    "value": 4321.0,
                }
            ],
        )
        self.assertEqual(mentorship["mentor_changes"][0]["to"], self.manager.name)

    def test_the_readable_overview_shows_times_without_seconds(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.resident_a.lang = "nl_NL"
        self.mentorship_a.contact_ids.date = datetime(2025, 11, 29, 9, 15, 37)
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html(
                "mobility_mentoring.action_report_resident_data", self.resident_a.ids
            )
        )
        html = html.decode()
        self.assertRegex(html, r"29-11-2025 \d\d:15(?!:)")
        self.assertNotIn(":15:37", html)

    def test_a_manager_of_another_municipality_exports_nothing_of_ours(self):
        other = self.env["res.company"].create({"name": "Other municipality"})
        manager = self._user(
            "other_manager_test",
            "mobility_mentoring.group_mm_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        data = self.resident_a.with_user(manager)._mm_export_data()
        self.assertEqual(data["mentorships"], [])
        self.assertEqual(data["client_context_openings"], [])

    def test_only_managers_export(self):
        action = self.resident_a.with_user(self.manager).action_mm_export_data()
        self.assertEqual(
            action["url"], f"/mobility_mentoring/resident/{self.resident_a.id}/export.json"
        )
        for user in (self.mentor_a, self.backoffice):
            with self.assertRaises(AccessError):
                self.resident_a.with_user(user).action_mm_export_data()

    def test_closed_mentorships_are_anonymised_after_the_retention_period(self):
        self.env["ir.config_parameter"].set_param("mobility_mentoring.retention_months", 12)
        today = fields.Date.today()
        old, recent = self.mentorship_a, self.mentorship_b
        for mentorship, months in ((old, 13), (recent, 11)):
            closed_on = today - relativedelta(months=months)
            mentorship.write(
                {
                    "state": "closed",
                    "date_start": "2019-01-01",
                    "date_end": closed_on,
                    "state_date": closed_on,
                }
            )
        file = self.files[self.resident_a]
        figures = (old.bridge_score, file["assessment"].bridge_score, file["action"].done_on_time)
        levels = file["assessment"].line_ids.mapped("level")

        self.env["mm.mentorship"]._cron_anonymise()
        self.env.cr.flush()  # the commit hooks, where tracking messages are written
        self.env.invalidate_all()
        self.assertFalse(
            self.env["mail.tracking.value"].search([("old_value_char", "ilike", "Resident A")]),
            "no tracking keeps the name",
        )

        self.assertTrue(old.is_anonymised)
        self.assertFalse(recent.is_anonymised)
        self.assertFalse(old.partner_id)
        self.assertEqual(old.display_name, f"Anonymised mentorship {old.id}")
        self.assertFalse(
            self.env["mm.mentorship"].search([("partner_id", "=", self.resident_a.id)])
        )
        data = json.dumps(self.resident_a._mm_export_data())
        self.assertNotIn("ALPHA", data, "nothing is left that leads back to the resident")
        # no name, note or free text left, in the records or their chatter
        self.assertFalse(old.confidential_note)
        self.assertFalse(file["assessment"].note)
        self.assertFalse(any(file["assessment"].line_ids.mapped("note")))
        self.assertEqual((file["goal"].name, file["goal"].description), ("Goal", False))
        self.assertEqual(file["action"].name, "Action")
        self.assertFalse(old.review_ids.note or old.review_ids.followup)
        self.assertFalse(old.mentor_change_ids.note)
        self.assertEqual(old.outcome_ids.value, 4321, "outcomes are figures: they remain")
        for record in (old, file["assessment"], file["goal"], file["action"]):
            self.assertFalse(record.message_ids, record)
            self.assertFalse(record.partner_id if "partner_id" in record._fields else False)
        self.assertFalse(
            self.env["mm.access.log"].search([("mentorship_id", "=", old.id)]).partner_id
        )
        # the figures remain
        self.assertEqual(
            (old.bridge_score, file["assessment"].bridge_score, file["action"].done_on_time),
            figures,
        )
        self.assertEqual(file["assessment"].line_ids.mapped("level"), levels)
        self.assertEqual(file["action"].state, "done")
        self.assertEqual(old.reward_ids.mapped("state"), ["approved"])
        # and the other resident's file is untouched
        self.assertEqual(recent.partner_id, self.resident_b)
        self.assertEqual(self.files[self.resident_b]["goal"].name, "Goal BRAVO")


# Over HTTP, and the readable PDF
@tagged("post_install", "-at_install")
class TestDataRightsOverHttp(RpcNotesCase):
    """The resident's data as a manager downloads and prints it."""

    def test_the_data_export_over_http(self):
        partner = self.mentorships["a"].partner_id
        url = f"/mobility_mentoring/resident/{partner.id}/export.json"
        self.authenticate("rpc_manager", "rpc_manager")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = response.json()
        self.assertEqual(data["resident"]["name"], "RPC resident a")
        self.assertEqual(data["mentorships"][0]["coaching_note"], "Secret note a")
        self.assertNotIn("resident b", response.text)
        self.authenticate("rpc_mentor_a", "rpc_mentor_a")
        self.assertNotEqual(self.url_open(url).status_code, 200)

    def test_the_readable_pdf_for_the_resident_in_their_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        partner = self.mentorships["a"].partner_id
        # outside tests Odoo always renders through wkhtmltopdf; in tests only when forced
        report = (
            self.env["ir.actions.report"]
            .with_user(self.users["rpc_manager"])
            .with_context(force_report_rendering=True)
        )
        pdf, _type = report._render_qweb_pdf(
            "mobility_mentoring.action_report_resident_data", partner.ids
        )
        text = pdf_text(pdf)
        self.assertIn("Wat we over je bewaren", text)
        self.assertIn("RPC resident a", text)
        self.assertIn("Secret note a", text)
        self.assertNotIn("resident b", text)
