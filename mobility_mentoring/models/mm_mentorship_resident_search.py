import re

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

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


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """How staff find a resident's file: by the resident's address and phone (the
    search fields below, for the search view), and by BSN where OCA's l10n_nl_bsn is
    installed (``_get_view``). Every search runs with the user's rights: the record
    rules on mentorships (a mentor's teams) and contacts still decide what is found,
    and a field the user may not read cannot be searched (Odoo refuses it)."""

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
            self._add_bsn_search(arch)
        return arch, view

    def _add_bsn_search(self, arch):
        """With OCA's l10n_nl_bsn installed, find a resident by BSN too: after the
        resident, under the groups of the BSN field (the node is gone for a user
        outside them; a search by a user outside them is refused by the ORM). Its
        search accepts a BSN with or without dots (l10n_nl_bsn's own _search)."""
        bsn = self.env["res.partner"]._fields.get(BSN_FIELD)
        resident = arch.xpath("//field[@name='partner_id'][not(@filter_domain)]")
        if bsn is None or not resident:
            return
        node = etree.Element(
            "field",
            name="partner_id",
            string=bsn._description_string(self.env),
            filter_domain=f"[('partner_id.{BSN_FIELD}', 'ilike', self)]",
        )
        if bsn.groups:
            node.set("groups", bsn.groups)
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
