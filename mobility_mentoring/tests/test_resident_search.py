from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..const import BACKOFFICE_GROUP, MENTOR_GROUP
from ..models.mm_mentorship_resident_search import BSN_FIELD
from .common import MobilityMentoringCase

# what the client context's list shows: a list to choose from, not an opening
CLIENT_CONTEXT_LIST = {
    "partner_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestResidentSearch(MobilityMentoringCase):
    """Staff find a resident's file by address and phone (and BSN with OCA's
    l10n_nl_bsn), through the search view as the web client uses it, within what
    they may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident_a.write(
            {
                "street": "Lindelaan 12",
                "zip": "9999 ZX",
                "city": "Ootmarsum",
                "phone": "06 24681357",
            }
        )
        # another team's resident in the same street, her postcode written without its
        # space, her mobile internationally
        cls.resident_b.write(
            {
                "street": "Lindelaan 14",
                "zip": "9999ZX",
                "city": "Ootmarsum",
                "mobile": "+31 6 97531864",
            }
        )
        cls.client_context = cls.env.ref("mobility_mentoring.mm_mentorship_action_client_context")

    def _search_view(self, user, action=None):
        """The search view the web client loads as ``user`` (for ``action``)."""
        view_id = action.search_view_id.id if action else False
        views = self.env["mm.mentorship"].with_user(user).get_views([(view_id, "search")])
        return etree.fromstring(views["views"]["search"]["arch"])

    def _find(self, user, label, text, action=None):
        """What ``user`` finds on typing ``text`` and choosing "Search <label> for: text"
        (the web client's domain: the field's filter_domain, else the field ilike)."""
        [node] = self._search_view(user, action).xpath(f"//field[@string='{label}']")
        if node.get("filter_domain"):
            domain = safe_eval(node.get("filter_domain"), {"self": text, "raw_value": text})
        else:
            domain = [(node.get("name"), node.get("operator", "ilike"), text)]
        return self.env["mm.mentorship"].with_user(user).search(domain)

    def test_a_mentor_finds_her_resident_by_street_postcode_and_city(self):
        for text in ("lindelaan 12", "9999 ZX", "9999zx", "9999 z", "ootmarsum", "Lindelaan"):
            with self.subTest(text=text):
                self.assertEqual(self._find(self.mentor_a, "Address", text), self.mentorship_a)

    def test_a_postcode_is_found_with_or_without_its_space(self):
        # back office reads both files: A's postcode has its space, B's has none
        both = self.mentorship_a | self.mentorship_b
        for text in ("9999 ZX", "9999ZX", "9999 zx", "9999"):
            with self.subTest(text=text):
                self.assertEqual(self._find(self.backoffice, "Address", text), both)

    def test_a_mentor_finds_her_resident_by_phone_however_it_is_written(self):
        for text in ("0624681357", "06-2468 1357", "+31 6 2468 1357", "0031624681357", "681357"):
            with self.subTest(text=text):
                self.assertEqual(self._find(self.mentor_a, "Phone", text), self.mentorship_a)
        # a text without a digit is no phone number
        self.assertFalse(self._find(self.mentor_a, "Phone", "Lindelaan"))

    def test_a_search_never_widens_what_a_mentor_sees(self):
        """Another team's resident is not found by her street, postcode or phone: the
        record rules decide, whatever the search."""
        self.assertFalse(self._find(self.mentor_a, "Address", "Lindelaan 14"))
        self.assertEqual(self._find(self.mentor_a, "Address", "9999ZX"), self.mentorship_a)
        self.assertFalse(self._find(self.mentor_a, "Phone", "06 97531864"))
        self.assertFalse(self._find(self.mentor_b, "Address", "Lindelaan 12"))
        self.assertEqual(self._find(self.mentor_b, "Address", "lindelaan"), self.mentorship_b)

    def test_back_office_finds_a_resident_in_the_client_context(self):
        action = self.client_context
        self.assertEqual(
            self._find(self.backoffice, "Address", "Lindelaan 14", action), self.mentorship_b
        )
        self.assertEqual(
            self._find(self.backoffice, "Address", "ootmarsum", action),
            self.mentorship_a | self.mentorship_b,
        )
        self.assertEqual(
            self._find(self.backoffice, "Phone", "0697531864", action), self.mentorship_b
        )
        # choosing from the list found is not an opening of the file: nothing is logged
        found = (
            self.env["mm.mentorship"]
            .with_user(self.backoffice)
            .with_context(mm_client_context=True)
            .web_search_read(
                [("resident_phone_search", "ilike", "0697531864")], CLIENT_CONTEXT_LIST
            )
        )
        self.assertEqual([row["id"] for row in found["records"]], self.mentorship_b.ids)
        self.assertFalse(
            self.env["mm.access.log"].search([("partner_id", "=", self.resident_b.id)])
        )

    def test_does_not_contain_and_a_search_without_text(self):
        both = self.mentorship_a | self.mentorship_b
        Mentorship = self.env["mm.mentorship"].with_user(self.backoffice)
        self.assertEqual(
            Mentorship.search(
                [("id", "in", both.ids), ("resident_phone_search", "not ilike", "0624681357")]
            ),
            self.mentorship_b,
        )
        self.assertEqual(
            Mentorship.search(
                [("id", "in", both.ids), ("resident_address_search", "not ilike", "9999zx")]
            ),
            Mentorship,
        )
        with self.assertRefused(UserError, "with a text it contains"):
            Mentorship.search([("resident_address_search", "=", False)])

    def test_bsn_search_where_l10n_nl_bsn_is_installed(self):
        """With OCA's l10n_nl_bsn (not a dependency), who may read a BSN finds a resident
        by it, with or without its dots, within their own files; others see no BSN
        field and may not search by it. Without it, the search view has no BSN field.
        The suite runs both ways: with l10n_nl_bsn beside the apps (make wheel-check),
        without it in the other stages."""
        bsn = self.env["res.partner"]._fields.get(BSN_FIELD)
        if bsn is None:
            self.assertFalse(self._bsn_nodes(self.manager))
            return
        self.resident_a[BSN_FIELD] = "1000.00.009"
        self.resident_b[BSN_FIELD] = "123456782"
        # need-to-know: outside the field's groups, no BSN field and no search by it
        self.assertTrue(bsn.groups)
        self.assertFalse(self._bsn_nodes(self.mentor_a))
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(self.mentor_a).search(
                [(f"partner_id.{BSN_FIELD}", "ilike", "100000009")]
            )
        reader_group = bsn.groups.split(",")[0]
        mentor = self._user("mentor_bsn_test", f"{MENTOR_GROUP},{reader_group}")
        self.team_a.member_ids |= mentor
        label = bsn._description_string(self.env)
        self.assertEqual(len(self._bsn_nodes(mentor)), 1)
        for text in ("100000009", "1000.00.009"):
            with self.subTest(text=text):
                self.assertEqual(self._find(mentor, label, text), self.mentorship_a)
        # another team's resident: not found, though the mentor may read her BSN
        self.assertFalse(self._find(mentor, label, "123456782"))
        backoffice = self._user("backoffice_bsn_test", f"{BACKOFFICE_GROUP},{reader_group}")
        self.assertEqual(
            self._find(backoffice, label, "1234.56.782", self.client_context), self.mentorship_b
        )

    def _bsn_nodes(self, user):
        return self._search_view(user).xpath(f"//field[contains(@filter_domain, '{BSN_FIELD}')]")
