import ast
import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ..const import MENTORING_THREADS

ADDON = Path(__file__).resolve().parent.parent
# a list of mentoring models in an XML domain: the chatter models, in const.py
MODEL_LIST = re.compile(r"\[\s*'mm\.mentorship'[^\]]*\]")


@tagged("post_install", "-at_install")
class TestConst(TransactionCase):
    """Record rule domains cannot import const.py: where the XML repeats one of its
    lists, it repeats it exactly."""

    def test_xml_domains_name_the_chatter_models_of_const(self):
        found = []
        for path in sorted(ADDON.glob("**/*.xml")):
            for match in MODEL_LIST.finditer(path.read_text()):
                found.append(path.name)
                self.assertEqual(
                    tuple(ast.literal_eval(match.group())), MENTORING_THREADS, path.name
                )
        self.assertGreaterEqual(len(found), 6, "the rules on messages, to-dos, files ...")

    def test_the_rules_by_xml_id_match_too(self):
        for xmlid in (
            "mobility_mentoring.mail_message_rule_mm_backoffice",
            "mobility_mentoring.mail_activity_rule_mm_backoffice",
            "mobility_mentoring.ir_attachment_rule_mm_backoffice",
        ):
            with self.subTest(rule=xmlid):
                domain = self.env.ref(xmlid).domain_force
                lists = [ast.literal_eval(m) for m in MODEL_LIST.findall(domain)]
                self.assertEqual([tuple(models) for models in lists], [MENTORING_THREADS])
