"""The fixtures of the tests, one family:

- MobilityMentoringCase: two teams in one company, a user per role, residents;
- ResidentCase: residents with a portal login and a mentoring file each;
- a file set up for one concern: OtherMunicipalityCase, DebtsOnFileCase, BusyMentorCase;
- over HTTP: PortalHttpCase (the resident's requests), RpcCase and RpcNotesCase
  (JSON-RPC as a browser sends it, with users that log in);
- ConcurrencyCase: two users' requests at once, as committed transactions.

Fixtures hold no tests of their own: a fixture imported into a test module adds none."""

import contextlib
import json
import re
import subprocess
from datetime import datetime, timedelta

from lxml import etree
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields, http
from odoo.osv import expression
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

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
# a text planted in a file that no page may show; a refusal over JSON-RPC
SECRET = "PLANTED-SECRET"
ACCESS_ERROR = "odoo.exceptions.AccessError"


def load_dutch(env):
    env["res.lang"]._activate_lang("nl_NL")
    env["ir.module.module"]._load_module_terms(["mobility_mentoring"], ["nl_NL"], overwrite=True)


def english_sentences():
    """The addon's own English sentences that read otherwise in Dutch (from nl.po):
    three words or more, without placeholders or markup."""
    import polib

    dutch = polib.pofile(file_path("mobility_mentoring/i18n/nl.po"))
    return {
        entry.msgid
        for entry in dutch
        if entry.msgstr
        and entry.msgstr != entry.msgid
        and len(entry.msgid.split()) >= 3
        and not re.search(r"[%<>{}]", entry.msgid)
    }


def not_dutch(text, sentences):
    """What in ``text`` a Dutch reader should not read: a decimal point in a number
    ("7.8"; "1.200,00" is Dutch), an ISO date, an English sentence of the addon."""
    problems = re.findall(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])", text)
    problems += re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    problems += [sentence for sentence in sentences if sentence in text]
    return problems


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
    return json_rpc(
        case,
        login,
        f"/web/dataset/call_kw/{model}/{method}",
        model=model,
        method=method,
        args=list(args),
        kwargs=kwargs,
    )


def json_rpc(case, login, url, **params):
    """What the web client sends to a JSON route such as /web/action/load, as
    ``login`` (an HttpCase)."""
    case.authenticate(login, login)
    response = case.url_open(
        url,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
        headers={"Content-Type": "application/json"},
    )
    return response.json()


def opened_records(env, action_xmlid):
    """The records a window action opens on, as the web client searches them: the
    action's domain and the filters its context turns on (search_default_...), those of
    one group of the search view OR'ed, the groups AND'ed."""
    action = env["ir.actions.act_window"]._for_xml_id(action_xmlid)
    Model = env[action["res_model"]]
    values = {"uid": env.uid, "context_today": lambda: fields.Date.context_today(Model)}
    context = safe_eval(action["context"] or "{}", values)
    domains = [safe_eval(action["domain"], values)] if action["domain"] else []
    view_id = action["search_view_id"] and action["search_view_id"][0]
    group = []
    for node in etree.fromstring(Model.get_view(view_id, "search")["arch"]):
        if node.tag in ("separator", "group") and group:
            domains.append(expression.OR(group))
            group = []
        elif node.tag == "filter" and context.get(f"search_default_{node.get('name')}"):
            group.append(safe_eval(node.get("domain") or "[]", values))
    if group:
        domains.append(expression.OR(group))
    return Model.search(expression.AND(domains or [[]]))


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


class OtherMunicipalityCase(MobilityMentoringCase):
    """Team A's mentoring file (file_a), led by mentor A2, with the open-action limits
    off, and a file in another municipality (elsewhere)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.elsewhere = cls._other_company_file()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.team_a.leader_id = cls.mentor_a2


class DebtsOnFileCase(MobilityMentoringCase):
    """Team A's mentoring file (file_a) with the open-action limits off, and the
    resident's total debts measured (14,500): what an attacker of another role looks for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.debts = cls.env.ref("mobility_mentoring.outcome_total_debts")
        cls.env["mm.outcome.measurement"].create(
            {"mentorship_id": cls.mentorship_a.id, "indicator_id": cls.debts.id, "value": 14500}
        )


class BusyMentorCase(MobilityMentoringCase):
    """Mentor A coaching five residents in team A, with contact moments to add per
    mentorship: the monitoring screens whose query counts are pinned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        residents = cls.env["res.partner"].create([{"name": f"Busy {n}"} for n in range(4)])
        cls.mentorships = cls.mentorship_a | cls.env["mm.mentorship"].create(
            [
                {"partner_id": partner.id, "user_id": cls.mentor_a.id, "team_id": cls.team_a.id}
                for partner in residents
            ]
        )

    def _contacts(self, per_mentorship):
        start = datetime(2026, 1, 5, 10)
        self.env["mm.contact"].sudo().create(
            [
                {
                    "mentorship_id": mentorship.id,
                    "user_id": self.mentor_a.id,
                    "date": start + timedelta(days=n),
                    "duration": 45,
                }
                for mentorship in self.mentorships
                for n in range(per_mentorship)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()


class PortalHttpCase(HttpCase, ResidentCase):
    """ResidentCase over HTTP: the resident's own words on their plan, mentor A
    following the file, and requests as a logged-in user (resident A by default)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentorship_a.message_subscribe(partner_ids=cls.mentor_a.partner_id.ids)
        cls.file_a["goal"].description = "I want peace of mind"
        cls.file_a["action"].if_then = "If it is Monday morning, then I call"

    def _get(self, url, login="resident_a_test"):
        self.authenticate(login, login)
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, login="resident_a_test", **data):
        self.authenticate(login, login)
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)


