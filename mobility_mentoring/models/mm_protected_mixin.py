from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import FILE_PARENTS


class MmProtectedMixin(models.AbstractModel):
    """The records of a resident's file: what a user may write on them, who may be put
    on them, that an anonymised file stays as it is, and (mm_protected_mixin_read_log.py)
    that back office's reads of them are logged.

    What a user may write holds whatever a client sends over RPC (a view's readonly
    protects nothing there).

    - Fields that are read-only in their definition are the system's: states and
      their dates, scores, computed and related fields (writing a related field
      would write its target). The methods that change them check the user's right,
      then write as superuser.
    - Links to a parent listed in ``_fixed_after_create`` never change; a model whose
      parent may move checks the target in ``_check_parent_moves``.
    Writing a field's current value again is harmless and allowed (forms resend
    some read-only fields)."""

    _name = "mm.protected.mixin"
    _description = "Records of a resident's file"

    _fixed_after_create = ()

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        for vals in vals_list:
            self._check_create_values(vals)
            self._check_parents_readable(vals)
        self._check_create_defaults()
        records = super().create(vals_list)
        records._check_not_anonymised()
        return records

    def write(self, vals):
        if not self.env.su:
            self._check_not_anonymised()
            self._check_write_values(vals)
        return super().write(vals)

    def _check_create_values(self, vals):
        """A new record starts as the system makes it: in its first state, without
        the dates and figures that only later events set."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field and field.readonly and value and not self._is_default(field, value):
                self._refuse_system_field(fname)

    def _check_parents_readable(self, vals):
        """The file a new record joins is one the user may read, checked before
        anything else: Odoo validates a new record (constraints whose messages name
        the resident) before it checks the user's rights on it."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if value and field and field.type == "many2one" and field.comodel_name in FILE_PARENTS:
                self.env[field.comodel_name].browse(value).check_access("read")

    def _check_create_defaults(self):
        """Nor may the defaults a client controls fill them: default_* keys in its
        context, or a user's own defaults (ir.default). Related fields are left out:
        writing them writes their target, which checks itself."""
        user_defaults = self.env["ir.default"]._get_model_defaults(self._name)
        for fname, field in self._fields.items():
            if not field.readonly or field.related:
                continue
            value = self.env.context.get(f"default_{fname}", user_defaults.get(fname))
            if value and not self._is_default(field, value):
                self._refuse_system_field(fname)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_anonymised(self):
        if not self.env.su:
            self._check_not_anonymised()

    def _check_not_anonymised(self):
        """Nothing is added to, or changed in, an anonymised file (the retention job
        would not come back to remove it)."""
        if "mentorship_id" not in self._fields and self._name != "mm.mentorship":
            return
        mentorships = self if self._name == "mm.mentorship" else self.mentorship_id
        if mentorships.filtered("is_anonymised"):
            raise UserError(self.env._("An anonymised mentorship cannot be changed."))

    def _is_default(self, field, value):
        """Whether value is the field's default (an id and a record compare alike)."""
        if field.type in ("one2many", "many2many"):
            return False
        default = field.default(self) if callable(field.default) else field.default
        return field.convert_to_cache(value, self) == field.convert_to_cache(default, self)

    def _check_colleagues(self, fname):
        """A user put on a file (its mentor, a reviewer, who had a contact) is a
        colleague in its municipality: an internal user of the file's company. The
        file reaches them through to-dos, followers and notifications."""
        for record in self.sudo():
            record._check_works_here(record[fname])

    def _check_works_here(self, user):
        """Refuse ``user`` (if any) unless an internal user of this record's company."""
        company = self.sudo().company_id
        if user and not user._mm_works_for(company):
            raise ValidationError(
                self.env._(
                    "%(user)s does not work for %(company)s: only a colleague there can be "
                    "put on this file.",
                    user=user.name,
                    company=company.name,
                )
            )

    def _check_write_values(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not field or not (field.readonly or fname in self._fixed_after_create):
                continue
            if field.type in ("one2many", "many2many") or self._changed_by(fname, value):
                self._refuse_system_field(fname)
        self._check_parent_moves(vals)

    def _changed_by(self, fname, value):
        """The records whose value of ``fname`` writing ``value`` would change."""
        field = self._fields[fname]
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        return self.filtered(lambda record: record[fname] != new)

    def _check_parent_moves(self, vals):
        """Check where a parent link that may change is moved to (see the models)."""

    def _refuse_system_field(self, fname):
        raise AccessError(
            self.env._(
                "“%(field)s” of a %(model)s is set by the system or through its buttons; "
                "it cannot be changed directly.",
                field=self._fields[fname]._description_string(self.env),
                model=self.env["ir.model"]._get(self._name).name.lower(),
            )
        )
