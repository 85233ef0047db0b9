from collections import defaultdict

from odoo import api, models
from odoo.osv import expression

from ..const import MENTORING_THREADS


class MailFollowers(models.Model):
    """Who follows a resident's file tells who is coached (the resident follows their
    own mentorship once they write on MijnOverzicht): special-category data. Odoo
    lets every employee read every follower; on mentoring records a follower is
    readable only by whoever may read the record it follows, as Odoo does itself
    for activities and messages."""

    _inherit = "mail.followers"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not self:
            return result
        forbidden = self - self._on_readable_documents(self.sudo())
        if not forbidden:
            return result
        if result:
            forbidden |= result[0]
        return forbidden, lambda: self.env["ir.rule"]._make_access_error(operation, forbidden)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._readable_documents_domain()])
        return super()._search(domain, offset, limit, order)

    def _readable_documents_domain(self):
        """Followers of other records, or of a mentoring record in the user's own
        search of that model (its record rules, as a subquery: no ids in Python)."""
        readable = [("res_model", "not in", MENTORING_THREADS)]
        for model in MENTORING_THREADS:
            Documents = self.env[model]
            if Documents.browse().has_access("read"):
                readable = expression.OR(
                    [readable, [("res_model", "=", model), ("res_id", "in", Documents._search([]))]]
                )
        return readable

    def _on_readable_documents(self, followers):
        """The followers (as superuser) that are not on a mentoring record the user
        cannot read; one access check per model, never per follower."""
        by_model = defaultdict(set)
        for follower in followers:
            if follower.res_model in MENTORING_THREADS:
                by_model[follower.res_model].add(follower.res_id)
        readable = {
            model: set(self.env[model].browse(ids)._filtered_access("read").ids)
            for model, ids in by_model.items()
        }
        return followers.filtered(
            lambda f: f.res_model not in readable or f.res_id in readable[f.res_model]
        ).sudo(False)
