from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import ACCESS_ERROR, BACKOFFICE, MENTOR, MobilityMentoringCase, call_kw, json_rpc

CLIENT_CONTEXT = "mobility_mentoring.mm_mentorship_action_client_context"
CLIENT_CONTEXT_VIEWS = {
    "form": "mobility_mentoring.mm_mentorship_view_form_client_context",
    "list": "mobility_mentoring.mm_mentorship_view_list_client_context",
}
MENTORSHIPS = "mobility_mentoring.mm_mentorship_action"
MENTORS_FORM = "mobility_mentoring.mm_mentorship_view_form"
# what back office reads on a mentor's screen, and on a mentor's button
MENTORS_SCREEN = "This screen is for mentors. Open the resident in the Client context"
CHANGES_NOTHING = "Back office reads the residents' files and changes nothing"
# what Odoo's own refusals name (a model, a group, a user's id), and a plain one never
TECHNICAL = ("mm.", "Mobility Mentoring/", "(id=")


class BackOfficeScreensCase(MobilityMentoringCase):
    """Team A's file, and the addon's screens of the records of a resident's file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_a = cls._mentoring_file(cls.mentorship_a, "A")
        Protected = cls.env.registry["mm.protected.mixin"]
        cls.file_models = [
            name
            for name, Model in cls.env.registry.items()
            if issubclass(Model, Protected) and not Model._abstract and not Model._transient
        ]
        # the wizards on a file: back office may not use them at all (no access rights)
        cls.wizards = [
            name
            for name, Model in cls.env.registry.items()
            if issubclass(Model, Protected) and Model._transient
        ]

    def _addon_records(self, model, domain):
        data = self.env["ir.model.data"].search(
            [("module", "=", "mobility_mentoring"), ("model", "=", model)]
        )
        return self.env[model].search([("id", "in", data.mapped("res_id")), *domain])

    def _screens(self):
        """The addon's views of the records of a file, but their search views (filters
        only, shared) and templates."""
        return self._addon_records(
            "ir.ui.view",
            [
                ("model", "in", self.file_models),
                ("mode", "=", "primary"),
                ("type", "not in", ("search", "qweb")),
            ],
        )

    def _mentor_actions(self):
        actions = self._addon_records(
            "ir.actions.act_window", [("res_model", "in", self.file_models)]
        )
        return actions - self.env.ref(CLIENT_CONTEXT)

    def assertPlain(self, message, pattern):
        """A refusal in words: ``pattern``, and no model, group or id."""
        self.assertRegex(message, pattern)
        for technical in TECHNICAL:
            self.assertNotIn(technical, message)


@tagged("post_install", "-at_install")
class TestBackOfficeScreens(BackOfficeScreensCase):
    def test_every_mentors_action_on_mentorships_is_the_client_context(self):
        client_context = self.env.ref(CLIENT_CONTEXT)
        expected = client_context._get_action_dict()
        actions = self._mentor_actions().filtered(lambda a: a.res_model == "mm.mentorship")
        # Mentorships, My day, Due for review, and the monitoring of mentorships
        self.assertGreaterEqual(len(actions), 4)
        for action in actions:
            xmlid = action.get_external_id()[action.id]
            with self.subTest(action=xmlid):
                # a menu, a link or an action id: /web/action/load, as superuser
                loaded = action.with_user(self.backoffice).sudo()._get_action_dict()
                self.assertEqual(
                    (loaded["id"], loaded["views"], loaded["context"]),
                    (client_context.id, expected["views"], expected["context"]),
                )
                # a button that returns the action (a team's mentorships)
                Actions = self.env["ir.actions.act_window"].with_user(self.backoffice)
                self.assertEqual(Actions._for_xml_id(xmlid)["id"], client_context.id)
                for user in (self.mentor_a, self.manager):
                    self.assertEqual(
                        action.with_user(user).sudo()._get_action_dict()["id"], action.id
                    )
        team = self.team_a.with_user(self.backoffice).action_view_mentorships()
        self.assertEqual(team["id"], client_context.id)
        self.assertEqual(team["domain"], [("team_id", "=", self.team_a.id)])

    def test_back_office_never_gets_a_mentors_view(self):
        """Whatever view the web client asks for (the views of any action, or the
        default form of /odoo/<model>/<id>): the client context, or a refusal."""
        screens = self._screens()
        self.assertGreater(len(screens), 20)
        for view in screens:
            Model = self.env[view.model].with_user(self.backoffice)
            with self.subTest(view=view.xml_id):
                own = view.model == "mm.mentorship" and CLIENT_CONTEXT_VIEWS.get(view.type)
                if own:
                    views = Model.get_views([(view.id, view.type), (False, "search")])
                    self.assertEqual(views["views"][view.type]["id"], self.env.ref(own).id)
                else:
                    with self.assertRaises(AccessError) as refused:
                        Model.get_views([(view.id, view.type), (False, "search")])
                    self.assertPlain(str(refused.exception), MENTORS_SCREEN)
        for model in self.file_models:
            Model = self.env[model].with_user(self.backoffice)
            with self.subTest(model=model):
                Model.get_views([(False, "search")])  # filters only
                if model == "mm.mentorship":
                    form = Model.get_views([(False, "form")])["views"]["form"]
                    self.assertEqual(form["id"], self.env.ref(CLIENT_CONTEXT_VIEWS["form"]).id)
                else:
                    with self.assertRaises(AccessError) as refused:
                        Model.get_views([(False, "form")])
                    self.assertPlain(str(refused.exception), MENTORS_SCREEN)

    def test_back_office_opens_no_wizard_on_a_file(self):
        self.assertTrue(self.wizards)
        for model in self.wizards:
            Model = self.env[model].with_user(self.backoffice)
            with self.subTest(model=model), self.assertRaises(AccessError) as refused:
                Model.get_views([(False, "form"), (False, "search")])
            self.assertPlain(str(refused.exception), "(?i)back office|for mentors")

    def test_back_offices_screen_has_no_button_it_cannot_use(self):
        views = self.env["mm.mentorship"].with_user(self.backoffice).get_views([(False, "form")])
        form = etree.fromstring(views["views"]["form"]["arch"])
        self.assertFalse(form.xpath("//button"))
        # the goals and actions do not open in the mentors' screens
        for fname in ("open_goal_ids", "open_action_ids"):
            self.assertEqual(form.xpath(f"//field[@name='{fname}']/list/@no_open"), ["1"])
        # nor does the chatter offer to plan a to-do: those are the mentors'
        self.assertNotIn("has_activities", views["models"]["mm.mentorship"])

    def test_no_view_of_a_file_shows_back_office_a_button(self):
        """Every button in the views of a resident's file is for a role that may use
        it: back office, which may use none, sees none (were it to get the view)."""
        View = self.env["ir.ui.view"].with_user(self.backoffice)
        for view in self._screens():
            arch = self.env[view.model]._get_view_cache(view.id, view.type)["arch"]
            shown = View._postprocess_access_rights(etree.fromstring(arch))
            with self.subTest(view=view.xml_id):
                self.assertFalse(
                    [b.get("name") for b in shown.iter("button") if b.get("type")],
                    "buttons back office sees",
                )

    def test_mentors_and_managers_keep_their_screens(self):
        both = self._user("backoffice_mentor_test", f"{BACKOFFICE},{MENTOR}")
        mentorships = self.env.ref(MENTORSHIPS)
        for user in (self.mentor_a, self.manager, both):
            with self.subTest(user=user.login):
                action = mentorships.with_user(user).sudo()._get_action_dict()
                self.assertEqual(action["id"], mentorships.id)
                views = self.env["mm.mentorship"].with_user(user).get_views(action["views"])
                self.assertEqual(views["views"]["form"]["id"], self.env.ref(MENTORS_FORM).id)
                form = etree.fromstring(views["views"]["form"]["arch"])
                self.assertTrue(
                    form.xpath("//field[@name='action_ids']//button[@name='action_done']")
                )
                self.assertTrue(views["models"]["mm.mentorship"].get("has_activities"))
                self.env["mm.action"].with_user(user).get_views([(False, "form"), (False, "list")])

    def test_a_mentors_button_is_refused_in_plain_words(self):
        buttons = [
            (self.file_a["action"], "action_done"),
            (self.file_a["action"], "action_cancel"),
            (self.file_a["goal"], "action_achieve"),
            (self.mentorship_a, "action_pause"),
            (self.mentorship_a, "action_close"),
        ]
        for record, method in buttons:
            with self.subTest(button=f"{record._name}.{method}"):
                with self.assertRaises(AccessError) as refused:
                    getattr(record.with_user(self.backoffice), method)()
                self.assertPlain(str(refused.exception), CHANGES_NOTHING)

    def test_back_office_reads_its_refusals_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.backoffice.lang = "nl_NL"
        with self.assertRaises(AccessError) as refused:
            self.file_a["action"].with_user(self.backoffice).action_done()
        self.assertPlain(str(refused.exception), "De backoffice leest de dossiers")
        with self.assertRaises(AccessError) as refused:
            self.env["mm.goal"].with_user(self.backoffice).get_views([(False, "form")])
        self.assertPlain(str(refused.exception), "Dit scherm is voor mentoren")


# Over HTTP, as the web client asks when back office opens a mentor's link
@tagged("post_install", "-at_install")
class TestBackOfficeScreensOverHttp(HttpCase, BackOfficeScreensCase):
    """/odoo/action-<xmlid>/<id> and /odoo/<model>/<id> are pages of the web client,
    which then loads the action (/web/action/load), its views (get_views) and the
    record (web_read): those requests, as the browser sends them."""

    # the reads write the access log (see TestRpcAccessLog in test_access_log.py)
    readonly_enabled = False

    def _client_context_form(self, views):
        self.assertEqual(
            views["views"]["form"]["id"], self.env.ref(CLIENT_CONTEXT_VIEWS["form"]).id
        )
        arch = views["views"]["form"]["arch"]
        for mentors in ("<button", 'name="goal_ids"', "action_done", "confidential_note"):
            self.assertNotIn(mentors, arch)

    def _logged(self):
        return self.env["mm.access.log"].search(
            [("user_id", "=", self.backoffice.id), ("mentorship_id", "=", self.mentorship_a.id)]
        )

    def test_a_link_to_a_mentorship_opens_the_client_context_and_is_logged(self):
        """/odoo/action-mobility_mentoring.mm_mentorship_action/<id>, or its action id."""
        client_context = self.env.ref(CLIENT_CONTEXT)
        for action_id in (MENTORSHIPS, self.env.ref(MENTORSHIPS).id):
            with self.subTest(action_id=action_id):
                loaded = json_rpc(self, "backoffice_test", "/web/action/load", action_id=action_id)
                self.assertEqual(loaded["result"]["id"], client_context.id)
        action = loaded["result"]
        views = call_kw(
            self,
            "backoffice_test",
            "mm.mentorship",
            "get_views",
            views=[*action["views"], [False, "search"]],
            options={"action_id": action["id"], "load_filters": True, "toolbar": True},
        )
        self._client_context_form(views["result"])
        record = call_kw(
            self,
            "backoffice_test",
            "mm.mentorship",
            "web_read",
            [self.mentorship_a.id],
            specification={"bridge_score": {}, "open_action_ids": {"fields": {"name": {}}}},
            context={"mm_client_context": True},  # the client context action's
        )
        self.assertEqual(record["result"][0]["open_action_ids"][0]["name"], "Action A")
        self.assertRecordValues(self._logged(), [{"channel": "screen", "kind": "client_context"}])

    def test_a_link_by_model_and_id_opens_the_client_context_and_is_logged(self):
        """/odoo/mm.mentorship/<id>: the default form, without an action."""
        views = call_kw(
            self,
            "backoffice_test",
            "mm.mentorship",
            "get_views",
            views=[[False, "form"], [False, "search"]],
            options={},
        )
        self._client_context_form(views["result"])
        call_kw(
            self,
            "backoffice_test",
            "mm.mentorship",
            "web_read",
            [self.mentorship_a.id],
            specification={"bridge_score": {}},
        )
        self.assertRecordValues(self._logged(), [{"channel": "rpc", "kind": "file_viewed"}])

    def test_a_mentors_screen_of_goals_is_refused_in_plain_words(self):
        """/odoo/action-mobility_mentoring.mm_goal_action/<id>: the action loads (it
        holds no data), its views do not."""
        loaded = json_rpc(
            self,
            "backoffice_test",
            "/web/action/load",
            action_id="mobility_mentoring.mm_goal_action",
        )["result"]
        for views in (loaded["views"], [[False, "form"]]):
            with self.subTest(views=views):
                response = call_kw(
                    self,
                    "backoffice_test",
                    "mm.goal",
                    "get_views",
                    views=[*views, [False, "search"]],
                    options={},
                )
                self.assertEqual(response["error"]["data"]["name"], ACCESS_ERROR)
                self.assertPlain(response["error"]["data"]["message"], MENTORS_SCREEN)

    def test_a_mentors_button_over_json_rpc_is_refused_in_plain_words(self):
        response = call_kw(
            self, "backoffice_test", "mm.action", "action_done", self.file_a["action"].ids
        )
        self.assertEqual(response["error"]["data"]["name"], ACCESS_ERROR)
        self.assertPlain(response["error"]["data"]["message"], CHANGES_NOTHING)
        self.assertEqual(self.file_a["action"].state, "open")

    def test_a_mentor_still_opens_the_mentors_form(self):
        loaded = json_rpc(self, "mentor_a_test", "/web/action/load", action_id=MENTORSHIPS)
        action = loaded["result"]
        self.assertEqual(action["id"], self.env.ref(MENTORSHIPS).id)
        views = call_kw(
            self,
            "mentor_a_test",
            "mm.mentorship",
            "get_views",
            views=[*action["views"], [False, "search"]],
            options={},
        )
        self.assertEqual(views["result"]["views"]["form"]["id"], self.env.ref(MENTORS_FORM).id)
