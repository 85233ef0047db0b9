import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import MENTOR, DebtsOnFileCase, MobilityMentoringCase, RpcNotesCase


@tagged("post_install", "-at_install")
class TestAccess(MobilityMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment_a = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.assessment_b = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_b.id})

    def test_mentor_sees_and_edits_own_team_only(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a2)
        self.assertEqual(Mentorship.search([]), self.mentorship_a)
        self.assertEqual(Mentorship.search_count([("partner_id", "=", self.resident_b.id)]), 0)
        self.assertEqual(
            self.env["mm.assessment"].with_user(self.mentor_a2).search([]), self.assessment_a
        )
        self.assertEqual(
            self.env["mm.assessment.line"].with_user(self.mentor_a2).search([]).assessment_id,
            self.assessment_a,
        )
        self.mentorship_a.with_user(self.mentor_a2).write({"resident_reminders": False})
        self.assessment_a.line_ids[0].with_user(self.mentor_a2).step_id = self._step(
            self.assessment_a.line_ids[0].dimension_id.code, 2
        )

    def test_mentor_of_team_a_cannot_read_or_write_team_b(self):
        changes = [
            (self.mentorship_b, {"date_start": "2025-01-01"}),
            (self.assessment_b, {"note": "Seen"}),
            (self.assessment_b.line_ids[0], {"is_priority": True}),
        ]
        for record, values in changes:
            as_mentor = record.with_user(self.mentor_a)
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    as_mentor.read(["display_name"])
                with self.assertRaises(AccessError):
                    as_mentor.write(values)
        with self.assertRaises(AccessError):
            self.env["mm.assessment"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_b.id}
            )
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(self.mentor_a).create(
                {
                    "partner_id": self.resident_c.id,
                    "team_id": self.team_b.id,
                    "user_id": self.mentor_b.id,
                }
            )

    def test_read_group_and_name_search_leak_nothing(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.mentor_a)
        groups = Mentorship._read_group([], ["team_id"], ["__count"])
        self.assertEqual(groups, [(self.team_a.with_user(self.mentor_a), 1)])
        self.assertFalse(Mentorship.name_search("Resident B"))

    def test_mentor_assigned_outside_their_teams_sees_their_own(self):
        self.mentorship_b.user_id = self.mentor_a
        self.assertIn(
            self.mentorship_b, self.env["mm.mentorship"].with_user(self.mentor_a).search([])
        )

    def test_team_leader_sees_the_team(self):
        leader = self._user("leader_test", MENTOR)
        self.team_b.leader_id = leader
        self.assertEqual(self.env["mm.mentorship"].with_user(leader).search([]), self.mentorship_b)

    def test_manager_sees_all_and_configures(self):
        self.assertEqual(
            self.env["mm.mentorship"].with_user(self.manager).search([])
            & (self.mentorship_a | self.mentorship_b),
            self.mentorship_a | self.mentorship_b,
        )
        pillar = self.env.ref("mobility_mentoring.pillar_financial").with_user(self.manager)
        pillar.name = "Money"
        self.env["mm.team"].with_user(self.manager).create({"name": "Team C"})

    def test_mentor_cannot_configure(self):
        pillar = self.env.ref("mobility_mentoring.pillar_financial").with_user(self.mentor_a)
        with self.assertRaises(AccessError):
            pillar.name = "Money"
        with self.assertRaises(AccessError):
            self.env["mm.step"].with_user(self.mentor_a).create(
                {
                    "dimension_id": self.env.ref("mobility_mentoring.dimension_debts").id,
                    "level": 6,
                    "name": "x",
                }
            )
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.mentor_a).member_ids = [(4, self.mentor_b.id)]
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.mentor_a).unlink()

    def test_backoffice_reads_everything_and_writes_nothing(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        self.assertEqual(
            Mentorship.search([("id", "in", (self.mentorship_a | self.mentorship_b).ids)]),
            self.mentorship_a | self.mentorship_b,
        )
        self.assessment_b.line_ids.with_user(self.backoffice).read(["step_id", "is_priority"])
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice).write({"date_start": "2025-01-01"})
        with self.assertRaises(AccessError):
            self.env["mm.assessment"].with_user(self.backoffice).create(
                {"mentorship_id": self.mentorship_a.id}
            )
        with self.assertRaises(AccessError):
            self.assessment_a.line_ids[0].with_user(self.backoffice).write({"is_priority": True})
        with self.assertRaises(AccessError):
            self.mentorship_a.with_user(self.backoffice).unlink()

    def test_user_without_mobility_mentoring_group_sees_nothing(self):
        employee = self._user("employee_test", "base.group_user")
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(employee).search([])
        # the contact form still opens: the smart button's fields are group-restricted
        self.resident_a.with_user(employee).read(["name"])
        self.assertNotIn(
            "mm_mentorship_count", self.env["res.partner"].with_user(employee).fields_get()
        )

    def test_companies_are_separated(self):
        other_company = self.env["res.company"].create({"name": "Other municipality"})
        other_mentor = self._user(
            "other_mentor_test",
            MENTOR,
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        other_team = self.env["mm.team"].create(
            {
                "name": "Elsewhere",
                "company_id": other_company.id,
                "member_ids": [(6, 0, other_mentor.ids)],
            }
        )
        other_mentorship = self.env["mm.mentorship"].create(
            {"partner_id": self.resident_c.id, "team_id": other_team.id, "user_id": other_mentor.id}
        )
        self.assertEqual(other_mentorship.company_id, other_company)
        self.assertEqual(
            self.env["mm.mentorship"].with_user(other_mentor).search([]), other_mentorship
        )
        for user in (self.manager, self.backoffice):
            self.assertNotIn(other_mentorship, self.env["mm.mentorship"].with_user(user).search([]))
            self.assertNotIn(other_team, self.env["mm.team"].with_user(user).search([]))
            with self.assertRaises(AccessError):
                other_mentorship.with_user(user).read(["partner_id"])

    def test_done_assessment_needs_a_manager_to_change(self):
        done = self._done_assessment(self.mentorship_a, self._levels(3))
        with self.assertRaises(UserError):
            done.with_user(self.mentor_a).write({"date": "2025-03-03"})
        done.with_user(self.manager).write({"date": "2025-03-03"})


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestAccessOverRpc(RpcNotesCase):
    """What a mentor of another team gets over JSON-RPC and HTTP, not just the ORM."""

    def test_a_mentor_of_team_a_gets_nothing_of_team_b_over_json_rpc(self):
        mine, theirs = self.mentorships["a"], self.mentorships["b"]
        found = self._call(
            "rpc_mentor_a", "mm.mentorship", "search_read", [], fields=["display_name"]
        )
        self.assertEqual([r["id"] for r in found["result"]], [mine.id])
        refused = self._call("rpc_mentor_a", "mm.mentorship", "read", [theirs.id], ["display_name"])
        self.assertEqual(refused["error"]["data"]["name"], "odoo.exceptions.AccessError")
        counts = self._call(
            "rpc_mentor_a", "mm.mentorship", "web_read_group", [], ["team_id"], ["team_id"]
        )
        self.assertEqual([g["team_id"][1] for g in counts["result"]["groups"]], ["RPC team a"])
        names = self._call("rpc_mentor_a", "mm.mentorship", "name_search", "RPC resident b")
        self.assertEqual(names["result"], [])
        messages = self._call(
            "rpc_mentor_a",
            "mail.message",
            "search_read",
            [("model", "=", "mm.mentorship"), ("res_id", "=", theirs.id)],
            fields=["body"],
        )
        self.assertEqual(messages["result"], [])
        attachments = self._call(
            "rpc_mentor_a",
            "ir.attachment",
            "search_read",
            [("res_model", "=", "mm.mentorship"), ("res_id", "=", theirs.id)],
            fields=["name"],
        )
        self.assertEqual(attachments["result"], [])
        export = self._call(
            "rpc_mentor_a", "mm.mentorship", "export_data", [theirs.id], ["display_name"]
        )
        self.assertEqual(export["error"]["data"]["name"], "odoo.exceptions.AccessError")


# What a refusal tells
@tagged("post_install", "-at_install")
class TestRefusalsNameNoResident(DebtsOnFileCase):
    """A refusal of another team's file names no resident."""

    def test_no_names_in_refusals_of_another_teams_file(self):
        Measurement = self.env["mm.outcome.measurement"].with_user(self.mentor_b)
        with self.assertRaises(AccessError) as caught:
            Measurement.create(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "indicator_id": self.debts.id,
                    "kind": "baseline",
                }
            )
        self.assertNotIn("Resident A", str(caught.exception))
        for model in ("mm.contact", "mm.case.review"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.mentor_b).create(
                    {"mentorship_id": self.mentorship_a.id, "user_id": self.mentor_b.id}
                    if model == "mm.contact"
                    else {"mentorship_id": self.mentorship_a.id}
                )


