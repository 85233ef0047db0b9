from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MobilityMentoringCase, RpcCase


@tagged("post_install", "-at_install")
class TestWizardAccess(MobilityMentoringCase):
    """Wizards store ids that the client sends: each one is checked, and a wizard is
    its maker's alone. Related fields are computed as superuser, so an unchecked id
    would show another resident's plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.file_b = cls._mentoring_file(cls.mentorship_b, "B")
        cls.elsewhere = cls._other_company_file()
        cls.Wizard = cls.env["mm.goal.close"]

    def _close_wizard(self, user, action):
        return self.Wizard.with_user(user).create(
            {
                "goal_ids": [Command.set(self.file_a["goal"].ids)],
                "new_state": "achieved",
                "line_ids": [Command.create({"action_id": action.id})],
            }
        )

    def test_the_goal_close_wizard_takes_no_action_of_another_team_or_company(self):
        for foreign in (self.file_b["action"], self.elsewhere["action"]):
            with self.subTest(action=foreign.name), self.assertRaises(AccessError):
                self._close_wizard(self.mentor_a, foreign)

    def test_the_goal_close_wizard_takes_only_open_actions_of_its_goals(self):
        other_goal = self._goal(self.mentorship_a, name="Other goal of A")
        other_action = self._actions(other_goal, 1)
        with self.assertRefused(UserError, "not an open action of"):
            self._close_wizard(self.mentor_a, other_action)
        with self.assertRefused(UserError, "not an open action of"):
            self._close_wizard(
                self.mentor_a, self.file_a["goal"].action_ids - self.file_a["action"]
            )

    def test_a_line_cannot_be_pointed_at_another_action_afterwards(self):
        wizard = self._close_wizard(self.mentor_a, self.file_a["action"])
        with self.assertRaises(AccessError):
            wizard.line_ids.write({"action_id": self.file_b["action"].id})
        with self.assertRaises(AccessError):
            wizard.write({"goal_ids": [Command.link(self.file_b["goal"].id)]})

    def test_the_goals_must_be_writable_by_the_user(self):
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.mentor_a).create(
                {"goal_ids": [Command.set(self.file_b["goal"].ids)], "new_state": "dropped"}
            )
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.backoffice).create(
                {"goal_ids": [Command.set(self.file_a["goal"].ids)], "new_state": "dropped"}
            )

    def test_a_wizard_is_its_makers_alone(self):
        wizard = self._close_wizard(self.mentor_a, self.file_a["action"])
        for user in (self.mentor_a2, self.mentor_b):
            with self.subTest(user=user.login):
                self.assertFalse(self.Wizard.with_user(user).search([("id", "=", wizard.id)]))
                with self.assertRaises(AccessError):
                    wizard.with_user(user).read(["goal_ids"])
                with self.assertRaises(AccessError):
                    wizard.line_ids.with_user(user).read(["goal_id", "deadline"])
        self.assertEqual(wizard.line_ids.with_user(self.mentor_a).goal_id, self.file_a["goal"])

    def test_the_team_monitoring_wizard_takes_only_readable_teams(self):
        Wizard = self.env["mm.team.monitoring.wizard"].with_user(self.mentor_a)
        with self.assertRaises(AccessError):
            Wizard.create({"team_ids": [Command.set(self.elsewhere["team"].ids)]})
        wizard = Wizard.create({"team_ids": [Command.set(self.team_a.ids)]})
        with self.assertRaises(AccessError):
            wizard.write({"team_ids": [Command.link(self.elsewhere["team"].id)]})
        with self.assertRaises(AccessError):
            wizard.with_user(self.mentor_b).read(["team_ids"])


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestWizardAccessOverRpc(RpcCase):
    def test_the_goal_close_wizard_shows_no_other_teams_action(self):
        mine, theirs = self.files["a"], self.files["b"]
        response = self._call(
            "attack_mentor_a",
            "mm.goal.close",
            "web_save",
            [],
            {
                "goal_ids": [Command.set(mine["goal"].ids)],
                "new_state": "achieved",
                "line_ids": [Command.create({"action_id": theirs["action"].id})],
            },
            specification={
                "line_ids": {
                    "fields": {
                        "action_id": {"fields": {"display_name": {}}},
                        "goal_id": {"fields": {"display_name": {}}},
                        "deadline": {},
                    }
                }
            },
        )
        self.assertRefused(response, secret="Secret")
