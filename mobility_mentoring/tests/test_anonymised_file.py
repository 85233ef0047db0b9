from contextlib import closing

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MobilityMentoringCase


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
            "mm.mentor.change": cls.env["mm.mentor.change"].create(
                {"mentorship_id": mentorship.id, "user_id": cls.manager.id}
            ),
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
            "mm.mentor.change": {**mentorship, "user_id": self.manager.id},
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
            "mm.mentor.change": {"note": "New"},
            "mm.outcome.measurement": {"value": 5},
        }[model]
