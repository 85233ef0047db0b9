import re

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import SQL

from ..const import MM_GROUPS

try:  # python-stdnum is one of Odoo's own requirements
    from stdnum.nl import bsn as stdnum_bsn
except ImportError:  # pragma: no cover
    stdnum_bsn = None

ADDRESS_FIELDS = ("street", "street2", "zip", "city")
# a Dutch postcode or its start, written with or without its space: 1234 AB, 1234AB
POSTCODE = re.compile(r"(\d{4})\s*([A-Za-z]{1,2})")
# what a phone number holds besides its digits and a leading plus: spaces, dashes ...
PHONE_NOISE = r"[^0-9+]"
# the operators of a text search, and the negative ones as their negation
POSITIVE = ("ilike", "like", "=", "=ilike")
NEGATIONS = {"not ilike": "ilike", "not like": "like", "!=": "="}
# OCA's l10n_nl_bsn (not a dependency): the BSN on res.partner, under its own groups
BSN_FIELD = "bsn_number"
# BSN lookups per request: a person looks one up; a thousand OR'ed in one search would
# be guessing a BSN of a resident the user sees
BSN_LOOKUPS_PER_REQUEST = 3
# OCA's partner_contact_birthdate (not a dependency): the birth date on res.partner
BIRTHDATE_FIELD = "birthdate_date"
# the search fields each of them brings to the search views, after the resident
OPTIONAL_SEARCHES = (
    (BSN_FIELD, "resident_bsn_search"),
    (BIRTHDATE_FIELD, "resident_birthdate_search"),
)


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """How staff find a resident's file: by the resident's address and phone, and by
    BSN and birth date where OCA's l10n_nl_bsn and partner_contact_birthdate put them
    on the contact (the search fields below; ``_get_view`` shows those two only then).
    Every search runs with the user's rights: the record rules on mentorships (a
    mentor's teams) decide what is found. The BSN is the exception to reading what
    you search: l10n_nl_bsn lets only HR officers read it, yet finding a file by the
    BSN a resident gives is how municipal staff work, so staff may look a whole,
    valid BSN up (never a part of one, which would let them guess it) without
    reading the BSN of anyone."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # search only, like Odoo's phone_mobile_search (phone_validation): nothing to read
    resident_address_search = fields.Char(
        string="Resident's address",
        store=False,
        readonly=True,
        search="_search_resident_address",
    )
    resident_phone_search = fields.Char(
        string="Resident's phone",
        store=False,
        readonly=True,
        search="_search_resident_phone",
    )

    resident_bsn_search = fields.Char(
        string="BSN",
        store=False,
        readonly=True,
        search="_search_resident_bsn",
        groups=MM_GROUPS,
    )
    resident_birthdate_search = fields.Date(
        string="Birth date",
        store=False,
        readonly=True,
        search="_search_resident_birthdate",
    )

    def _search_resident_address(self, operator, value):
        """Street, street2, postcode or city; a Dutch postcode with or without its
        space, whichever way it was written on the contact."""

        def partners(operator, term):
            domains = [[(fname, operator, term)] for fname in ADDRESS_FIELDS]
            if postcode := POSTCODE.fullmatch(term):
                spellings = {f"{postcode[1]} {postcode[2]}", f"{postcode[1]}{postcode[2]}"}
                domains += [[("zip", operator, zip_)] for zip_ in sorted(spellings - {term})]
            return [("partner_id", "any", expression.OR(domains))]

        return self._resident_search(operator, value, partners)

    def _search_resident_phone(self, operator, value):
        """Phone or mobile, compared on their digits (and a leading plus), so that
        spaces, dashes and brackets do not matter on either side; a Dutch number
        written nationally (06 ...) or internationally (+31 6 ..., 0031 6 ...)."""

        def partners(operator, term):
            numbers = _phone_spellings(term)
            if not numbers:
                return expression.FALSE_DOMAIN
            exact = operator in ("=", "=ilike")
            patterns = numbers if exact else [f"%{number}%" for number in numbers]
            # the contacts the user may read, as a subquery
            Partner = self.env["res.partner"].with_context(active_test=False)
            query = Partner._search([])
            matches = SQL(" OR ").join(
                SQL(
                    "regexp_replace(%s, %s, '', 'g') LIKE ANY(%s)",
                    Partner._field_to_sql(query.table, fname, query),
                    PHONE_NOISE,
                    patterns,
                )
                for fname in ("phone", "mobile")
            )
            # in brackets: the query ANDs its conditions as they are (record rules)
            query.add_where(SQL("(%s)", matches))
            return [("partner_id", "in", query)]

        return self._resident_search(operator, value, partners)

    def _search_resident_bsn(self, operator, value):
        """A whole BSN, with or without its dots or spaces, looked up as the system
        (see the class): the contacts are only a subquery, what is found is the
        mentorships the user may see."""
        self._optional_field(BSN_FIELD)
        if request:  # over HTTP: counted per request
            lookups = getattr(request, "_mm_bsn_lookups", 0) + 1
            request._mm_bsn_lookups = lookups
            if lookups > BSN_LOOKUPS_PER_REQUEST:
                raise UserError(self.env._("Search one resident's BSN at a time."))
        number = stdnum_bsn.compact(value) if isinstance(value, str) and stdnum_bsn else ""
        if operator not in ("=", "ilike") or not (stdnum_bsn and stdnum_bsn.is_valid(number)):
            raise UserError(
                self.env._(
                    "Search a BSN with all its nine digits, as the resident gives it: "
                    "a BSN is looked up whole, never by a part."
                )
            )
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        # both ways l10n_nl_bsn may have stored it: its onchange writes 1234.56.782
        spellings = [number, stdnum_bsn.format(number)]
        return [("partner_id", "in", Partner._search([(BSN_FIELD, "in", spellings)]))]

    def _search_resident_birthdate(self, operator, value):
        """The birth date, with any of a date's comparisons, as the user reads it."""
        self._optional_field(BIRTHDATE_FIELD)
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not day:
            raise UserError(self.env._("Search a resident's birth date with a date."))
        value = day
        return [("partner_id", "any", [(BIRTHDATE_FIELD, operator, value)])]

    def _optional_field(self, fname):
        if fname not in self.env["res.partner"]._fields:
            raise UserError(
                self.env._(
                    "This search needs the module that keeps it on contacts: "
                    "l10n_nl_bsn for a BSN, partner_contact_birthdate for a birth date."
                )
            )

    def _resident_search(self, operator, value, domain):
        """``domain(positive operator, term)``, negated for a negative operator."""
        positive = NEGATIONS.get(operator, operator)
        if positive not in POSITIVE or not isinstance(value, str) or not value.strip():
            raise UserError(
                self.env._("Search a resident's address or phone with a text it contains.")
            )
        found = domain(positive, value.strip())
        return ["!", *expression.normalize_domain(found)] if operator in NEGATIONS else found

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "search":
            self._add_optional_searches(arch)
        return arch, view

    def _add_optional_searches(self, arch):
        """The BSN and birth date searches, after the resident, where the module that
        keeps them on contacts is installed. The web client parses a birth date in
        the user's own format, as for any date field."""
        resident = arch.xpath("//field[@name='partner_id'][not(@filter_domain)]")
        if not resident:
            return
        partner_fields = self.env["res.partner"]._fields
        for partner_field, fname in reversed(OPTIONAL_SEARCHES):
            field = self._fields[fname]
            if partner_field in partner_fields:
                node = etree.Element(
                    "field", name=fname, string=field._description_string(self.env)
                )
                if field.groups:
                    node.set("groups", field.groups)
                resident[0].addnext(node)


def _phone_spellings(term):
    """The digits (and leading plus) of ``term``, with a Dutch number's other ways of
    writing it: 0612345678, +31612345678, 0031612345678. None without a digit."""
    number = re.sub(PHONE_NOISE, "", term)
    if not re.search(r"\d", number):
        return []
    national = None
    if number.startswith("+31"):
        national = number[3:]
    elif number.startswith("0031"):
        national = number[4:]
    elif number.startswith("0") and not number.startswith("00"):
        national = number[1:]
    if not national:
        return [number]
    return [f"0{national}", f"+31{national}", f"0031{national}"]
