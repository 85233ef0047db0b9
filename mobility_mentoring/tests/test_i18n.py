import polib
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from .common import MobilityMentoringCase, english_sentences, load_dutch, not_dutch

# Terms that read the same in Dutch: OCA's po check (po-pretty-format) clears a
# translation equal to its source, so they have none.
SAME_IN_DUTCH = {
    "%(event)s: %(reward)s",
    "%(pillar)s: %(room)s",
    "%(resident)s in %(pillar)s",
    "%(resident)s, %(date)s",
    "'Monitoring - %s' % (object.name)",
    "'Plan - %s' % (object.display_name)",
    "'Praatplaat - %s' % (object.display_name)",
    '<i class="fa fa-clock-o me-1" role="img" aria-label="Deadline"/>',
    "BSN",
    "Budget",
    "Caseload",
    "Caseload per mentor",
    "Code",
    "Compliment",
    "Contact",
    "Deadline",
    "Detail",
    "Export",
    "ID",
    "Indicator",
    "Intervisie",
    "Intervisie %(team)s, %(date)s",
    "Ladder",
    "Manager",
    "Mentor",
    "MijnOverzicht",
    "Mobility Mentoring",
    "Monitoring",
    "Open",
    "Pictogram",
    "Praatplaat",
    "Privacy",
    "RPC",
    "Score",
    "Start",
    "Status",
    "Team",
    "Teams",
    "Wizard",
    "budget %(budget)s per %(period)s",
    "open",
}


