from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize

from ..const import BACKOFFICE_GROUP, MENTOR_GROUP, TEAM_MESSAGE


class MmThreadMixin(models.AbstractModel):
    """The chatter and the to-dos (activities) of mentoring records.

    Activities on mentoring records are the mentors' to-dos. Back office neither
    reads nor changes them (see mail_activity.py); nor does it read their summary
    through the record.

    Back office may write to the mentor on what it can only read (``_mail_post_access
    = "read"`` on mentorships). That must not open more than that:
    - every file of a new or edited message must be readable by its author (Odoo links
      the attachment ids a poster sends as they are, and mails them out);
    - back office writes as itself, to colleagues only, and follows no internal notes:
      internal messages (notes, activities) never reach a back-office follower; what
      it writes is a message to the team (``TEAM_MESSAGE``), which reaches the
      colleagues who follow the file, never the resident;
    - only the resident and colleagues of the file's company follow it;
    - a resident (a portal user) writes to their mentor as themselves, to the
      record's followers only, never as a note;
    - nothing is added to an anonymised file;
    - a search through the chatter sees what the user may read of it."""

    _name = "mm.thread.mixin"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Chatter and to-dos of mentoring records"

    # Odoo joins these without record rules when a domain goes through them: back
    # office could then test words of the mentors' notes ("message_ids.body ilike")
    message_ids = fields.One2many(auto_join=False)
    website_message_ids = fields.One2many(auto_join=False)
    # likewise the to-dos ("activity_ids.note ilike" would test the mentors')
    activity_ids = fields.One2many(auto_join=False)
    # related fields are read as superuser: what the next to-do is, is the mentors'
    activity_summary = fields.Char(groups=MENTOR_GROUP)
    activity_type_id = fields.Many2one(groups=MENTOR_GROUP)
    activity_type_icon = fields.Char(groups=MENTOR_GROUP)

    @api.model
    def get_views(self, views, options=None):
        """Back office's chatter has no Activities button: the to-dos are not its to
        read or plan (Odoo shows the button for every model with activities)."""
        result = super().get_views(views, options)
        if not self.env.su and self.env.user._mm_is_back_office_only():
            result["models"].get(self._name, {}).pop("has_activities", None)
        return result

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        if not self.env.su:
            self._check_not_anonymised()
        # also through Odoo's mail routes, which post as superuser once they have
        # checked the thread: the checks are about who asks, not about the rights used
        user = self.env.user
        if not user._is_superuser():
            if user._mm_is_back_office_only():
                self._check_back_office_post(kwargs)
                kwargs = self._to_the_team(kwargs)
            elif not user._is_internal():
                self._check_resident_post(kwargs)
        return super().message_post(**kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if subtype_ids and not self.env.su and self.env.user._mm_is_back_office_only():
            subtypes = self.env["mail.message.subtype"].browse(subtype_ids)
            subtype_ids = subtypes.filtered(lambda subtype: not subtype.internal).ids
        if partner_ids and set(partner_ids) - set(self._may_follow(partner_ids)):
            raise AccessError(
                self.env._(
                    "Only the resident and colleagues of %s can follow this file.",
                    self.sudo().company_id[:1].name,
                )
            )
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # whoever adds them (the mail gateway adds a mail's author): nobody else follows
        if partner_ids:
            partner_ids = self._may_follow(partner_ids)
            if not partner_ids:
                return True
        return super()._message_subscribe(partner_ids, subtype_ids, customer_ids=customer_ids)

    def _may_follow(self, partner_ids):
        """The partners that may follow these records: their resident, and internal
        users of their company (a follower gets the file's messages)."""
        # who acts on a record (also through the system's sudo) follows it: Odoo
        # checked their access to it
        acting = self.env.user.partner_id.id
        if set(partner_ids) <= {acting}:
            return list(partner_ids)
        records = self.sudo()
        residents = records.partner_id
        companies = records.company_id
        return [
            partner.id
            for partner in self.env["res.partner"].sudo().browse(partner_ids)
            if partner in residents
            or partner.id == acting
            or any(
                user._is_internal() and companies <= user.company_ids for user in partner.user_ids
            )
        ]

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        self._check_attachments_readable(attachment_ids)
        return super()._process_attachments_for_post(attachments, attachment_ids, message_values)

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, strict=True, **kwargs
    ):
        self._check_attachments_readable(attachment_ids)
        return super()._message_update_content(
            message,
            body,
            attachment_ids=attachment_ids,
            partner_ids=partner_ids,
            strict=strict,
            **kwargs,
        )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if self._is_team_message(message, msg_vals):
            return [recipient for recipient in recipients if not recipient["share"]]
        if not self._is_internal_message(message, msg_vals):
            return recipients
        back_office = self.env.ref(BACKOFFICE_GROUP).id
        mentor = self.env.ref(MENTOR_GROUP).id
        return [
            recipient
            for recipient in recipients
            if not (back_office in recipient["groups"] and mentor not in recipient["groups"])
        ]

    def _is_team_message(self, message, msg_vals):
        subtype_id = msg_vals.get("subtype_id") if msg_vals else message.sudo().subtype_id.id
        return subtype_id == self.env["ir.model.data"]._xmlid_to_res_id(TEAM_MESSAGE)

    def _to_the_team(self, values):
        """Back office's message as a message to the team, for the colleagues who
        follow the file and whom it names itself."""
        colleagues = self.sudo().message_partner_ids.filtered(lambda p: not p.partner_share)
        named = values.get("partner_ids") or []
        return {
            **values,
            "subtype_xmlid": None,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(TEAM_MESSAGE),
            "message_type": "comment",
            "partner_ids": list(dict.fromkeys([*named, *colleagues.ids])),
        }

    def _is_internal_message(self, message, msg_vals):
        msg_vals = msg_vals or {}
        if msg_vals.get("is_internal") or (not msg_vals and message.sudo().is_internal):
            return True
        subtype_id = msg_vals.get("subtype_id") if msg_vals else message.sudo().subtype_id.id
        return self.env["mail.message.subtype"].browse(subtype_id).sudo().internal

    def _check_attachments_readable(self, attachment_ids):
        if attachment_ids and not self.env.su:
            attachments = self.env["ir.attachment"].browse(attachment_ids)
            attachments.check_access("read")  # access rules (back office: no mentoring files)
            attachments.check("read")  # the record each file is attached to

    def _check_resident_post(self, values):
        self._check_own_name(values)
        if values.get("partner_ids"):
            raise AccessError(
                self.env._("Your message goes to your mentor; you cannot add others.")
            )
        subtype = values.get("subtype_xmlid") or "mail.mt_comment"
        if values.get("message_type", "notification") != "comment" or subtype != "mail.mt_comment":
            raise AccessError(self.env._("Send your mentor a message."))

    def _check_own_name(self, values):
        user_partner = self.env.user.partner_id
        author, email_from = values.get("author_id"), values.get("email_from")
        if (author and author != user_partner.id) or (
            email_from and email_normalize(email_from) != user_partner.email_normalized
        ):
            raise AccessError(self.env._("You write in your own name only."))

    def _check_back_office_post(self, values):
        self._check_own_name(values)
        recipients = self.env["res.partner"].browse(values.get("partner_ids") or [])
        if recipients.filtered("partner_share"):
            raise AccessError(
                self.env._("Back office writes to colleagues here, not to people outside.")
            )

    # The system's to-dos. Each model says in one activity_update() which to-dos its
    # records should have now; these helpers do it with Odoo's activity API, as the
    # system: whoever's change calls for a to-do (a resident, a nightly job), it is
    # the mentors' and managers', not theirs.

    def activity_update(self):
        """Schedule, mark done or remove the system's to-dos of these records as their
        state asks. Public, as in Odoo's own models, so also a way in over RPC: only
        who may change the records (or the system) brings their to-dos in line."""
        if not self.env.su:
            self.check_access("write")
        self._activity_update()
        return True

    def _activity_update(self):
        """What activity_update does; models and their concerns extend it through
        super(). The addon's own changes call it directly: the change that calls for
        it was checked already."""

    def _schedule_todos(self, act_type_xmlid, assignees, **act_values):
        """One to-do of this type per record and assignee (``assignees(record)`` gives
        the users), with the type's summary and note in the assignee's language; its
        record's name shows beside it. What Odoo's activity_schedule writes, made in
        one create per language rather than per record or per assignee (a nightly job
        makes hundreds for dozens of mentors), and without a mail each: they are read
        in Odoo's to-dos."""
        if self.env.context.get("mail_activity_automation_skip"):
            return
        todo_type = self.env["mail.activity.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(act_type_xmlid)
        )
        pairs_of_lang = defaultdict(list)
        for record in self:
            for user in assignees(record):
                pairs_of_lang[user.lang].append((record.id, user.id))
        values = {
            "activity_type_id": todo_type.id,
            "automated": True,
            "date_deadline": fields.Date.context_today(self),
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            **act_values,
        }
        for lang, pairs in pairs_of_lang.items():
            env = self.sudo().with_context(lang=lang, mail_activity_quick_update=True).env
            # Odoo's to-do reads its record's name one record at a time (res_name):
            # read all names of the batch at once first, in the same language
            self.with_env(env).browse([res_id for res_id, _user in pairs]).mapped("display_name")
            in_lang = todo_type.with_env(env)
            in_lang_values = {"summary": in_lang.summary, "note": in_lang.default_note, **values}
            env["mail.activity"].create(
                [{**in_lang_values, "res_id": res_id, "user_id": user} for res_id, user in pairs]
            )

    def _todos(self, act_type_xmlids):
        """The system's to-dos of these types, done ones (kept) included."""
        return self.sudo().with_context(active_test=False).activity_search(act_type_xmlids)

    def _without_todo(self, act_type_xmlid, done_counts=True):
        """The records with no to-do of this type yet. By default not even a done
        one: a to-do the mentor marked done is not given again for the same reason."""
        if not self:
            return self
        todos = self._todos([act_type_xmlid])
        if not done_counts:
            todos = todos.filtered("active")
        return self - self.browse(todos.mapped("res_id"))

    def _remove_todos(self, act_type_xmlids):
        """Remove the system's to-dos of these types, done ones included: their reason
        is gone, and a new one may come."""
        self.sudo().with_context(active_test=False).activity_unlink(act_type_xmlids)
