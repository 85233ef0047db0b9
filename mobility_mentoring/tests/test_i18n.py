import polib

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from .common import MobilityMentoringCase

# Terms that read the same in Dutch: OCA's po check (po-pretty-format) clears a
# translation equal to its source, so they have none.
SAME_IN_DUTCH = {
    "%(event)s: %(reward)s",
    "%(pillar)s: %(room)s",
    "%(resident)s in %(pillar)s",
    "%(resident)s, %(date)s",
    "'Monitoring - %s' % (object.name)",
    "'Plan - %s' % (object.display_name)",
    '<i class="fa fa-clock-o me-1" role="img" aria-label="Deadline"/>',
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
    "Ladder",
    "Manager",
    "Mentor",
    "MijnOverzicht",
    "Mobility Mentoring",
    "Monitoring",
    "Open",
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