@tagged("post_install", "-at_install")
class TestDutch(MobilityMentoringCase):
    def test_every_term_of_the_addon_has_a_dutch_translation(self):
        """Dutch users see Dutch everywhere: fields, views, menus, data, messages and
        the web client's own texts. Run `make pot` after adding a string."""
        reader = TranslationModuleReader(self.env.cr, modules=["mobility_mentoring"])
        terms = {
            source
            for module, term_type, name, res_id, source, _value, _comments in reader
            if module == "mobility_mentoring"
            and not self._field_of_another_app(term_type, name, res_id)
        }
        self.assertGreater(len(terms), 250)
        dutch = polib.pofile(file_path("mobility_mentoring/i18n/nl.po"))
        translated = {entry.msgid for entry in dutch if entry.msgstr and not entry.obsolete}
        self.assertFalse(
            sorted(terms - translated - SAME_IN_DUTCH), "terms without a Dutch translation"
        )

    def test_every_record_term_is_translated_where_it_is_used(self):
        """A view or record is translated from the lines of nl.po that name it: a term
        translated elsewhere (a new column "Resident" of a form) stays English there
        until `make pot` lists the form under it."""
        reader = TranslationModuleReader(self.env.cr, modules=["mobility_mentoring"])
        used = {
            (f"{term_type}:{name}:{res_id}", source)
            for module, term_type, name, res_id, source, _value, _comments in reader
            if module == "mobility_mentoring"
            and term_type in ("model", "model_terms")
            and source not in SAME_IN_DUTCH
            and not self._field_of_another_app(term_type, name, res_id)
        }
        dutch = polib.pofile(file_path("mobility_mentoring/i18n/nl.po"))
        located = {
            (where, entry.msgid)
            for entry in dutch
            if entry.msgstr and not entry.obsolete
            for where, _line in entry.occurrences
        }
        self.assertGreater(len(used), 250)
        self.assertFalse(sorted(used - located)[:20], "terms without Dutch where they are used")

    def _field_of_another_app(self, term_type, name, res_id):
        """Other apps add fields to every mail thread (SMS errors, website messages,
        ratings ...): those fields of our models are theirs to translate."""
        if term_type != "model" or not name.startswith("ir.model.fields,"):
            return False
        field = self.env.ref(res_id, raise_if_not_found=False)
        definition = field and self.env[field.model]._fields.get(field.name)
        return bool(definition) and "mobility_mentoring" not in definition._modules

    def test_a_dutch_user_reads_dutch_errors(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        self.mentor_a.lang = "nl_NL"
        with self.assertRefused(ValidationError, "heeft al een actief traject bij"):
            self.env["mm.mentorship"].with_user(self.mentor_a).with_context(lang="nl_NL").create(
                {"partner_id": self.resident_a.id, "team_id": self.team_a.id}
            )


TODO_TYPES = {
    "overdue": "mobility_mentoring.mail_activity_type_mm_action_overdue",
    "reported": "mobility_mentoring.mail_activity_type_mm_action_reported",
    "no_contact": "mobility_mentoring.mail_activity_type_mm_no_contact",
    "approval": "mobility_mentoring.mail_activity_type_mm_reward_approval",
    "retention": "mobility_mentoring.mail_activity_type_mm_retention_failed",
}


@tagged("post_install", "-at_install")
class TestDutchToDos(MobilityMentoringCase):
    """Every to-do the system writes reads as Dutch to a Dutch mentor or manager:
    its summary and its note, with no ISO date and no English sentence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_dutch(cls.env)
        (cls.mentor_a | cls.manager).lang = "nl_NL"
        cls.team_a.leader_id = cls.manager  # she approves the team's rewards
        cls.env["mm.action.limit"].search([]).action_archive()
        cls.env["mm.reward.rule"].search([]).action_archive()
        cls.env["mm.reward.rule"].create(
            {
                "name": "Voucher",
                "trigger": "action_done",
                "reward_type": "voucher",
                "amount": 10,
                "need_approval": True,
            }
        )

    def test_the_system_to_dos_read_dutch(self):
        file = self.mentorship_a
        file.date_start = "2025-01-01"
        goal = self._goal(file)
        late, reported, done = self._actions(goal, 3, deadline="2025-03-10")
        with freeze_time("2025-03-11"):
            self.env["mm.action"]._cron_notify_overdue()
            reported.sudo().write({"state": "reported"})
            done.action_done()  # the voucher waits for the team lead's approval
            self.env["mm.mentorship"]._cron_fidelity_daily()
            self.env["mm.case.review"].with_user(self.manager).create(
                {
                    "mentorship_id": file.id,
                    "date": "2025-03-11",
                    "followup": "Bel de schuldhulpverlening",
                    "followup_deadline": "2025-03-25",
                }
            )
        file.sudo()._report_retention_failure(ValueError("blocked"))
        todos = self.env["mail.activity"].search(
            [
                "|",
                "&",
                ("res_model", "=", "mm.mentorship"),
                ("res_id", "=", file.id),
                "&",
                ("res_model", "in", ("mm.action", "mm.reward")),
                ("res_id", "in", [*goal.action_ids.ids, *file.reward_ids.ids]),
            ]
        )
        kinds = {
            kind: todos.filtered(lambda t, x=xmlid: t.activity_type_id == self.env.ref(x))
            for kind, xmlid in TODO_TYPES.items()
        }
        kinds["followup"] = todos.filtered(lambda t: t.summary == "Bel de schuldhulpverlening")
        self.assertTrue(all(kinds.values()), {kind: len(found) for kind, found in kinds.items()})
        sentences = english_sentences()
        for kind, found in kinds.items():
            # each in the recipient's language: the managers of a failed anonymisation
            # include the English administrator
            self.assertIn("nl_NL", found.user_id.mapped("lang"))
            for todo in found:
                lang = todo.user_id.lang
                with self.subTest(kind=kind, user=todo.user_id.login):
                    if kind != "followup":
                        todo_type = todo.activity_type_id.with_context(lang=lang)
                        self.assertEqual(todo.summary, todo_type.summary)
                    if lang == "nl_NL":
                        text = f"{todo.summary} {html2plaintext(todo.note or '')}"
                        self.assertEqual(not_dutch(text, sentences), [])
        self.assertIn("11-03-2025", html2plaintext(kinds["followup"].note))
