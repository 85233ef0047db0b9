from odoo import api, models
from odoo.exceptions import AccessError


# the mentors' screens, which back office does not get: a concern of mm.protected.mixin
# in a file of its own
class MmProtectedMixin(models.AbstractModel):
    """The screens of a resident's file (mentorships, plans, assessments, rewards,
    contact moments, case reviews ...) are the mentors'. Back office without a
    mentor's role reads every file of its companies, in a screen of its own: the
    client context. Whichever way it opens a mentor's screen (a menu, a link
    /odoo/action-<xmlid>/<id> or /odoo/<model>/<id>, an action id, a button that
    returns an action), it gets the client context's form or list of a mentorship,
    or a plain refusal: never a mentor's form with buttons it cannot use.

    Every one of those ways ends in the web client asking ``get_views`` for the view
    types of the action, which asks ``get_view`` per view: the one place on the
    server that sees them all, without JavaScript. Odoo 18 has no declarative way:
    a view's groups_id does not choose the view per user (ir.ui.view.default_view
    takes the primary view of lowest priority whoever asks, a view given by id is
    used as it is, and get_view's cache is shared by all users), and an action's
    groups_id does not stop /web/action/load, which reads the action as superuser
    (web/controllers/action.py). The window actions on mentorships send back office
    to the client context action (ir_actions_act_window.py), so that a link to a
    mentorship opens the client context with its own list and form; this guard
    holds for every other way in (the default form of /odoo/mm.mentorship/<id>, a
    view asked for by id, the mentors' kanban).

    Goals, actions, assessments, rewards, contact moments and case reviews have no
    screen of back office's: what it needs of them (the Bridge, the open goals and
    actions) is in the client context, whose lists do not open them. A second,
    read-only set of their screens would be more to keep in step for no need: their
    screens are refused, in words that say where to go instead."""

    _inherit = "mm.protected.mixin"  # pylint: disable=consider-merging-classes-inherited

    # back office's own views of the model, by view type (xml ids): a mentor's view of
    # another type is refused it. Search views are shared: they hold filters only.
    _back_office_views = {}

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        if view_type != "search" and not self.env.su and self.env.user._mm_is_back_office_only():
            xmlid = self._back_office_views.get(view_type)
            if not xmlid:
                env = self.with_context(lang=self.env.user.lang).env
                raise AccessError(
                    env._(
                        "This screen is for mentors. Open the resident in the Client context "
                        "instead, or ask your team lead."
                    )
                )
            view_id = self.env.ref(xmlid).id
        return super().get_view(view_id, view_type, **options)
