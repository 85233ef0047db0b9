from odoo import fields, models
from odoo.exceptions import UserError

from ..const import RUNNING_STATES


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """MijnOverzicht, the resident's portal page: who opens and closes it, and the
    reminders the resident gets."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    # MijnOverzicht, the resident's portal
    portal_access = fields.Boolean(
        related="partner_id.mm_portal_access", string="Sees MijnOverzicht", groups="base.group_user"
    )
    resident_reminders = fields.Boolean(
        string="Reminders to the resident",
        default=True,
        tracking=True,
        help="Two days before an action's deadline, the resident gets one short e-mail with "
        "their if-then plan and a link to MijnOverzicht.",
    )
    easy_read = fields.Boolean(
        string="Simple view",
        tracking=True,
        help="MijnOverzicht shows the Bridge as pictures with a few easy words (A2) "
        "instead of the longer texts, larger and with fewer words on each screen. Turn it "
        "on together with the resident, for example when reading is hard for them.",
    )
    resident_reminded_on = fields.Date(
        string="Resident last reminded",
        readonly=True,
        copy=False,
        help="The day the resident last got a reminder mail: at most one a day.",
    )

    def action_grant_portal_access(self):
        """Open MijnOverzicht to the resident: access to their own files and, when they
        have none yet, a portal login through Odoo's invitation, with a word on what
        MijnOverzicht is."""
        self.ensure_one()
        self.check_access("write")  # their mentor's decision, not back office's
        partner = self.partner_id
        if self.state == "closed" or self.is_anonymised:
            raise UserError(self.env._("Only an active or paused mentorship opens MijnOverzicht."))
        if not partner.email:
            raise UserError(
                self.env._(
                    "Add the e-mail address of %s first: the invitation goes there.", partner.name
                )
            )
        self._check_all_files_readable()
        user = partner.sudo().with_context(active_test=False).user_ids[:1]
        if user and user._is_internal():
            raise UserError(
                self.env._("%s has an Odoo login as a colleague: invite another way.", partner.name)
            )
        partner.sudo().mm_portal_access = True
        if not (user and user.active and user._is_portal()):
            self._invite_to_portal()
        self.message_post(
            body=self.env._("MijnOverzicht opened to the resident."), subtype_xmlid="mail.mt_note"
        )
        return True

    def _check_all_files_readable(self):
        """MijnOverzicht shows the resident all their files: whoever opens it (and
        so chooses the address the invitation goes to) may read every one of them."""
        files = self.sudo().search([("partner_id", "=", self.partner_id.id)])
        if files.with_env(self.env)._filtered_access("read") != files.with_env(self.env):
            raise UserError(
                self.env._(
                    "%s also has a file in another team: ask a manager to open MijnOverzicht.",
                    self.partner_id.name,
                )
            )

    def _invite_to_portal(self):
        partner = self.partner_id
        env = self.with_context(lang=partner.lang).env
        welcome = env._(
            "MijnOverzicht is your own page with your mentor. There you see your Bridge, your "
            "plan and your rewards. You can tick off what you have done, and send your mentor "
            "a message. Only you and your mentoring team can see it."
        )
        # sudo: the portal wizard is for contact managers; a mentor invites their resident
        wizard = self.env["portal.wizard"].sudo().with_context(lang=partner.lang)
        wizard.create(
            {"partner_ids": partner.ids, "welcome_message": welcome}
        ).user_ids.action_grant_access()

    def action_revoke_portal_access(self):
        self.check_access("write")
        self._end_resident_access(keep_open=False)
        self.message_post(
            body=self.env._("MijnOverzicht closed to the resident."), subtype_xmlid="mail.mt_note"
        )
        return True

    def _end_resident_access(self, keep_open=True, aftercare=True):
        """No access any more, unless (keep_open) another mentorship still coaches the
        resident, or one is in aftercare (unless ``aftercare`` is False: then the
        aftercare of these files ends too, as when they are anonymised). Their portal
        login may serve other apps: it stays."""
        residents = self.sudo().partner_id
        if keep_open:
            # coached, or in aftercare (mm_mentorship_aftercare.py) until its last follow-up
            today = fields.Date.context_today(self)
            in_aftercare = [("aftercare_until", ">=", today)]
            if not aftercare:  # these files' own aftercare ends too
                in_aftercare = ["&", *in_aftercare, ("id", "not in", self.ids)]
            coached = self.sudo().search(
                [
                    ("partner_id", "in", residents.ids),
                    "|",
                    ("state", "in", RUNNING_STATES),
                    *in_aftercare,
                ]
            )
            residents -= coached.partner_id
        residents.filtered("mm_portal_access").mm_portal_access = False

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "closed":
            self._end_resident_access()
        return result
