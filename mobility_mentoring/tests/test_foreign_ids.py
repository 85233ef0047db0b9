from contextlib import closing

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase, OtherMunicipalityCase

# the records of a resident's file
FILE_MODELS = (
    "mm.mentorship",
    "mm.assessment",
    "mm.assessment.line",
    "mm.goal",
    "mm.action",
    "mm.reward",
)


@tagged("post_install", "-at_install")
class TestForeignIds(MobilityMentoringCase):
    """A property of the whole addon: for every model and every many2one or many2many
    field of this addon that points to a record of a resident's file, a mentor of
    team A who writes the id of a team-B or company-2 record into it, in a create or
    a write, is refused. New models and fields are covered by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.team_a.leader_id = cls.mentor_a  # who records case reviews
        own = cls._mentoring_file(cls.mentorship_a, "A")
        own["draft"] = cls.env["mm.assessment"].create({"mentorship_id": cls.mentorship_a.id})
        cls.own = own
        cls.foreign = {
            "team B": cls._file_by_model(cls._mentoring_file(cls.mentorship_b, "B")),
            "company 2": cls._file_by_model(cls._other_company_file()),
        }

    @classmethod
    def _file_by_model(cls, file):
        return {
            "mm.mentorship": file["mentorship"],
            "mm.assessment": file["assessment"],
            "mm.assessment.line": file["line"],
            "mm.goal": file["goal"],
            "mm.action": file["action"],
            "mm.reward": file["reward"],
        }

    def _fields_to_try(self):
        for model_name, Model in self.env.registry.items():
            if Model._abstract or not Model._auto:
                continue
            for fname, field in Model._fields.items():
                if (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name in FILE_MODELS
                    and "mobility_mentoring" in field._modules
                ):
                    yield model_name, fname, field

    def test_no_field_of_the_addon_takes_a_foreign_file_record(self):
        accepted, tried = [], set()
        for model_name, fname, field in self._fields_to_try():
            tried.add(f"{model_name}.{fname}")
            for owner, records in self.foreign.items():
                foreign = records[field.comodel_name]
                value = foreign.id if field.type == "many2one" else [Command.link(foreign.id)]
                for operation in ("write", "create"):
                    if not self._refused(model_name, operation, fname, value):
                        accepted.append(f"{operation} {model_name}.{fname} = {owner}'s")
        self.assertFalse(accepted, "\n".join(accepted))
        # the property covers the links that matter (and fails loudly if they vanish)
        self.assertLessEqual(
            {
                "mm.goal.mentorship_id",
                "mm.goal.assessment_line_id",
                "mm.action.goal_id",
                "mm.action.mentorship_id",
                "mm.assessment.mentorship_id",
                "mm.assessment.line.assessment_id",
                "mm.reward.mentorship_id",
                "mm.goal.close.goal_ids",
                "mm.goal.close.line.action_id",
                "mm.access.log.mentorship_id",
                "mm.case.review.mentorship_id",
                "mm.outcome.measurement.mentorship_id",
                "mm.outcome.measurement.assessment_id",
                "mm.mentor.change.wizard.mentorship_id",
                "mm.mentorship.close.wizard.mentorship_id",
            },
            tried,
        )

    def test_no_user_of_another_municipality_is_put_on_a_file(self):
        """Every user field of the addon (a mentor, a reviewer, who had a contact, a
        team's lead and members...) refuses a user of company 2, even from a manager,
        in a create or a write (a wizard: once confirmed)."""
        outsider = self.foreign["company 2"]["mm.mentorship"].user_id
        accepted, tried = [], set()
        for model_name, Model in self.env.registry.items():
            if Model._abstract or not Model._auto:
                continue
            for fname, field in Model._fields.items():
                if not (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name == "res.users"
                    and not field.automatic
                    and "mobility_mentoring" in field._modules
                ):
                    continue
                tried.add(f"{model_name}.{fname}")
                value = outsider.id if field.type == "many2one" else [Command.link(outsider.id)]
                for operation in ("write", "create"):
                    if not self._refused(model_name, operation, fname, value, self.manager):
                        accepted.append(f"{operation} {model_name}.{fname} = another company's")
        self.assertFalse(accepted, "\n".join(accepted))
        self.assertLessEqual(
            {
                "mm.mentorship.user_id",
                "mm.contact.user_id",
                "mm.case.review.reviewer_id",
                "mm.mentor.change.wizard.user_id",
                "mm.team.leader_id",
                "mm.team.member_ids",
                "mm.group.meeting.user_id",
                "mm.intervisie.reviewer_id",
            },
            tried,
        )

    def _refused(self, model_name, operation, fname, value, user=None):
        """Try as the mentor (or user), in a savepoint that is rolled back; refused
        means a user error (an access error, a validation error or a plain refusal)."""
        user = user or self.mentor_a
        with closing(self.env.cr.savepoint()):
            try:
                Model = self.env[model_name].with_user(user)
                if operation == "write":
                    record = self._own_record(model_name).with_user(user)
                    record.write({fname: value})
                else:
                    record = Model.create({**self._own_values(model_name), fname: value})
                if model_name == "mm.mentor.change.wizard":
                    record.action_confirm()
                self.env.flush_all()
                return False
            except UserError:
                return True
            finally:
                self.env.invalidate_all()

    def _own_record(self, model_name):
        """A record of team A's file that the mentor may change (or made by them)."""
        own = self.own
        records = {
            "mm.mentorship": self.mentorship_a,
            "mm.assessment": own["draft"],
            "mm.assessment.line": own["draft"].line_ids[:1],
            "mm.goal": own["goal"],
            "mm.action": own["action"],
            "mm.reward": own["reward"],
            "mm.contact": self.env["mm.contact"].create({"mentorship_id": self.mentorship_a.id}),
            "mm.team": self.team_a,
            "mm.case.review": self.env["mm.case.review"].create(
                {"mentorship_id": self.mentorship_a.id}
            ),
            "mm.access.log": self.env["mm.access.log"]._log(self.mentorship_a, "rpc", "read"),
            "mm.mentor.change": self.env["mm.mentor.change"].create(
                {"mentorship_id": self.mentorship_a.id, "user_id": self.mentor_a.id}
            ),
            "mm.group.meeting": self.env["mm.group.meeting"].create(
                {"name": "Budgeting", "team_id": self.team_a.id}
            ),
            "mm.intervisie": self.env["mm.intervisie"].create({"team_id": self.team_a.id}),
        }
        if model_name in records:
            return records[model_name]
        wizard = self.env[model_name].with_user(self.mentor_a).create(self._own_values(model_name))
        return wizard.sudo(False)

    def _own_values(self, model_name):
        own = self.own
        if model_name == "mm.goal.close.line":
            wizard = (
                self.env["mm.goal.close"]
                .with_user(self.mentor_a)
                .create(self._own_values("mm.goal.close"))
            )
            return {"wizard_id": wizard.id, "action_id": own["action"].id}
        return {
            "mm.mentorship": {"partner_id": self.resident_c.id, "team_id": self.team_a.id},
            "mm.assessment": {"mentorship_id": self.mentorship_a.id},
            "mm.assessment.line": {
                "assessment_id": own["draft"].id,
                "dimension_id": self.env["mm.dimension"]
                .create(
                    {
                        "pillar_id": own["goal"].pillar_id.id,
                        "name": "Extra",
                        "code": "extra_test",
                        "active": False,
                    }
                )
                .id,
            },
            "mm.goal": {
                "mentorship_id": self.mentorship_a.id,
                "pillar_id": own["goal"].pillar_id.id,
                "name": "New goal",
            },
            "mm.action": {"goal_id": own["goal"].id, "name": "New", "deadline": "2030-01-01"},
            "mm.reward": {"mentorship_id": self.mentorship_a.id},
            "mm.contact": {"mentorship_id": self.mentorship_a.id},
            "mm.team": {"name": "New team"},
            "mm.case.review": {"mentorship_id": self.mentorship_a.id},
            "mm.group.meeting": {"name": "Budgeting", "team_id": self.team_a.id},
            "mm.intervisie": {"team_id": self.team_a.id},
            "mm.outcome.measurement": {
                "mentorship_id": self.mentorship_a.id,
                "indicator_id": self.env.ref("mobility_mentoring.outcome_savings").id,
            },
            "mm.mentor.change": {"mentorship_id": self.mentorship_a.id},
            "mm.mentor.change.wizard": {
                "mentorship_id": self.mentorship_a.id,
                "user_id": self.mentor_a2.id,
                "reason": "other",
            },
            "mm.mentorship.close.wizard": {
                "mentorship_id": self.mentorship_a.id,
                "close_reason": "other",
            },
            "mm.access.log": {"user_id": self.mentor_a.id, "channel": "rpc"},
            "mm.goal.close": {
                "goal_ids": [Command.set(own["goal"].ids)],
                "new_state": "achieved",
            },
        }.get(model_name, {})

    def test_a_mentor_cannot_join_another_team(self):
        for values in (
            {"mm_team_ids": [Command.link(self.team_b.id)]},
            {"groups_id": [Command.link(self.env.ref("mobility_mentoring.group_mm_manager").id)]},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self.mentor_a.with_user(self.mentor_a).write(values)
        with self.assertRaises(AccessError):
            self.team_b.with_user(self.mentor_a).write(
                {"member_ids": [Command.link(self.mentor_a.id)]}
            )


@tagged("post_install", "-at_install")
class TestColleaguesOfTheMunicipality(OtherMunicipalityCase):
    """Who coaches a file, has a to-do on it or had a contact is always a colleague of
    the file's municipality."""

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
