from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestMentorshipClose(MobilityMentoringCase):
    """*Close* asks why; the reason stays on the file, in the team's monitoring and
    in the resident's export; closed without it, the reason is "not recorded"."""

    def _close(self, mentorship, reason="completed", note=None, user=None):
        action = mentorship.with_user(user or self.mentor_a).action_open_close_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.mentor_a)
            .with_context(**action["context"])
        )
        form.close_reason = reason
        if note:
            form.note = note
        return form.save().action_confirm()

    def test_the_wizard_closes_with_the_reason_and_the_note(self):
        # Odoo tracks no record created in the same transaction: end the set-up's first
        self.env.cr.flush()
        self._close(self.mentorship_a, "completed", note="Debts in a plan, found work")
        self.assertRecordValues(
            self.mentorship_a,
            [{"state": "closed", "close_reason": "completed", "date_end": date.today()}],
        )
        self.env.cr.flush()  # the commit hooks, where tracking messages are written
        self.mentorship_a.invalidate_recordset(["message_ids"])
        note = self.mentorship_a.message_ids.filtered(lambda m: "Debts in a plan" in (m.body or ""))
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        tracked = self.mentorship_a.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "close_reason"
        )
        self.assertEqual(tracked.new_value_char, "Completed: goals reached, self-sufficient")

    def test_action_close_without_the_wizard_leaves_it_not_recorded(self):
        self.mentorship_a.with_user(self.mentor_a).action_close()
        self.assertEqual(self.mentorship_a.state, "closed")
        self.assertFalse(self.mentorship_a.close_reason)
        [exported] = self.resident_a._mm_export_data()["mentorships"]
        self.assertEqual(exported["close_reason"], "not_recorded")
        self.assertEqual(exported["close_reason_text"], "Not recorded")
        closed = [("id", "=", self.mentorship_a.id)]
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a)
        missing = [("state", "=", "closed"), ("close_reason", "=", False)]
        self.assertEqual(Mentorship.search(closed + missing), self.mentorship_a)

    def test_reopening_forgets_the_reason_and_closing_again_asks_again(self):
        self._close(self.mentorship_a, "moved")
        self.mentorship_a.with_user(self.mentor_a).action_resume()
        self.assertRecordValues(self.mentorship_a, [{"state": "active", "close_reason": False}])
        self._close(self.mentorship_a, "referred")
        self.assertEqual(self.mentorship_a.close_reason, "referred")

    def test_only_who_may_change_the_file_closes_it(self):
        with self.assertRaises(AccessError):
            self.mentorship_b.with_user(self.mentor_a).action_open_close_wizard()
        Wizard = self.env["mm.mentorship.close.wizard"]
        for user in (self.mentor_a, self.backoffice):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Wizard.with_user(user).create(
                    {"mentorship_id": self.mentorship_b.id, "close_reason": "other"}
                )
        self.assertEqual(self.mentorship_b.state, "active")
        # the reason is the system's to write, through closing
        with self.assertRaises(UserError):
            self.mentorship_a.with_user(self.mentor_a).write({"close_reason": "completed"})

    def test_the_export_says_the_reason_in_the_residents_language(self):
        self._close(self.mentorship_a, "resident_stopped")
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.resident_a.lang = "nl_NL"
        [exported] = self.resident_a.with_context(lang="nl_NL")._mm_export_data()["mentorships"]
        self.assertEqual(exported["close_reason"], "resident_stopped")
        self.assertEqual(exported["close_reason_text"], "De inwoner is gestopt")

    def test_anonymisation_keeps_the_reason(self):
        self._close(self.mentorship_a, "completed")
        self.mentorship_a._anonymise()
        self.assertTrue(self.mentorship_a.is_anonymised)
        self.assertEqual(self.mentorship_a.close_reason, "completed")

    def test_the_team_report_counts_the_exits_of_the_period_per_reason(self):
        residents = self.env["res.partner"].create([{"name": f"Exit {n}"} for n in range(3)])
        others = self.env["mm.mentorship"].create(
            [
                {"partner_id": p.id, "user_id": self.mentor_a.id, "team_id": self.team_a.id}
                for p in residents
            ]
        )
        self._close(self.mentorship_a, "completed")
        self._close(others[0], "completed")
        self._close(others[1], "moved")
        others[2].with_user(self.mentor_a).action_close()
        monitoring = self.env["report.mobility_mentoring.report_team_monitoring"]
        today = date.today()
        figures = monitoring.with_user(self.manager)._figures(
            self.team_a, today.replace(day=1), today
        )
        self.assertEqual(
            figures["exits"],
            [
                ("Completed: goals reached, self-sufficient", 2),
                ("Moved away", 1),
                ("Not recorded", 1),
            ],
        )
        last_year = monitoring._figures(self.team_a, date(2020, 1, 1), date(2020, 12, 31))
        self.assertEqual(last_year["exits"], [])
