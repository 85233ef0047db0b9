import json
from contextlib import closing
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from ..const import MENTORING_THREADS
from .common import MobilityMentoringCase, ResidentCase


@tagged("post_install", "-at_install")
class TestWhoIsOnAFile(MobilityMentoringCase):
    """Who follows a file, who coaches, reviews or had a contact: readable only by
    whoever reads the file, and always a colleague of the file's municipality."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.elsewhere = cls._other_company_file()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.team_a.leader_id = cls.mentor_a2

    def _followers(self, user, domain=()):
        return (
            self.env["mail.followers"]
            .with_user(user)
            .search([("res_model", "in", MENTORING_THREADS), *domain])
        )

    # hole 1
    def test_followers_are_read_only_by_who_reads_the_file(self):
        self.mentorship_a.message_subscribe(partner_ids=self.resident_a.ids)
        follower = self.mentorship_a.message_follower_ids.filtered(
            lambda f: f.partner_id == self.resident_a
        )
        for outsider in (self.mentor_b, self.elsewhere["mentor"]):
            with self.subTest(user=outsider.login):
                found = self._followers(outsider)
                self.assertNotIn(self.resident_a, found.partner_id)
                rows = (
                    self.env["mail.followers"]
                    .with_user(outsider)
                    .search_read([("partner_id", "=", self.resident_a.id)], ["res_id"])
                )
                self.assertFalse(rows, "not by the resident's name either")
                groups = (
                    self.env["mail.followers"]
                    .with_user(outsider)
                    ._read_group([("res_model", "=", "mm.mentorship")], ["partner_id"])
                )
                self.assertNotIn(self.resident_a, [partner for (partner,) in groups])
                with self.assertRaises(AccessError):
                    follower.with_user(outsider).read(["partner_id"])
        # whoever reads the file reads its followers
        for reader in (self.mentor_a, self.backoffice, self.manager):
            with self.subTest(user=reader.login):
                self.assertIn(follower, self._followers(reader))
                follower.with_user(reader).read(["partner_id"])
        # a mentor of team B still reads the followers of team B's file
        self.mentorship_b.message_subscribe(partner_ids=self.resident_b.ids)
        self.assertIn(self.resident_b, self._followers(self.mentor_b).partner_id)

    def test_only_the_resident_and_colleagues_follow_a_file(self):
        outsider = self.elsewhere["mentor"].partner_id
        stranger = self.env["res.partner"].create({"name": "Neighbour", "email": "n@example.com"})
        for partner in (outsider, stranger):
            with self.subTest(partner=partner.name), self.assertRaises(AccessError):
                self.mentorship_a.with_user(self.mentor_a).message_subscribe(
                    partner_ids=partner.ids
                )
        self.mentorship_a.with_user(self.mentor_a).message_subscribe(
            partner_ids=(self.resident_a | self.mentor_a2.partner_id).ids
        )
        followers = self.mentorship_a.message_partner_ids
        self.assertLessEqual(self.resident_a | self.mentor_a2.partner_id, followers)
        # changing one's own subtypes names no partner
        self.mentorship_a.with_user(self.mentor_a).message_subscribe(
            subtype_ids=self.env.ref("mail.mt_comment").ids
        )
        # also when the system adds them (the mail gateway adds a mail's author)
        self.mentorship_a._message_subscribe(partner_ids=(outsider | stranger).ids)
        self.assertFalse((outsider | stranger) & self.mentorship_a.message_partner_ids)

    # hole 2
    def test_a_file_stays_in_its_municipality(self):
        outsider = self.elsewhere["mentor"]
        with self.assertRefused(ValidationError, "does not work for"):
            self.mentorship_a.with_user(self.manager).user_id = outsider
        wizard = (
            self.env["mm.mentor.change.wizard"]
            .with_user(self.manager)
            .create(
                {"mentorship_id": self.mentorship_a.id, "user_id": outsider.id, "reason": "other"}
            )
        )
        with self.assertRefused(ValidationError, "does not work for"):
            wizard.action_confirm()
        with self.assertRefused(ValidationError, "does not work for"):
            self.env["mm.mentorship"].with_user(self.manager).create(
                {
                    "partner_id": self.resident_c.id,
                    "team_id": self.team_a.id,
                    "user_id": outsider.id,
                }
            )
        self.assertEqual(self.mentorship_a.user_id, self.mentor_a)
        self.assertNotIn(outsider.partner_id, self.mentorship_a.message_partner_ids)

    def test_a_to_do_or_a_contact_goes_to_a_colleague_of_the_municipality(self):
        outsider = self.elsewhere["mentor"]
        with self.assertRefused(ValidationError, "does not work for"):
            self.mentorship_a.with_user(self.mentor_a).activity_schedule(
                "mail.mail_activity_data_todo", summary="Call", user_id=outsider.id
            )
        with self.assertRefused(ValidationError, "does not work for"):
            self.env["mm.contact"].with_user(self.mentor_a).create(
                {"mentorship_id": self.mentorship_a.id, "user_id": outsider.id}
            )
        portal = self.env["res.users"].create(
            {
                "name": "A resident",
                "login": "resident_portal_test",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRefused(ValidationError, "does not work for"):
            self.mentorship_a.with_user(self.manager).user_id = portal

    # hole 3
    def test_a_review_is_recorded_in_the_reviewers_own_name(self):
        Review = self.env["mm.case.review"].with_user(self.mentor_a2)  # the team lead
        for outsider in (self.elsewhere["mentor"], self.mentor_b):
            with self.subTest(reviewer=outsider.login):
                with self.assertRefused(AccessError, "set by the system"):
                    Review.create(
                        {"mentorship_id": self.mentorship_a.id, "reviewer_id": outsider.id}
                    )
                with self.assertRefused(AccessError, "set by the system"):
                    Review.with_context(default_reviewer_id=outsider.id).create(
                        {"mentorship_id": self.mentorship_a.id}
                    )
        review = Review.create({"mentorship_id": self.mentorship_a.id, "followup": "Budget"})
        self.assertEqual(review.reviewer_id, self.mentor_a2)
        with self.assertRefused(AccessError, "set by the system"):
            review.reviewer_id = self.mentor_b
        # a follow-up on a file without a mentor is the reviewer's own to-do
        self.mentorship_a.user_id = False
        review = Review.create({"mentorship_id": self.mentorship_a.id, "followup": "Find a mentor"})
        self.assertEqual(
            self.mentorship_a.activity_ids.filtered(lambda a: a.summary == "Find a mentor").user_id,
            self.mentor_a2,
        )

    # hole 8
    def test_a_review_took_place_already(self):
        today = fields.Date.context_today(self.env["mm.case.review"])
        Review = self.env["mm.case.review"].with_user(self.mentor_a2)
        with self.assertRefused(ValidationError, "not in the future"):
            Review.create(
                {"mentorship_id": self.mentorship_a.id, "date": today + timedelta(days=1)}
            )
        review = Review.create({"mentorship_id": self.mentorship_a.id, "date": today})
        with self.assertRefused(ValidationError, "not in the future"):
            review.date = today + timedelta(days=365)
        self.assertEqual(self.mentorship_a.last_review_date, today)

    # hole 7
    def test_a_contact_took_place_already(self):
        Contact = self.env["mm.contact"].with_user(self.mentor_a)
        ahead = fields.Datetime.now() + timedelta(days=365)
        with self.assertRefused(ValidationError, "not in the future"):
            Contact.create({"mentorship_id": self.mentorship_a.id, "date": ahead})
        contact = Contact.create({"mentorship_id": self.mentorship_a.id})
        with self.assertRefused(ValidationError, "not in the future"):
            contact.date = ahead
        # a clock a little ahead is no contact in the future
        contact.date = fields.Datetime.now() + timedelta(minutes=2)
        self.assertEqual(self.mentorship_a.days_since_contact, 0)

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

    def test_a_step_someone_else_changed_is_no_longer_by_the_resident(self):
        assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        line, other = assessment.line_ids[:2]
        (line | other).sudo().write({"filled_by_resident": True})
        step = line.dimension_id.step_ids.filtered(lambda s: s != line.step_id)[:1]
        line.with_user(self.mentor_a).write({"step_id": step.id})
        other.with_user(self.mentor_a).write({"step_id": other.step_id.id})  # unchanged
        self.assertFalse(line.filled_by_resident)
        self.assertTrue(other.filled_by_resident)


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
class TestAnonymisedFileIsClosed(MobilityMentoringCase):
    """A property of the file's guard (hole 6): for every model that inherits it and
    belongs to a resident's file, no role creates, changes or deletes a record of an
    anonymised file. New models are covered by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.team_a.leader_id = cls.mentor_a
        file = cls._mentoring_file(cls.mentorship_a, "A")
        mentorship = cls.mentorship_a
        draft = cls.env["mm.assessment"].create({"mentorship_id": mentorship.id})
        cls.records = {
            "mm.mentorship": mentorship,
            "mm.assessment": draft,
            "mm.assessment.line": draft.line_ids[:1],
            "mm.goal": file["goal"],
            "mm.action": file["action"],
            "mm.reward": file["reward"],
            "mm.contact": cls.env["mm.contact"].create({"mentorship_id": mentorship.id}),
            "mm.case.review": cls.env["mm.case.review"].create({"mentorship_id": mentorship.id}),
            "mm.outcome.measurement": cls.env["mm.outcome.measurement"].create(
                {
                    "mentorship_id": mentorship.id,
                    "indicator_id": cls.env.ref("mobility_mentoring.outcome_savings").id,
                    "kind": "target",
                }
            ),
        }
        mentorship.action_close()
        mentorship.sudo().is_anonymised = True

    def _file_models(self):
        for name in self.env.registry["mm.protected.mixin"]._inherit_children:
            Model = self.env.registry[name]
            if not Model._transient and (
                name == "mm.mentorship" or "mentorship_id" in Model._fields
            ):
                yield name

    def test_no_role_changes_an_anonymised_file(self):
        accepted, not_by_the_guard, tried = [], [], set()
        roles = {"mentor": self.mentor_a, "manager": self.manager, "backoffice": self.backoffice}
        for model in self._file_models():
            tried.add(model)
            for role, user in roles.items():
                for operation in ("create", "write", "unlink"):
                    if model == "mm.mentorship" and operation == "create":
                        continue  # a new mentorship is a new file
                    refusal = self._refusal(user, operation, model)
                    if refusal is None:
                        accepted.append(f"{role} may {operation} {model}")
                    elif (
                        role == "manager"
                        and self.env[model].with_user(user).has_access(operation)
                        and "anonymised" not in refusal
                    ):
                        # managers may do all of it on a file that is not anonymised
                        not_by_the_guard.append(f"{operation} {model}: {refusal}")
        self.assertFalse(accepted, "\n".join(accepted))
        self.assertFalse(not_by_the_guard, "\n".join(not_by_the_guard))
        self.assertEqual(tried, set(self.records), "every model of the file is tried")

    def _refusal(self, user, operation, model):
        """None when done, else the message of the refusal (a user error)."""
        with closing(self.env.cr.savepoint()):
            try:
                record = self.records[model].with_user(user)
                if operation == "create":
                    record.create(self._create_values(model))
                elif operation == "write":
                    record.write(self._write_values(model))
                else:
                    record.unlink()
                self.env.flush_all()
                return None
            except UserError as refusal:
                return str(refusal)
            finally:
                self.env.invalidate_all()

    def _create_values(self, model):
        records = self.records
        mentorship = {"mentorship_id": records["mm.mentorship"].id}
        return {
            "mm.assessment": mentorship,
            "mm.assessment.line": {
                "assessment_id": records["mm.assessment"].id,
                "dimension_id": self.env["mm.dimension"]
                .create(
                    {
                        "pillar_id": records["mm.goal"].pillar_id.id,
                        "name": "Extra",
                        "code": "extra_anonymised",
                        "active": False,
                    }
                )
                .id,
            },
            "mm.goal": {**mentorship, "pillar_id": records["mm.goal"].pillar_id.id, "name": "New"},
            "mm.action": {
                "goal_id": records["mm.goal"].id,
                "name": "New",
                "deadline": "2030-01-01",
            },
            "mm.reward": {**mentorship, "reward_type": "compliment"},
            "mm.contact": mentorship,
            "mm.case.review": mentorship,
            "mm.outcome.measurement": {
                **mentorship,
                "indicator_id": self.env.ref("mobility_mentoring.outcome_total_debts").id,
            },
        }[model]

    def _write_values(self, model):
        return {
            "mm.mentorship": {"confidential_note": "New"},
            "mm.assessment": {"note": "New"},
            "mm.assessment.line": {"note": "New"},
            "mm.goal": {"name": "New"},
            "mm.action": {"name": "New"},
            "mm.reward": {"note": "New"},
            "mm.contact": {"summary": "New"},
            "mm.case.review": {"note": "New"},
            "mm.outcome.measurement": {"value": 5},
        }[model]


