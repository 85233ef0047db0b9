from contextlib import closing

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MobilityMentoringCase

# What each role may do on a record of team A: c(reate), r(ead), w(rite), u(nlink).
# "outsider" is a mentor of team B.
CONFIG = {"backoffice": "r", "mentor": "r", "outsider": "r", "manager": "crwu"}
MATRIX = {
    "mm.mentorship": {"backoffice": "r", "mentor": "crw", "outsider": "", "manager": "crwu"},
    "mm.assessment": {"backoffice": "r", "mentor": "crwu", "outsider": "", "manager": "crwu"},
    "mm.assessment.line": {"backoffice": "r", "mentor": "crwu", "outsider": "", "manager": "crwu"},
    "mm.goal": {"backoffice": "r", "mentor": "crw", "outsider": "", "manager": "crwu"},
    "mm.action": {"backoffice": "r", "mentor": "crw", "outsider": "", "manager": "crwu"},
    "mm.contact": {"backoffice": "r", "mentor": "crwu", "outsider": "", "manager": "crwu"},
    # only the team lead (not this mentor) or a manager records a case review
    "mm.case.review": {"backoffice": "r", "mentor": "r", "outsider": "", "manager": "crwu"},
    "mm.outcome.measurement": {
        "backoffice": "r",
        "mentor": "crwu",
        "outsider": "",
        "manager": "crwu",
    },
    # history, written by the system only
    "mm.mentor.change": {"backoffice": "r", "mentor": "r", "outsider": "", "manager": "r"},
    # rewards are made by the system when an event matches a rule, never by hand
    "mm.reward": {"backoffice": "r", "mentor": "r", "outsider": "", "manager": "rwu"},
    "mm.team": CONFIG,
    "mm.pillar": CONFIG,
    "mm.dimension": CONFIG,
    "mm.step": CONFIG,
    "mm.action.limit": CONFIG,
    "mm.reward.rule": CONFIG,
    "mm.outcome.indicator": CONFIG,
    "mm.access.log": {"backoffice": "", "mentor": "", "outsider": "", "manager": "r"},
    "mm.reward.budget": {"backoffice": "", "mentor": "", "outsider": "", "manager": "r"},
    # Wizards hold one user's ids: anyone may start one for what they may change, but
    # a wizard is its maker's alone (here made by team A's other mentor).
    "mm.goal.close": {"backoffice": "", "mentor": "c", "outsider": "", "manager": "c"},
    "mm.goal.close.line": {"backoffice": "", "mentor": "", "outsider": "", "manager": ""},
    "mm.mentor.change.wizard": {"backoffice": "", "mentor": "c", "outsider": "", "manager": "c"},
    "mm.mentorship.close.wizard": {"backoffice": "", "mentor": "c", "outsider": "", "manager": "c"},
    "mm.team.monitoring.wizard": {
        "backoffice": "c",
        "mentor": "c",
        "outsider": "c",
        "manager": "c",
    },
    # activities on a mentorship of team A, assigned to team A's other mentor
    "mail.activity": {"backoffice": "", "mentor": "crwu", "outsider": "", "manager": "crwu"},
}
WIZARDS = (
    "mm.goal.close",
    "mm.goal.close.line",
    "mm.team.monitoring.wizard",
    "mm.mentor.change.wizard",
    "mm.mentorship.close.wizard",
)
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
# what Odoo's refusals name: a model, the groups that may ("Mobility Mentoring/Mentor")
TECHNICAL = ("mm.", "Mobility Mentoring/")


