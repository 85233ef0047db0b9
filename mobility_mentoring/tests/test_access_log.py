from contextlib import closing
from unittest.mock import patch

from lxml import etree

from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tests.common import users, warmup
from odoo.tools import config

from .common import BACKOFFICE, DebtsOnFileCase, MobilityMentoringCase, RpcCase

# A back-office read: one query to read, two to log (the residents of the records and
# one insert), whatever the number of records and residents.
READ_ONE = READ_MANY = 3
LOGGING_A_REPORT = 2


@tagged("post_install", "-at_install")
class TestAccessLog(MobilityMentoringCase):
    """Every way a back-office user obtains a resident's mentoring data writes one row
    per resident per request (NEN 7513): who, when, which resident, through what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        cls.file_b = cls._mentoring_file(cls.mentorship_b, "B")
        cls.backoffice.groups_id |= cls.env.ref("base.group_allow_export")

    def _rows(self, user=None):
        return self.env["mm.access.log"].search([("user_id", "=", (user or self.backoffice).id)])

    def _new_request(self):
        """A request ends with its transaction: the commit hooks run."""
        self.env.cr.flush()

    def _as(self, record, user=None):
        return record.with_user(user or self.backoffice)

    def test_every_way_to_read_a_file_is_logged(self):
        bo = self.backoffice
        A = self.mentorship_a.id
        Goal, Action = self.env["mm.goal"].with_user(bo), self.env["mm.action"].with_user(bo)
        ways = [
            ("mm.mentorship: read", lambda: self._as(self.mentorship_a).read(["bridge_score"])),
            (
                "mm.mentorship: search_read",
                lambda: self.env["mm.mentorship"]
                .with_user(bo)
                .search_read([("id", "=", A)], ["open_goal_ids"]),
            ),
            (
                "mm.mentorship: read",
                lambda: self._as(self.mentorship_a).web_read(
                    {"open_action_ids": {"fields": {"name": {}, "deadline": {}}}}
                ),
            ),
            (
                "mm.goal: read",
                lambda: Goal.web_search_read([("mentorship_id", "=", A)], {"name": {}}),
            ),
            (
                "mm.action: search_read",
                lambda: Action.search_read([("mentorship_id", "=", A)], ["name"]),
            ),
            ("mm.assessment: read", lambda: self._as(self.file_a["assessment"]).read(["date"])),
            ("mm.assessment.line: read", lambda: self._as(self.file_a["line"]).read(["level"])),
            ("mm.reward: read", lambda: self._as(self.file_a["reward"]).read(["amount"])),
            (
                "mm.goal: read_group",
                lambda: Goal.read_group(
                    [("mentorship_id", "=", A)], ["progress:avg"], ["partner_id"]
                ),
            ),
            (
                "mm.action: read_group",
                lambda: Action.web_read_group(
                    [("mentorship_id", "=", A)], ["state"], ["mentorship_id"]
                ),
            ),
            ("mm.goal: name_search", lambda: Goal.name_search("Goal A")),
        ]
        for detail, way in ways:
            with self.subTest(way=detail):
                self._new_request()
                before = self._rows()
                way()
                # figures grouped per resident name the resident, not a mentorship
                per_partner = detail == "mm.goal: read_group"
                self.assertRecordValues(
                    self._rows() - before,
                    [
                        {
                            "partner_id": self.resident_a.id,
                            "mentorship_id": False if per_partner else self.mentorship_a.id,
                            "company_id": self.company.id,
                            "channel": "rpc",
                            "detail": detail,
                            "kind": "file_viewed",
                        }
                    ],
                )

    def test_the_roundabout_ways_are_logged_too(self):
        bo, A = self.backoffice, self.mentorship_a.id
        self.mentorship_a.message_post(
            body="Can we call?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        ways = [
            (
                "export",
                "res.partner: export_data",
                lambda: self._as(self.resident_a).export_data(["mm_mentorship_ids/bridge_score"]),
            ),
            (
                "rpc",
                "mm.assessment.line: read_group",
                lambda: self.env["mm.assessment.line"]
                .with_user(bo)
                .read_group(
                    [("partner_id", "=", self.resident_a.id)], ["score:avg"], ["dimension_id"]
                ),
            ),
            (
                "rpc",
                "mm.mentorship: search_read",
                lambda: self.env["mm.mentorship"]
                .with_user(bo)
                .search_read(
                    [("id", "=", A), ("goal_ids.name", "ilike", "Goal A")], ["partner_id"]
                ),
            ),
            (
                "rpc",
                "mm.mentorship: web_search_read",
                lambda: self.env["mm.mentorship"]
                .with_user(bo)
                .web_search_read([("id", "=", A), ("bridge_score", ">=", 0)], {"partner_id": {}}),
            ),
            (
                "screen",
                "chatter",
                lambda: self.env["mail.message"]
                .with_user(bo)
                ._message_fetch([("model", "=", "mm.mentorship"), ("res_id", "=", A)]),
            ),
            (
                "rpc",
                "mail.message: search_read",
                lambda: self.env["mail.message"]
                .with_user(bo)
                .search_read([("model", "=", "mm.mentorship"), ("res_id", "=", A)], ["body"]),
            ),
        ]
        kinds = {
            "res.partner: export_data": "data_exported",
            "chatter": "messages_read",
            "mail.message: search_read": "messages_read",
        }
        for channel, detail, way in ways:
            with self.subTest(way=detail):
                self._new_request()
                before = self._rows()
                way()
                rows = self._rows() - before
                self.assertEqual(rows.partner_id, self.resident_a)
                self.assertEqual((rows.channel, rows.detail), (channel, detail))
                self.assertEqual(rows.kind, kinds.get(detail, "file_viewed"))

    def test_one_row_per_resident_per_request(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        Mentorship.search_read(
            [("id", "in", (self.mentorship_a | self.mentorship_b).ids)], ["bridge_score"]
        )
        self.env["mm.goal"].with_user(self.backoffice).search_read(
            [("mentorship_id", "in", (self.mentorship_a | self.mentorship_b).ids)],
            ["name", "deadline"],
        )
        self._as(self.file_a["action"]).read(["name"])
        self.assertEqual(
            sorted(self._rows().mapped("partner_id.name")), ["Resident A", "Resident B"]
        )
        self._new_request()
        self._as(self.file_a["action"]).read(["name"])
        self.assertEqual(len(self._rows()), 3)

    def test_a_list_to_choose_from_is_not_an_opening(self):
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        Mentorship.search_read([], ["partner_id", "user_id", "team_id", "state"])
        Mentorship.with_context(mm_client_context=True).web_search_read(
            [], {"partner_id": {"fields": {"display_name": {}}}, "state": {}}
        )
        Mentorship.name_search("Resident")
        Mentorship.read_group([], ["__count"], ["team_id"])
        self.assertFalse(self._rows())

    def test_the_client_context_screen_is_logged_as_the_screen(self):
        self._as(self.mentorship_a).with_context(mm_client_context=True).web_read(
            {"bridge_score": {}, "open_goal_ids": {"fields": {"name": {}}}}
        )
        self.assertRecordValues(
            self._rows(),
            [{"channel": "screen", "detail": "client context", "kind": "client_context"}],
        )

    def test_mentors_and_managers_reading_their_files_are_not_logged(self):
        for user in (self.mentor_a, self.manager):
            self._as(self.mentorship_a, user).read(["bridge_score", "confidential_note"])
            self.assertFalse(self._rows(user))

    def test_exports_are_logged_for_everyone(self):
        self.manager.groups_id |= self.env.ref("base.group_allow_export")
        for user in (self.backoffice, self.manager):
            with self.subTest(user=user.login):
                self._new_request()
                self._as(self.file_a["goal"] | self.file_b["goal"], user).export_data(
                    ["name", "deadline"]
                )
                self.assertRecordValues(
                    self._rows(user),
                    [
                        {
                            "partner_id": partner.id,
                            "channel": "export",
                            "detail": "mm.goal: export_data",
                            "kind": "data_exported",
                        }
                        for partner in (self.resident_b, self.resident_a)
                    ],
                )

    def test_reports_printed_by_back_office_are_logged(self):
        report = self.env["ir.actions.report"].with_user(self.backoffice)
        report._render_qweb_html("mobility_mentoring.action_report_progress", self.mentorship_a.ids)
        self.assertRecordValues(
            self._rows(),
            [
                {
                    "partner_id": self.resident_a.id,
                    "channel": "report",
                    "detail": "mobility_mentoring.report_progress",
                    "kind": "report_printed",
                }
            ],
        )
        self.env["ir.actions.report"].with_user(self.mentor_a)._render_qweb_html(
            "mobility_mentoring.action_report_progress", self.mentorship_a.ids
        )
        self.assertFalse(self._rows(self.mentor_a))

    def test_the_team_report_logs_the_residents_it_names(self):
        self._done_assessment(self.mentorship_a, self._levels(4), date="2025-06-01")
        self.env["ir.actions.report"].with_user(self.backoffice)._render_qweb_html(
            "mobility_mentoring.action_report_team_monitoring",
            self.team_a.ids,
            data={"date_from": "2025-01-01", "date_to": "2026-12-31"},
        )
        self.assertEqual(self._rows().mapped("partner_id"), self.resident_a)

    def test_a_managers_export_of_a_residents_data_is_logged(self):
        self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(
            "mobility_mentoring.action_report_resident_data", self.resident_a.ids
        )
        self.assertRecordValues(
            self._rows(self.manager),
            [
                {
                    "partner_id": self.resident_a.id,
                    "channel": "export",
                    "detail": "resident data (PDF)",
                    "kind": "data_exported",
                    "company_id": self.company.id,
                }
            ],
        )

    def test_the_log_says_in_the_managers_words_what_was_done(self):
        """The list shows what was done in words, in the reader's language; the
        technical detail (model and method, report name) stays, as an optional column."""
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        Log = self.env["mm.access.log"].with_context(lang="nl_NL")
        words = dict(Log.fields_get(["kind"])["kind"]["selection"])
        self.assertEqual(
            words,
            {
                "file_viewed": "Traject bekeken",
                "messages_read": "Berichten gelezen",
                "client_context": "Klantbeeld geopend",
                "report_printed": "Rapport afgedrukt",
                "data_exported": "Gegevens geëxporteerd",
            },
        )
        view = self.env.ref("mobility_mentoring.mm_access_log_view_list")
        arch = etree.fromstring(Log.get_view(view.id, "list")["arch"])
        columns = {field.get("name"): field.get("optional") for field in arch.iter("field")}
        self.assertIsNone(columns["kind"], "always shown")
        self.assertEqual(columns["detail"], "hide")

    def test_managers_read_the_log_of_their_own_company_only(self):
        self._as(self.mentorship_a).read(["bridge_score"])
        elsewhere = self._other_company_file()
        other_manager = self._user(
            "other_manager_test",
            "mobility_mentoring.group_mm_manager",
            company_id=elsewhere["company"].id,
            company_ids=[Command.set(elsewhere["company"].ids)],
        )
        Log, ours = self.env["mm.access.log"], self._rows()
        self.assertTrue(ours)
        self.assertEqual(Log.with_user(self.manager).search([("id", "in", ours.ids)]), ours)
        self.assertFalse(
            Log.with_user(other_manager).search([("company_id", "!=", elsewhere["company"].id)])
        )


@tagged("post_install", "-at_install")
class TestAccessLogOfFigures(DebtsOnFileCase):
    """Figures grouped per record are a resident's data too."""

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