@tagged("post_install", "-at_install")
class TestBackOfficeWritesToTheTeam(ResidentCase):
    # hole 4
    def test_back_office_message_never_reaches_the_resident(self):
        mentorship = self.mentorship_a
        mentorship.message_subscribe(partner_ids=(self.resident_a | self.mentor_a.partner_id).ids)
        message = mentorship.with_user(self.backoffice).message_post(
            body="Is the payment plan signed?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = message.sudo().notification_ids.res_partner_id
        self.assertIn(self.mentor_a.partner_id, notified, "the mentor is told")
        self.assertNotIn(self.resident_a, notified, "the resident is not")
        self.assertTrue(message.sudo().subtype_id.internal)
        # not on MijnOverzicht, nor readable by the resident in any other way
        conversation = mentorship.with_user(self.resident_user_a)._portal_conversation()
        self.assertNotIn(message, conversation)
        with self.assertRaises(AccessError):
            message.with_user(self.resident_user_a).read(["body"])
        # back office reads what it wrote, and the mentor reads it
        message.with_user(self.backoffice).read(["body"])
        message.with_user(self.mentor_a).read(["body"])


@tagged("post_install", "-at_install")
class TestSecondAttack(MobilityMentoringCase):
    """What an attacker's second look found, as the weakest role that should not
    succeed, through the ORM as JSON-RPC would call it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.debts = cls.env.ref("mobility_mentoring.outcome_total_debts")
        cls.env["mm.outcome.measurement"].create(
            {"mentorship_id": cls.mentorship_a.id, "indicator_id": cls.debts.id, "value": 14500}
        )

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

    def test_no_search_through_the_mentors_notes_and_to_dos(self):
        self.mentorship_a.with_user(self.mentor_a).message_post(
            body="Gambling debts", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.mentorship_a.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.mentor_a.id,
            summary="Gambling",
            note="Partner does not know",
        )
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        for domain in (
            [("message_ids", "any", [("body", "ilike", "gambling")])],
            [("message_ids.body", "ilike", "gambling")],
            [("activity_ids", "any", [("summary", "ilike", "gambling")])],
            [("activity_ids.note", "ilike", "partner")],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(
                    Mentorship.search_count([("id", "=", self.mentorship_a.id), *domain]), 0
                )
        # the mentor still finds their own note and to-do
        mentor = self.env["mm.mentorship"].with_user(self.mentor_a)
        self.assertEqual(
            mentor.search([("message_ids.body", "ilike", "gambling")]), self.mentorship_a
        )
        self.assertEqual(
            mentor.search([("activity_ids.summary", "ilike", "gambling")]), self.mentorship_a
        )

    def test_back_office_cannot_forge_a_message_or_history(self):
        Message = self.env["mail.message"].with_user(self.backoffice)
        comment = self.env.ref("mail.mt_comment").id
        base = {"model": "mm.mentorship", "res_id": self.mentorship_a.id, "body": "Forged"}
        for values in (
            {
                "message_type": "comment",
                "subtype_id": comment,
                "author_id": self.mentor_a.partner_id.id,
            },
            {"message_type": "comment", "subtype_id": comment},
            {
                "message_type": "notification",
                "tracking_value_ids": [
                    Command.create(
                        {
                            "field_id": self.env["ir.model.fields"]
                            ._get("mm.mentorship", "state")
                            .id,
                            "old_value_char": "Active",
                            "new_value_char": "Closed",
                        }
                    )
                ],
            },
        ):
            with self.subTest(values=list(values)), self.assertRaises(AccessError):
                Message.create({**base, **values})
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.mentor_a).create(
                {**base, "message_type": "comment", "author_id": self.mentor_a2.partner_id.id}
            )

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

    def test_another_team_cannot_open_mijnoverzicht_on_an_old_file(self):
        self.resident_c.email = "resident.c@example.com"
        old = self.env["mm.mentorship"].create(
            {
                "partner_id": self.resident_c.id,
                "user_id": self.mentor_a.id,
                "team_id": self.team_a.id,
            }
        )
        old.action_close()
        new = (
            self.env["mm.mentorship"]
            .with_user(self.mentor_b)
            .create({"partner_id": self.resident_c.id, "team_id": self.team_b.id})
        )
        with self.assertRefused(UserError, "also has a file in another team"):
            new.with_user(self.mentor_b).action_grant_portal_access()
        self.assertFalse(self.resident_c.mm_portal_access)
        new.with_user(self.manager).action_grant_portal_access()
        self.assertTrue(self.resident_c.mm_portal_access)

    def test_figures_per_record_are_logged(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        Goal = self.env["mm.goal"].with_user(self.backoffice)
        for read in (
            lambda: Mentorship.read_group([], ["bridge_score:max"], ["id"], lazy=False),
            lambda: Goal.read_group([], ["__count"], ["name"]),
        ):
            self.env["mm.access.log"].sudo().search([]).unlink()
            self.env.cr.precommit.data.pop("mobility_mentoring.access_log", None)
            read()
            logged = self.env["mm.access.log"].sudo().search([("user_id", "=", self.backoffice.id)])
            self.assertIn(self.resident_a, logged.partner_id)

    def test_nobody_lists_who_is_coached_over_all_contacts(self):
        self.resident_a.sudo().mm_portal_access = True
        for user in (self.mentor_b, self.backoffice, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).search([("mm_portal_access", "=", True)])
        self.assertTrue(self.mentorship_a.with_user(self.mentor_a).portal_access)


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
