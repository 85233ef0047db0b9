from odoo import api, models

from ..const import BACKOFFICE_GROUP, CLIENT_CONTEXT_DETAIL

# a grouping by one of these shows figures per resident
RESIDENT_RECORDS = (
    "res.partner",
    "mm.mentorship",
    "mm.assessment",
    "mm.goal",
    "mm.action",
)
# a grouping by one of these shows each record's own data
PER_RECORD_TYPES = ("char", "text", "html")


# the read log of the records of a resident's file, a concern of mm.protected.mixin in
# a file of its own
class MmProtectedMixin(models.AbstractModel):
    """Every way a back-office user obtains a resident's mentoring data writes the
    access log: reads (read, search_read, web_read, web_search_read and whatever
    calls them), groupings per resident and name searches, on screen or over RPC.
    Exports are logged for every user. Reports log through mm.mentorship.report.

    A list of residents to choose from is not an opening: reading only the fields in
    ``_directory_fields`` is not logged."""

    _inherit = "mm.protected.mixin"  # pylint: disable=consider-merging-classes-inherited

    _directory_fields = frozenset({"id"})

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        if self._reads_are_logged() and self._shows_mentoring_data(fields or self._fields):
            self._log_read(self.browse(row["id"] for row in result), "read")
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        # Odoo's search_read formats the values itself, without read()
        result = super().search_read(domain, fields, offset, limit, order, **kwargs)
        if self._reads_are_logged() and self._shows_mentoring_data(
            [*(fields or self._fields), *_domain_fields(domain)]
        ):
            self._log_read(self.browse(row["id"] for row in result), "search_read")
        return result

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # a list filtered on mentoring data tells something of each resident in it
        result = super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )
        if self._reads_are_logged() and self._shows_mentoring_data(_domain_fields(domain)):
            ids = [row["id"] for row in result["records"]]
            self._log_read(self.browse(ids), "web_search_read")
        return result

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        groups = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        if self._reads_are_logged() and self._shows_mentoring_data([*fields, "__count"]):
            for records in self._residents_of_groups(domain, groups, groupby):
                self._log_read(records, "read_group")
        return groups

    def _residents_of_groups(self, domain, groups, groupby):
        """Figures per resident: grouped by a resident or one of their records, per
        record (by id or a text: each group is one record, or shows its words), or
        narrowed down to one resident by the domain (one query more)."""
        found, per_record = [], False
        for spec in [groupby] if isinstance(groupby, str) else groupby:
            field = self._fields.get(spec.split(":")[0])
            if field and field.type == "many2one" and field.comodel_name in RESIDENT_RECORDS:
                ids = {group[field.name][0] for group in groups if group.get(field.name)}
                found.append(self.env[field.comodel_name].browse(ids))
            elif field and (field.name == "id" or field.type in PER_RECORD_TYPES):
                per_record = True
        if per_record and groups:
            found.append(self._residents_in(domain))
        if found or not groups:
            return found
        residents = self._residents_in(domain, limit=2)
        return [residents] if len(residents) == 1 else []

    def _residents_in(self, domain, limit=None):
        """The residents (or, where the resident is not stored, the mentorships) of
        the records that domain finds."""
        fname = "partner_id" if self._fields["partner_id"].store else "mentorship_id"
        groups = self._read_group(domain, [fname], limit=limit)
        return self.env[self._fields[fname].comodel_name].union(*(group for (group,) in groups))

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        found = super().name_search(name, args, operator, limit)
        if self._reads_are_logged() and self._shows_mentoring_data(
            ["display_name", *_domain_fields(args or [])]
        ):
            self._log_read(self.browse(record_id for record_id, _name in found), "name_search")
        return found

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        if not self.env.su:
            self.env["mm.access.log"]._log(self, "export", f"{self._name}: export_data")
        return result

    def _log_report(self, report_name):
        if self._reads_are_logged():
            self.env["mm.access.log"]._log(self, "report", report_name.removeprefix("report."))

    def _reads_are_logged(self):
        return not self.env.su and self.env.user.has_group(BACKOFFICE_GROUP)

    def _shows_mentoring_data(self, fnames):
        return not {fname.split(":")[0] for fname in fnames} <= self._directory_fields

    def _log_read(self, records, method):
        if self.env.context.get("mm_client_context"):
            channel, detail = "screen", CLIENT_CONTEXT_DETAIL
        else:
            channel, detail = "rpc", f"{self._name}: {method}"
        self.env["mm.access.log"]._log(records, channel, detail)


def _domain_fields(domain):
    """The fields a search domain filters on (the first step of a path)."""
    return [
        leaf[0].split(".")[0]
        for leaf in domain or []
        if isinstance(leaf, list | tuple) and leaf and isinstance(leaf[0], str)
    ]