class RpcCase(HttpCase):
    """Two teams' files and a user per role that logs in over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.users = {
            login: login_user(cls.env, login, group)
            for login, group in (
                ("attack_mentor_a", MENTOR),
                ("attack_mentor_b", MENTOR),
                ("attack_backoffice", BACKOFFICE),
            )
        }
        for login, user in cls.users.items():
            user.email = f"{login}@example.com"
        cls.files = {tag: cls._file(tag) for tag in ("a", "b")}

    @classmethod
    def _file(cls, tag):
        team = cls.env["mm.team"].create(
            {
                "name": f"Team {tag}",
                "member_ids": [Command.set(cls.users[f"attack_mentor_{tag}"].ids)],
            }
        )
        mentorship = cls.env["mm.mentorship"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": f"Resident {tag}"}).id,
                "team_id": team.id,
                "user_id": cls.users[f"attack_mentor_{tag}"].id,
            }
        )
        goal = cls.env["mm.goal"].create(
            {
                "mentorship_id": mentorship.id,
                "pillar_id": cls.env.ref("mobility_mentoring.pillar_financial").id,
                "name": f"Secret goal {tag}",
            }
        )
        action = cls.env["mm.action"].create(
            {"goal_id": goal.id, "name": f"Secret action {tag}", "deadline": "2030-01-01"}
        )
        letter = cls.env["ir.attachment"].create(
            {
                "name": f"doctor-{tag}.pdf",
                "raw": b"letter",
                "res_model": "mm.mentorship",
                "res_id": mentorship.id,
            }
        )
        return {"mentorship": mentorship, "goal": goal, "action": action, "letter": letter}

    def _call(self, login, model, method, *args, **kwargs):
        return call_kw(self, login, model, method, *args, **kwargs)

    def assertRefused(self, response, error=ACCESS_ERROR, secret=None):
        self.assertEqual(response.get("error", {}).get("data", {}).get("name"), error, response)
        if secret:
            self.assertNotIn(secret, json.dumps(response))


class RpcNotesCase(HttpCase):
    """Two teams' files with a confidential note each (residents in Dutch), a message
    and a letter on team B's, and a user per role that logs in over HTTP; mentor A
    has the right to export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            login: login_user(cls.env, login, group)
            for login, group in (
                ("rpc_mentor_a", MENTOR),
                ("rpc_mentor_b", MENTOR),
                ("rpc_backoffice", BACKOFFICE),
                ("rpc_manager", MANAGER),
            )
        }
        # the right to export, which Odoo gives no one by default, changes nothing
        cls.users["rpc_mentor_a"].groups_id |= cls.env.ref("base.group_allow_export")
        Team, Partner = cls.env["mm.team"], cls.env["res.partner"]
        cls.mentorships = {}
        for tag in ("a", "b"):
            team = Team.create(
                {
                    "name": f"RPC team {tag}",
                    "member_ids": [(6, 0, cls.users[f"rpc_mentor_{tag}"].ids)],
                }
            )
            cls.mentorships[tag] = cls.env["mm.mentorship"].create(
                {
                    "partner_id": Partner.create(
                        {"name": f"RPC resident {tag}", "lang": "nl_NL"}
                    ).id,
                    "team_id": team.id,
                    "user_id": cls.users[f"rpc_mentor_{tag}"].id,
                    "confidential_note": f"Secret note {tag}",
                }
            )
        cls.mentorships["b"].message_post(body="Message about resident b")
        cls.env["ir.attachment"].create(
            {
                "name": "letter-b.txt",
                "raw": b"b",
                "res_model": "mm.mentorship",
                "res_id": cls.mentorships["b"].id,
            }
        )

    def _call(self, login, model, method, *args, **kwargs):
        return call_kw(self, login, model, method, *args, **kwargs)


class ConcurrencyCase(TransactionCase):
    """Two users' requests at the same moment: real, committed transactions on two
    cursors. What ``_commit_records(env)`` commits before each test (the ids it
    returns are ``self.ids``) goes again after it (``_remove_committed_records``)."""

    def setUp(self):
        super().setUp()
        with self._committed() as env:
            self.ids = self._commit_records(env)
        self.addCleanup(self._remove_committed)

    def _commit_records(self, env):
        raise NotImplementedError

    def _remove_committed_records(self, env):
        raise NotImplementedError

    def _remove_committed(self):
        with self._committed() as env:
            self._remove_committed_records(env)

    @contextlib.contextmanager
    def _committed(self):
        """A superuser environment on a cursor of its own, committed at the end."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    @contextlib.contextmanager
    def _two_transactions(self):
        with self.registry.cursor() as cr_1, self.registry.cursor() as cr_2:
            yield api.Environment(cr_1, SUPERUSER_ID, {}), api.Environment(cr_2, SUPERUSER_ID, {})

    def _assert_the_second_loses(self, first, second, error, message, snapshot=None):
        """``first(env)`` commits; ``second(env)``, begun before (``snapshot(env)`` runs
        in both before either changes anything), fails to serialise. Odoo retries a
        request that failed to serialise: the retry meets ``error`` with ``message``."""
        with self._two_transactions() as (env_1, env_2):
            for env in (env_1, env_2):
                (snapshot or (lambda env: env.cr.execute("SELECT 1")))(env)
            first(env_1)
            env_1.cr.commit()
            with self.assertRaises(SerializationFailure):
                second(env_2)
            env_2.cr.rollback()
            with self.assertRaisesRegex(error, message):
                second(env_2)
            env_2.cr.rollback()