@tagged("post_install", "-at_install")
class TestSecurityMatrix(MobilityMentoringCase):
    """Every role against every model and operation, through the ORM with the user's
    own rights. Each attempt runs in a savepoint that is rolled back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {
            "backoffice": cls.backoffice,
            "mentor": cls.mentor_a2,
            "outsider": cls.mentor_b,
            "manager": cls.manager,
        }
        cls.financial = cls.env.ref("mobility_mentoring.pillar_financial")
        cls.goal_a = cls.env["mm.goal"].create(
            {"mentorship_id": cls.mentorship_a.id, "pillar_id": cls.financial.id, "name": "Goal A"}
        )
        cls.action_a = cls.env["mm.action"].create(
            {"goal_id": cls.goal_a.id, "name": "Open action A", "deadline": "2030-01-01"}
        )
        cls.rule = cls.env["mm.reward.rule"].create(
            {"name": "Matrix rule", "trigger": "action_done", "reward_type": "card"}
        )
        cls.extra_dimension = cls.env["mm.dimension"].create(
            # archived, so that new assessments leave it out and a line can be added for it
            {
                "pillar_id": cls.financial.id,
                "name": "Matrix dimension",
                "code": "matrix",
                "active": False,
            }
        )

    def test_every_role_on_every_model(self):
        """Each role does what the matrix says and no more; every refusal on the addon's
        records says in words what the user may not do, never the model or the groups
        that may (as Odoo's own refusal does)."""
        mismatches, technical = [], []
        for model, expected_by_role in MATRIX.items():
            for role, user in self.roles.items():
                for letter, operation in OPERATIONS.items():
                    expected = letter in expected_by_role[role]
                    refusal = self._refusal(user, operation, model)
                    if (refusal is None) != expected:
                        mismatches.append(
                            f"{role} {'may' if expected else 'may not'} {operation} {model}"
                        )
                    if model.startswith("mm.") and any(w in (refusal or "") for w in TECHNICAL):
                        technical.append(f"{role} {operation} {model}: {refusal}")
        self.assertFalse(mismatches, "\n".join(mismatches))
        self.assertFalse(technical, "\n".join(technical))

    def _refusal(self, user, operation, model):
        """The message of the AccessError that refuses ``operation``, or None."""
        with closing(self.env.cr.savepoint()):
            try:
                if operation == "create":
                    self.env[model].with_user(user).create(self._create_vals(model))
                else:
                    record = self._record(model).with_user(user)
                    if operation == "read":
                        record.read(["display_name"])
                    elif operation == "write":
                        record.write(self._write_vals(model))
                    else:
                        record.unlink()
                self.env.flush_all()
                return None
            except AccessError as refused:
                return str(refused)
            finally:
                self.env.invalidate_all()

    def _create_vals(self, model):
        if model == "mm.mentorship":
            return {
                "partner_id": self.env["res.partner"].create({"name": "New resident"}).id,
                "team_id": self.team_a.id,
                "user_id": self.mentor_a.id,
            }
        if model == "mm.assessment.line":
            assessment = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
            return {"assessment_id": assessment.id, "dimension_id": self.extra_dimension.id}
        if model == "mm.goal.close.line":
            wizard = self._record("mm.goal.close")
            return {"wizard_id": wizard.id, "action_id": self.action_a.id}
        vals = {
            "mm.assessment": {"mentorship_id": self.mentorship_a.id},
            "mm.goal": {
                "mentorship_id": self.mentorship_a.id,
                "pillar_id": self.financial.id,
                "name": "New goal",
            },
            "mm.action": {
                "goal_id": self.goal_a.id,
                "name": "New action",
                "deadline": "2030-01-01",
            },
            "mm.contact": {"mentorship_id": self.mentorship_a.id, "kind": "phone"},
            "mm.case.review": {"mentorship_id": self.mentorship_a.id},
            "mm.outcome.measurement": {
                "mentorship_id": self.mentorship_a.id,
                "indicator_id": self.env.ref("mobility_mentoring.outcome_savings").id,
            },
            "mm.mentor.change": {"mentorship_id": self.mentorship_a.id, "user_id": self.manager.id},
            "mm.outcome.indicator": {"name": "New indicator", "code": "new_indicator"},
            "mm.mentor.change.wizard": {
                "mentorship_id": self.mentorship_a.id,
                "user_id": self.mentor_a2.id,
                "reason": "other",
            },
            "mm.mentorship.close.wizard": {
                "mentorship_id": self.mentorship_a.id,
                "close_reason": "other",
            },
            "mm.reward": {
                "mentorship_id": self.mentorship_a.id,
                "rule_id": self.rule.id,
                "source": f"mm.goal,{self.goal_a.id}",
                "reward_type": "card",
                "state": "approved",
            },
            "mm.team": {"name": "New team"},
            "mm.pillar": {"name": "New pillar", "code": "new_pillar"},
            "mm.dimension": {"pillar_id": self.financial.id, "name": "New", "code": "new_dim"},
            "mm.step": {"dimension_id": self.extra_dimension.id, "level": 1, "name": "First"},
            "mm.action.limit": {"name": "New limit", "scope": "goal", "max_open": 4},
            "mm.reward.rule": {
                "name": "New rule",
                "trigger": "goal_achieved",
                "reward_type": "card",
            },
            "mm.access.log": {
                "user_id": self.manager.id,
                "channel": "rpc",
                "company_id": self.company.id,
            },
            "mm.reward.budget": {"rule_id": self.rule.id},
            "mm.goal.close": {"goal_ids": [(6, 0, self.goal_a.ids)], "new_state": "achieved"},
            "mm.team.monitoring.wizard": {"team_ids": [(6, 0, self.team_a.ids)]},
            "mail.activity": {
                "res_model_id": self.env["ir.model"]._get_id("mm.mentorship"),
                "res_id": self.mentorship_a.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": self.mentor_a.id,
                "summary": "Talk about the rent",
            },
        }
        return vals[model]

    def _record(self, model):
        """A fresh record of team A (or of the configuration), made by the superuser."""
        if model == "mm.assessment.line":
            return (
                self.env["mm.assessment"]
                .create({"mentorship_id": self.mentorship_a.id})
                .line_ids[0]
            )
        if model == "mm.step":
            return self.env["mm.step"].create(
                {"dimension_id": self.extra_dimension.id, "level": 1, "name": "Only step"}
            )
        if model == "mm.reward.budget":
            self.env["mm.reward"].create(self._create_vals("mm.reward"))
            self.env.flush_all()
            return self.env[model].search([("rule_id", "=", self.rule.id)])
        if model == "mm.access.log":
            return self.env[model].create(
                dict(self._create_vals(model), mentorship_id=self.mentorship_a.id)
            )
        if model in WIZARDS:
            return self.env[model].with_user(self.mentor_a).create(self._create_vals(model))
        return self.env[model].create(self._create_vals(model))

    def _write_vals(self, model):
        return {
            "mm.mentorship": {"resident_reminders": False},
            "mm.assessment": {"date": "2025-02-02"},
            "mm.assessment.line": {"is_priority": True},
            "mm.goal": {"name": "Renamed"},
            "mm.action": {"name": "Renamed"},
            "mm.contact": {"duration": 30},
            "mm.case.review": {"note": "Changed"},
            "mm.outcome.measurement": {"value": 12},
            "mm.mentor.change": {"note": "Changed"},
            "mm.mentor.change.wizard": {"note": "Changed"},
            "mm.mentorship.close.wizard": {"note": "Changed"},
            "mm.reward": {"amount": 3},
            "mm.step": {"name": "Renamed"},
            "mm.action.limit": {"max_open": 9},
            "mm.access.log": {"date": "2025-02-02 10:00:00"},
            "mm.goal.close": {"line_ids": []},
            "mm.goal.close.line": {"decision": "done"},
            "mm.team.monitoring.wizard": {"date_from": "2025-01-01"},
            "mail.activity": {"note": "Changed"},
        }.get(model, {"name": "Renamed"})
