from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..models.mm_mentorship_resident_search import BIRTHDATE_FIELD, BSN_FIELD
from .common import MobilityMentoringCase, RpcCase

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
        """With OCA's l10n_nl_bsn (not a dependency), a mentor finds her resident by
        the whole BSN, with or without its dots, though only HR officers may read a
        BSN; never by a part of one, never another team's resident. Without it, the
        search view has no BSN field. The suite runs both ways: with l10n_nl_bsn
        beside the apps (make wheel-check), without it in the other stages."""
        bsn = self.env["res.partner"]._fields.get(BSN_FIELD)
        if bsn is None:
            self.assertFalse(self._optional_nodes(self.mentor_a, "resident_bsn_search"))
            with self.assertRefused(UserError, "l10n_nl_bsn"):
                self.env["mm.mentorship"].with_user(self.mentor_a).search(
                    [("resident_bsn_search", "=", "100000009")]
                )
            return
        self.resident_a[BSN_FIELD] = "1000.00.009"
        self.resident_b[BSN_FIELD] = "123456782"
        # the mentor may not read a BSN, nor search the contacts' field itself
        self.assertTrue(bsn.groups)
        self.assertFalse(self.mentor_a.has_group(bsn.groups.split(",")[0]))
        with self.assertRaises(AccessError):
            self.env["mm.mentorship"].with_user(self.mentor_a).search(
                [(f"partner_id.{BSN_FIELD}", "ilike", "100000009")]
            )
        self.assertEqual(len(self._optional_nodes(self.mentor_a, "resident_bsn_search")), 1)
        for text in ("100000009", "1000.00.009", " 1000 00 009 "):
            with self.subTest(text=text):
                self.assertEqual(self._find(self.mentor_a, "BSN", text), self.mentorship_a)
        # another team's resident: not found
        self.assertFalse(self._find(self.mentor_a, "BSN", "123456782"))
        # a part of a BSN, or nine digits that are no BSN: refused, in words
        for text in ("1000", "100000008"):
            with self.subTest(text=text), self.assertRefused(UserError, "nine digits"):
                self._find(self.mentor_a, "BSN", text)
        self.assertEqual(
            self._find(self.backoffice, "BSN", "1234.56.782", self.client_context),
            self.mentorship_b,
        )

    def test_birth_date_search_where_partner_contact_birthdate_is_installed(self):
        """With OCA's partner_contact_birthdate (not a dependency), staff find a
        resident by birth date; the web client sends the date the user typed in their
        own format as a date. Without it, the search view has no birth date field."""
        Mentorship = self.env["mm.mentorship"]
        if BIRTHDATE_FIELD not in self.env["res.partner"]._fields:
            self.assertFalse(self._optional_nodes(self.mentor_a, "resident_birthdate_search"))
            with self.assertRefused(UserError, "partner_contact_birthdate"):
                Mentorship.with_user(self.mentor_a).search(
                    [("resident_birthdate_search", "=", "1985-03-12")]
                )
            return
        self.resident_a[BIRTHDATE_FIELD] = "1985-03-12"
        self.resident_b[BIRTHDATE_FIELD] = "1985-03-12"
        self.assertEqual(len(self._optional_nodes(self.mentor_a, "resident_birthdate_search")), 1)
        # the web client's domain for "Search Birth date at: 12-03-1985"
        found = Mentorship.with_user(self.mentor_a).search(
            [("resident_birthdate_search", "=", "1985-03-12")]
        )
        self.assertEqual(found, self.mentorship_a)  # not B, another team's
        both = self.mentorship_a | self.mentorship_b
        backoffice = Mentorship.with_user(self.backoffice)
        before = [("id", "in", both.ids), ("resident_birthdate_search", "<", "1990-01-01")]
        self.assertEqual(backoffice.search(before), both)
        after = [("id", "in", both.ids), ("resident_birthdate_search", ">", "1990-01-01")]
        self.assertFalse(backoffice.search(after))

    def _optional_nodes(self, user, fname):
        return self._search_view(user).xpath(f"//field[@name='{fname}']")


@tagged("post_install", "-at_install")
class TestBsnGuessing(RpcCase):
    """A BSN is looked up one at a time: a search of many OR'ed BSNs over RPC, to guess
    the BSN of a resident the user sees, is refused in words."""

    def test_a_search_of_many_bsns_is_refused(self):
        if BSN_FIELD not in self.env["res.partner"]._fields:
            return  # l10n_nl_bsn is beside the apps in make wheel-check only
        mentorship = self.files["a"]["mentorship"]
        mentorship.partner_id[BSN_FIELD] = "100000009"
        # valid BSNs (the eleven-test), so that each is a lookup
        guesses = ["111222308", "123456782", "100000009", "111222321"]
        domain = [("id", "=", mentorship.id)]
        domain += ["|"] * (len(guesses) - 1)
        domain += [("resident_bsn_search", "=", guess) for guess in guesses]
        response = self._call("attack_mentor_a", "mm.mentorship", "search", domain)
        self.assertEqual(response["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("one resident's BSN at a time", response["error"]["data"]["message"])
        # one at a time is how staff work
        found = self._call(
            "attack_mentor_a",
            "mm.mentorship",
            "search",
            [("id", "=", mentorship.id), ("resident_bsn_search", "=", "1000.00.009")],
        )
        self.assertEqual(found["result"], mentorship.ids)
