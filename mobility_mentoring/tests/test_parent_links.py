from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MobilityMentoringCase, RpcCase


@tagged("post_install", "-at_install")
class TestParentLinks(MobilityMentoringCase):
    """Record rules are checked before a write, not on the record a link points to:
    which parent links may change, and to what, is decided here.

    - a goal, an assessment and its lines never change resident or parent;
    - an action may move to another goal of the same resident only;
    - a mentorship keeps its resident; only a manager moves it to another team of the
      same company, or hands it to a mentor outside its team;
    - rewards, and fields that are read-only in their definition (states, dates,
      scores, related fields), are the system's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.file_b = cls._mentoring_file(cls.mentorship_b, "B")
        cls.mentorship_c = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_c.id, "team_id": cls.team_a.id, "user_id": cls.mentor_a.id}
        )
        cls.file_c = cls._mentoring_file(cls.mentorship_c, "C")
        cls.elsewhere = cls._other_company_file()

    def _as_mentor(self, record):
        return record.with_user(self.mentor_a)

    def test_a_goal_never_changes_resident(self):
        goal = self._as_mentor(self.file_a["goal"])
        for target in (self.mentorship_b, self.mentorship_c, self.elsewhere["mentorship"]):
            with self.subTest(target=target.id), self.assertRaises(AccessError):
                goal.write({"mentorship_id": target.id})
        with self.assertRaises(AccessError):
            goal.write({"assessment_line_id": self.file_c["line"].id})
        self.assertEqual(goal.mentorship_id, self.mentorship_a)

    def test_a_goal_is_set_for_a_priority_of_its_own_resident(self):
        with self.assertRefused(UserError, "priority of another resident"):
            self.env["mm.goal"].with_user(self.mentor_a).create(
                {
                    "mentorship_id": self.mentorship_a.id,
                    "assessment_line_id": self.file_c["line"].id,
                    "pillar_id": self.file_c["line"].pillar_id.id,
                    "name": "Borrowed priority",
                }
            )

    def test_an_action_moves_only_to_another_goal_of_the_same_resident(self):
        action = self._as_mentor(self.file_a["action"])
        for target in (self.file_b["goal"], self.file_c["goal"], self.elsewhere["goal"]):
            with self.subTest(target=target.name), self.assertRaises(AccessError):
                action.write({"goal_id": target.id})
        second_goal = self._goal(self.mentorship_a, name="Second goal of A")
        action.write({"goal_id": second_goal.id})
        self.assertEqual(action.goal_id, second_goal)

    def test_assessments_and_their_lines_never_change_parent(self):
        assessment = self._as_mentor(
            self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        )
        with self.assertRaises(AccessError):
            assessment.write({"mentorship_id": self.mentorship_c.id})
        with self.assertRaises(AccessError):
            assessment.write({"mentorship_id": self.mentorship_b.id})
        with self.assertRaises(AccessError):
            assessment.line_ids[0].write({"assessment_id": self.file_c["assessment"].id})

    def test_a_mentorship_keeps_its_resident(self):
        with self.assertRaises(AccessError):
            self._as_mentor(self.mentorship_a).write({"partner_id": self.resident_c.id})

    def test_only_a_manager_moves_a_mentorship_to_another_team_of_the_company(self):
        with self.assertRaises(AccessError):
            self._as_mentor(self.mentorship_a).write({"team_id": self.team_b.id})
        # refused in words: the team works for another municipality (company)
        with self.assertRefused(UserError, "(?i)compan|municipalit"):
            self.mentorship_a.with_user(self.manager).write({"team_id": self.elsewhere["team"].id})
        self.mentorship_a.with_user(self.manager).write({"team_id": self.team_b.id})
        self.assertEqual(self.file_a["goal"].team_id, self.team_b)

    def test_a_mentor_hands_a_mentorship_only_to_a_mentor_of_its_team(self):
        mentorship = self._as_mentor(self.mentorship_a)
        with self.assertRaises(AccessError):
            mentorship.write({"user_id": self.mentor_b.id})
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(self.mentor_a).create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "New"}).id,
                    "team_id": self.team_a.id,
                    "user_id": self.mentor_b.id,
                }
            )
        mentorship.write({"user_id": self.mentor_a2.id})
        self.mentorship_a.with_user(self.manager).write({"user_id": self.mentor_b.id})

    def test_related_and_computed_fields_cannot_be_written_through(self):
        draft = self.env["mm.assessment"].create({"mentorship_id": self.mentorship_a.id})
        attempts = [
            (self.file_a["action"], {"mentorship_id": self.mentorship_b.id}),
            (
                self.file_a["action"],
                {"pillar_id": self.env.ref("mobility_mentoring.pillar_wellbeing").id},
            ),
            (self.file_a["goal"], {"partner_id": self.resident_b.id}),
            (self.file_a["goal"], {"company_id": self.elsewhere["company"].id}),
            (draft, {"bridge_score": 100}),
            (draft.line_ids[0], {"previous_step_id": self._step("housing", 1).id}),
            (draft.line_ids[0], {"score": 100}),
            (self.mentorship_a, {"bridge_score": 99}),
            (self.mentorship_a, {"last_assessment_id": self.file_b["assessment"].id}),
        ]
        for record, values in attempts:
            with self.subTest(model=record._name, values=values), self.assertRaises(AccessError):
                self._as_mentor(record).write(values)

    def test_rewards_belong_to_their_event(self):
        reward = self.file_a["reward"].with_user(self.manager)
        for values in (
            {"mentorship_id": self.mentorship_b.id},
            {"source": f"mm.action,{self.file_b['action'].id}"},
            {
                "rule_id": self.env["mm.reward.rule"]
                .create({"name": "Other", "trigger": "goal_achieved", "reward_type": "card"})
                .id
            },
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                reward.write(values)

    def test_a_mentor_starts_a_mentorship_only_in_a_team_of_theirs(self):
        with self.assertRefused(AccessError, "not in Team B"):
            self.env["mm.mentorship"].with_user(self.mentor_a).create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "Someone"}).id,
                    "team_id": self.team_b.id,
                }
            )


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestParentLinksOverRpc(RpcCase):
    def test_a_goal_cannot_be_moved_into_another_file(self):
        response = self._call(
            "attack_mentor_a",
            "mm.goal",
            "write",
            self.files["a"]["goal"].ids,
            {"mentorship_id": self.files["b"]["mentorship"].id},
        )
        self.assertRefused(response)
        self.assertEqual(self.files["a"]["goal"].mentorship_id, self.files["a"]["mentorship"])
