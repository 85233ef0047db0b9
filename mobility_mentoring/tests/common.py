import contextlib
import json
import subprocess

from odoo.tests import TransactionCase, new_test_user

from ..const import BACKOFFICE_GROUP as BACKOFFICE
from ..const import MANAGER_GROUP as MANAGER
from ..const import MENTOR_GROUP as MENTOR

DIMENSION_CODES = [
    "housing",
    "family",
    "health",
    "network",
    "debts",
    "savings",
    "education",
    "work",
    "income",
]


class MobilityMentoringCase(TransactionCase):
    """Two teams in one company, a user per role, and residents without a mentorship.

    Logins are eight characters or more: HttpCase logs in with the login as password."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.mentor_a = cls._user("mentor_a_test", MENTOR)
        cls.mentor_a2 = cls._user("mentor_a2_test", MENTOR)
        cls.mentor_b = cls._user("mentor_b_test", MENTOR)
        cls.manager = cls._user("manager_test", MANAGER)
        cls.backoffice = cls._user("backoffice_test", BACKOFFICE)
        cls.team_a = cls.env["mm.team"].create(
            {"name": "Team A", "member_ids": [(6, 0, (cls.mentor_a | cls.mentor_a2).ids)]}
        )
        cls.team_b = cls.env["mm.team"].create(
            {"name": "Team B", "member_ids": [(6, 0, cls.mentor_b.ids)]}
        )
        cls.resident_a, cls.resident_b, cls.resident_c = cls.env["res.partner"].create(
            [{"name": "Resident A"}, {"name": "Resident B"}, {"name": "Resident C"}]
        )
        cls.mentorship_a = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_a.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
        )
        cls.mentorship_b = cls.env["mm.mentorship"].create(
            {"partner_id": cls.resident_b.id, "user_id": cls.mentor_b.id, "team_id": cls.team_b.id}
        )

    @classmethod
    def _user(cls, login, groups, **values):
        # one municipality, one timezone: "today" is the same day for everyone
        values.setdefault("tz", cls.env.user.tz)
        return new_test_user(cls.env, login=login, groups=groups, **values)

    @classmethod
    def _levels(cls, level):
        return dict.fromkeys(DIMENSION_CODES, level)

    @contextlib.contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises, which rolls the refused change back (unittest's assertRaisesRegex
        does not), plus a check of the message the user reads."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _done_assessment(self, mentorship, levels, date="2025-01-15", priorities=()):
        return self.env["mm.assessment"]._create_from_levels(
            mentorship.id, date, levels, list(priorities)
        )

    @classmethod
    def _goal(cls, mentorship, pillar="financial", name="Goal", **values):
        return cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref(f"mobility_mentoring.pillar_{pillar}").id,
                "name": name,
                **values,
            }
        )

    def _actions(self, goal, count, deadline="2030-01-31", prefix="Action"):
        return self.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": f"{prefix} {n}", "deadline": deadline}
                for n in range(1, count + 1)
            ]
        )

    def _step(self, code, level):
        return self.env["mm.step"].search([("dimension_id.code", "=", code), ("level", "=", level)])

    @classmethod
    def _mentoring_file(cls, mentorship, tag):
        """A done assessment, a goal with an open and a done action, and the reward the
        done one earned (the shipped compliment rule), made by the superuser."""
        assessment = cls.env["mm.assessment"]._create_from_levels(
            mentorship.id, "2025-01-15", cls._levels(2), ["debts"]
        )
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": f"Goal {tag}",
            }
        )
        action, done = cls.env["mm.action"].create(
            [
                {"goal_id": goal.id, "name": f"Action {tag}", "deadline": "2030-01-31"},
                {"goal_id": goal.id, "name": f"Done {tag}", "deadline": "2030-01-31"},
            ]
        )
        done.action_done()
        reward = cls.env["mm.reward"].search([("source", "=", f"mm.action,{done.id}")])
        return {
            "mentorship": mentorship,
            "assessment": assessment,
            "line": assessment.line_ids[0],
            "goal": goal,
            "action": action,
            "reward": reward,
        }

    @classmethod
    def _other_company_file(cls):
        """A second municipality with its own mentor, team and a resident's file."""
        company = cls.env["res.company"].create({"name": "Other municipality"})
        mentor = cls._user(
            "other_mentor_test",
            MENTOR,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        team = cls.env["mm.team"].create(
            {"name": "Elsewhere", "company_id": company.id, "member_ids": [(6, 0, mentor.ids)]}
        )
        resident = cls.env["res.partner"].create({"name": "Resident elsewhere"})
        mentorship = cls.env["mm.mentorship"].create(
            {"partner_id": resident.id, "team_id": team.id, "user_id": mentor.id}
        )
        return {"company": company, "mentor": mentor, "team": team} | cls._mentoring_file(
            mentorship, "elsewhere"
        )


def call_kw(case, login, model, method, *args, **kwargs):
    """What a browser sends to /web/dataset/call_kw, as ``login`` (an HttpCase)."""
    case.authenticate(login, login)
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    return response.json()


def pdf_text(pdf):
    """The text of a PDF as poppler's pdftotext reads it, in reading order."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def login_user(env, login, group, name=None):
    """A user whose password is their login, for browser tours and HTTP requests."""
    return env["res.users"].create(
        {
            "name": name or login,
            "login": login,
            "password": login,
            "groups_id": [(6, 0, env.ref(group).ids)],
            "tz": env.user.tz,
        }
    )


class ResidentCase(MobilityMentoringCase):
    """Residents A and B with a portal login each, MijnOverzicht open to both, and a
    mentoring file each (see _mentoring_file)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident_a.email = "resident.a@example.com"
        cls.resident_b.email = "resident.b@example.com"
        cls.resident_user_a = cls._resident_user(cls.resident_a, "resident_a_test")
        cls.resident_user_b = cls._resident_user(cls.resident_b, "resident_b_test")
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.file_b = cls._mentoring_file(cls.mentorship_b, "B")

    @classmethod
    def _resident_user(cls, partner, login):
        partner.mm_portal_access = True  # as the superuser: what the mentor's button does
        return cls.env["res.users"].create(
            {
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
                "tz": cls.env.user.tz,
            }
        )