@tagged("post_install", "-at_install")
class TestAccessLogCost(MobilityMentoringCase):
    """Logging costs a fixed number of queries per request, whatever the number of
    records and residents read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create([{"name": f"Cost {n}"} for n in range(5)])
        cls.many = cls.env["mm.mentorship"].create(
            [{"partner_id": p.id, "team_id": cls.team_b.id} for p in partners]
        )

    @users("backoffice_test")
    @warmup
    def test_reading_one_file(self):
        mentorship = self.mentorship_a.with_env(self.env)
        self.env.cr.flush()
        with self.assertQueryCount(READ_ONE):
            mentorship.read(["bridge_score", "date_start"])

    @users("backoffice_test")
    @warmup
    def test_reading_five_files(self):
        mentorships = self.many.with_env(self.env)
        self.env.cr.flush()
        with self.assertQueryCount(READ_MANY):
            mentorships.read(["bridge_score", "date_start"])

    def test_logging_a_report_costs_the_same_for_one_or_three_residents(self):
        for docs in (self.mentorship_a, self.many[:3]):
            with self.subTest(residents=len(docs)):
                docs = docs.with_user(self.backoffice)
                self.mentorship_b.with_user(self.backoffice)._log_report("warm-up")
                self.env.cr.flush()
                self.env.invalidate_all()
                with self.assertQueryCount(LOGGING_A_REPORT):
                    docs._log_report("report.mobility_mentoring.report_progress")
                logged = self.env["mm.access.log"].search(
                    [("channel", "=", "report"), ("detail", "!=", "warm-up")]
                )
                self.assertEqual(len(logged), 1 if len(docs) == 1 else 4)


@tagged("post_install", "-at_install")
class TestAccessLogReadOnly(TransactionCase):
    """A request served by a read-only replica cannot write: its log rows go through
    a read/write cursor of their own. Proven with a real read-only PostgreSQL
    connection (as Odoo opens to a replica) on committed data; the test cleans up."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = new_test_user(env, login="readonly_backoffice_test", groups=BACKOFFICE)
            team = env["mm.team"].create({"name": "Read-only team"})
            partner = env["res.partner"].create({"name": "Read-only resident"})
            mentorship = env["mm.mentorship"].create({"partner_id": partner.id, "team_id": team.id})
            self.ids = {"user": user.id, "team": team.id, "partner": partner.id}
            self.mentorship_id = mentorship.id
        self.addCleanup(self._remove_committed_records)

    def _remove_committed_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mm.access.log"].search([("user_id", "=", self.ids["user"])]).unlink()
            env["mm.mentorship"].browse(self.mentorship_id).unlink()
            env["mm.team"].browse(self.ids["team"]).unlink()
            user = env["res.users"].browse(self.ids["user"])
            user_partner = user.partner_id
            user.unlink()
            (user_partner | env["res.partner"].browse(self.ids["partner"])).unlink()

    def _replica_cursor(self):
        """A cursor as Odoo opens it on a replica: here the replica is the primary
        server itself, reached through a read-only session."""
        replica = {"db_replica_host": config["db_host"], "db_replica_port": config["db_port"]}
        with patch.dict(config.options, replica):
            return db_connect(self.env.cr.dbname, readonly=True).cursor()

    def test_a_read_on_a_read_only_cursor_is_logged(self):
        with closing(self._replica_cursor()) as readonly_cr:
            env = api.Environment(readonly_cr, self.ids["user"], {})
            self.assertTrue(env.cr.readonly)
            env["mm.mentorship"].browse(self.mentorship_id).read(["bridge_score"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rows = env["mm.access.log"].search([("user_id", "=", self.ids["user"])])
            self.assertEqual(rows.partner_id.id, self.ids["partner"])
            self.assertEqual(rows.channel, "rpc")

    def test_every_read_channel_of_back_office_is_logged_on_a_read_only_cursor(self):
        """Each way back office reads a file, each as a request of its own on a replica
        (a read-only cursor): a row on the primary for each. Without the log's own
        read/write cursor, each would fail (PostgreSQL refuses an INSERT there)."""
        mentorship_id = self.mentorship_id
        domain = [("id", "=", mentorship_id)]
        # the way in, and the detail its row names (a list the web client asks for
        # reads its rows first). Not here: a search by name (a directory, not logged)
        # and exports (back office has no export right).
        channels = [
            ("read", lambda M: M.browse(mentorship_id).read(["bridge_score"])),
            ("search_read", lambda M: M.search_read(domain, ["bridge_score"])),
            ("read", lambda M: M.web_search_read(domain, {"bridge_score": {}})),
            ("read_group", lambda M: M.read_group(domain, ["bridge_score:avg"], ["team_id"])),
            (
                "report_progress",
                lambda M: M.env["ir.actions.report"]._render_qweb_html(
                    "mobility_mentoring.action_report_progress", [mentorship_id]
                ),
            ),
        ]
        for detail, read in channels:
            with self.subTest(detail=detail), closing(self._replica_cursor()) as readonly_cr:
                env = api.Environment(readonly_cr, self.ids["user"], {})
                self.assertTrue(env.cr.readonly)
                read(env["mm.mentorship"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rows = env["mm.access.log"].search([("user_id", "=", self.ids["user"])])
            self.assertEqual(
                sorted(row.detail.rsplit(" ", 1)[-1].rsplit(".", 1)[-1] for row in rows),
                sorted(detail for detail, _read in channels),
            )
            self.assertEqual(rows.partner_id.ids, [self.ids["partner"]])


# Over JSON-RPC, as a browser sends it
@tagged("post_install", "-at_install")
class TestRpcAccessLog(RpcCase):
    """A back-office read over JSON-RPC writes the access log.

    Odoo serves reads on a read-only cursor when a replica is configured; in test
    mode every request runs inside the test's one transaction, where a read/write
    cursor cannot be opened beside a read-only one. So this class serves requests on
    read/write cursors, as Odoo does without a replica; the read-only path is proven
    on a real read-only connection in TestAccessLogReadOnly."""

    readonly_enabled = False

    def test_a_read_over_json_rpc_is_logged(self):
        mentorship = self.files["a"]["mentorship"]
        response = self._call(
            "attack_backoffice", "mm.mentorship", "read", mentorship.ids, ["bridge_score"]
        )
        self.assertIn("result", response)
        log = self.env["mm.access.log"].search(
            [("user_id", "=", self.users["attack_backoffice"].id)]
        )
        self.assertRecordValues(
            log,
            [
                {
                    "partner_id": mentorship.partner_id.id,
                    "channel": "rpc",
                    "detail": "mm.mentorship: read",
                    "kind": "file_viewed",
                }
            ],
        )
