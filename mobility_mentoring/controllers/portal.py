from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

REPORTS = {
    "plan": "mobility_mentoring.action_report_goal_action_plan",
    "bridge": "mobility_mentoring.action_report_bridge_cards",
    "praatplaat": "mobility_mentoring.action_report_praatplaat",
}


class MijnOverzicht(CustomerPortal):
    """The resident's own page: everything is read and changed as the resident, and
    every id from the browser must be one of their own records, else 404 (one answer
    for "not yours" and "does not exist": nothing leaks, not even existence)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mm_mentorship_count" in counters:
            values["mm_mentorship_count"] = len(self._mm_own_mentorships())
        return values

    def _mm_own_mentorships(self):
        Mentorship = request.env["mm.mentorship"]
        if not Mentorship.has_access("read"):
            return Mentorship
        return Mentorship.search([("partner_id", "=", request.env.user.partner_id.id)])

    def _mm_own(self, model, record_id):
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            if not record.exists() or record.partner_id != request.env.user.partner_id:
                raise NotFound()
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return record

    @http.route(
        ["/my/mentoring", "/my/mentoring/<int:mentorship_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def mm_mentoring(self, mentorship_id=None, **kwargs):
        mentorships = self._mm_own_mentorships()
        return self._mm_render(self._mm_mentorship(mentorship_id, mentorships), mentorships)

    def _mm_mentorship(self, mentorship_id, mentorships):
        """The mentorship of a page: the one in the URL if it is theirs, else the one
        that coaches them now, else the latest."""
        if mentorship_id:
            return self._mm_own("mm.mentorship", mentorship_id)
        mentorship = mentorships.sorted(lambda m: m.state == "closed")[:1]
        if not mentorship:
            raise NotFound()
        return mentorship

    def _mm_render(self, mentorship, mentorships, error=None):
        """``error`` comes from the server only, never from the URL (no text of a
        stranger's choosing in a red box on a trusted page)."""
        values = mentorship._portal_page_values()
        values.update(page_name="mm_mentoring", mentorships=mentorships, error=error)
        return request.render("mobility_mentoring.portal_my_mentoring", values)

    def _mm_back(self, mentorship, anchor, error=None):
        if error:
            return self._mm_render(mentorship, self._mm_own_mentorships(), error=error)
        return request.redirect(f"/my/mentoring/{mentorship.id}#{anchor}")

    @http.route(
        ["/my/mentoring/bridge", "/my/mentoring/<int:mentorship_id>/bridge"],
        type="http",
        auth="user",
        website=True,
    )
    def mm_bridge(self, mentorship_id=None, **kwargs):
        """Fill in your Bridge, on a page of its own while the mentor has opened an
        assessment to the resident; else their main page says what there is."""
        mentorship = self._mm_mentorship(mentorship_id, self._mm_own_mentorships())
        if not mentorship._portal_self_assessment():
            return request.redirect(f"/my/mentoring/{mentorship.id}")
        return self._mm_render_bridge(mentorship)

    def _mm_render_bridge(self, mentorship, error=None):
        values = mentorship._portal_bridge_values()
        values.update(page_name="mm_bridge", error=error)
        return request.render("mobility_mentoring.portal_my_mentoring_bridge", values)

    @http.route(
        "/my/mentoring/action/<int:action_id>/done",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def mm_action_done(self, action_id, **kwargs):
        action = self._mm_own("mm.action", action_id)
        try:
            action.action_report_done()
        except UserError as error:
            return self._mm_back(action.mentorship_id, "plan", error=str(error))
        return self._mm_back(action.mentorship_id, f"action-{action.id}")

    @http.route(
        "/my/mentoring/action/<int:action_id>/undo",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def mm_action_undo(self, action_id, **kwargs):
        """Not done after all: the resident takes back their Done before the mentor
        confirmed it."""
        action = self._mm_own("mm.action", action_id)
        try:
            action.action_undo_report()
        except UserError as error:
            return self._mm_back(action.mentorship_id, "plan", error=str(error))
        return self._mm_back(action.mentorship_id, f"action-{action.id}")

    @http.route(
        "/my/mentoring/line/<int:line_id>", type="http", auth="user", methods=["POST"], website=True
    )
    def mm_self_assessment(self, line_id, step_id=None, priority=None, **kwargs):
        """One tap on the Bridge page: saved, and back to the same ladder there."""
        line = self._mm_own("mm.assessment.line", line_id)
        mentorship = line.mentorship_id
        try:
            line.action_resident_answer(
                step_id=int(step_id) if step_id else None,
                is_priority=(priority == "1") if priority is not None else None,
            )
        except (UserError, ValueError) as error:
            return self._mm_render_bridge(mentorship, error=str(error))
        return request.redirect(f"/my/mentoring/{mentorship.id}/bridge#line-{line.id}")

    @http.route(
        "/my/mentoring/<int:mentorship_id>/message",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def mm_message(self, mentorship_id, body="", **kwargs):
        mentorship = self._mm_own("mm.mentorship", mentorship_id)
        if not body.strip():
            return self._mm_back(
                mentorship, "messages", error=request.env._("Write a message first.")
            )
        # a plain string: message_post escapes it, the resident sends text, not HTML
        mentorship.message_post(
            body=body.strip(), message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return self._mm_back(mentorship, "messages")

    @http.route("/my/mentoring/<int:mentorship_id>/report/<string:kind>", type="http", auth="user")
    def mm_report(self, mentorship_id, kind, **kwargs):
        mentorship = self._mm_own("mm.mentorship", mentorship_id)
        if kind not in REPORTS:
            raise NotFound()
        # rendered with the resident's rights, as staff print it with theirs
        pdf, _type = request.env["ir.actions.report"]._render_qweb_pdf(
            REPORTS[kind], res_ids=mentorship.ids
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'inline; filename="{kind}.pdf"'),
            ],
        )