@tagged("post_install", "-at_install")
class TestRefusalsInPlainWords(MobilityMentoringCase):
    """Odoo refuses with the model and the groups that may ("… 'Action' (mm.action) …
    Mobility Mentoring/Mentor"); on the addon's records a user reads what they may
    not do and whom to ask, in their language (ir_model_access.py, ir_rule.py)."""

    def assertRefusedPlainly(self, pattern, attempt):
        with self.assertRaises(AccessError) as caught:
            attempt()
        message = str(caught.exception)
        self.assertRegex(message, pattern)
        for technical in ("mm.", "Mobility Mentoring/", "(id=", "Resident"):
            self.assertNotIn(technical, message)

    def test_each_role_reads_what_it_may_not_do_and_whom_to_ask(self):
        outsider = self.mentorship_b.with_user(self.mentor_a)
        self.assertRefusedPlainly(
            r"^You may not open this\. It belongs to a file outside your teams: ask your "
            r"team lead or a manager\.$",
            lambda: outsider.read(["state"]),
        )
        self.assertRefusedPlainly(
            "You may not delete this. Only a manager may do this: ask your team lead",
            self.mentorship_a.with_user(self.mentor_a).unlink,
        )
        self.assertRefusedPlainly(
            "You may not add this. Nobody does this by hand: the system does it",
            lambda: self.env["mm.reward"].with_user(self.manager).create({}),
        )
        self.assertRefusedPlainly(
            "You may not open this. Back office does not read this: ask your team lead",
            lambda: self.env["mm.access.log"].with_user(self.backoffice).search([]),
        )
        self.assertRefusedPlainly(
            "You may not change this. Back office reads the residents' files and changes "
            "nothing: ask the resident's mentor",
            lambda: self.mentorship_a.with_user(self.backoffice).write(
                {"resident_reminders": False}
            ),
        )
        elsewhere = self._other_company_file()["mentorship"]
        self.assertRefusedPlainly(
            "You may not open this. It is not in the files of the municipalities you work for",
            lambda: elsewhere.with_user(self.manager).read(["state"]),
        )
        employee = self._user("employee_test", "base.group_user")
        self.assertRefusedPlainly(
            "You may not open this. Mobility Mentoring is for mentors, managers and back "
            "office: ask your administrator for a role",
            lambda: self.mentorship_a.with_user(employee).read(["state"]),
        )

    def test_a_dutch_mentor_reads_a_refusal_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.mentor_a.lang = "nl_NL"
        self.assertRefusedPlainly(
            "Je mag dit niet openen. Het hoort bij een dossier buiten je teams",
            lambda: self.mentorship_b.with_user(self.mentor_a).read(["state"]),
        )


@tagged("post_install", "-at_install")
class TestDebugModeRefusal(HttpCase, MobilityMentoringCase):
    def test_no_names_of_other_files_in_an_access_error_in_debug_mode(self):
        """In debug mode (?debug=1, any employee) Odoo names refused records in the
        error, read as superuser: never those of a resident's file."""
        file = self._mentoring_file(self.mentorship_a, "A")
        self.mentor_b.groups_id |= self.env.ref("base.group_no_one")
        self.authenticate("mentor_b_test", "mentor_b_test")
        for record in (self.mentorship_a, file["goal"], file["action"]):
            with self.subTest(model=record._name):
                response = self.url_open(
                    f"/web/dataset/call_kw/{record._name}/read?debug=1",
                    data=json.dumps(
                        {
                            "jsonrpc": "2.0",
                            "method": "call",
                            "params": {
                                "model": record._name,
                                "method": "read",
                                "args": [record.ids, ["id"]],
                                "kwargs": {},
                            },
                        }
                    ),
                    headers={"Content-Type": "application/json"},
                )
                error = response.json()["error"]["data"]
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                self.assertNotIn(record.display_name, error["message"])
