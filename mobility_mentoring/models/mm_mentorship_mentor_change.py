from odoo import fields, models


# one concern of mm.mentorship in a file of its own, as Odoo extends mail.message
# by concern (mail/models/discuss/mail_message.py): not to be merged
class MmMentorship(models.Model):
    """A change of mentor keeps the history and hands over the open to-dos and the
    following of the file."""

    _inherit = "mm.mentorship"  # pylint: disable=consider-merging-classes-inherited

    mentor_change_ids = fields.One2many(
        "mm.mentor.change", "mentorship_id", string="Mentor changes", readonly=True
    )

    def action_change_mentor(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the mentor"),
            "res_model": "mm.mentor.change.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_mentorship_id": self.id, "default_reason": "resident"},
        }

    def _hand_over(self, previous):
        """After the mentor changed from previous: keep the history, and move the
        previous mentor's open to-dos and following of the file to the new one."""
        self.ensure_one()
        new = self.user_id
        context = self.env.context
        self.env["mm.mentor.change"].sudo().create(
            {
                "mentorship_id": self.id,
                "user_id": self.env.uid,
                "from_user_id": previous.id,
                "to_user_id": new.id,
                "reason": context.get("mm_mentor_change_reason") or "other",
                "note": context.get("mm_mentor_change_note"),
            }
        )
        if not (previous and new):
            return  # a file left without a mentor keeps its to-dos where they were
        # sudo: the file's to-dos and followers belong to whoever coaches the resident
        records = [self.sudo(), self.sudo().goal_ids, self.sudo().action_ids]
        for record in records:
            record.activity_ids.filtered(lambda a: a.user_id == previous).user_id = new
            following = record.filtered(lambda r: previous.partner_id in r.message_partner_ids)
            following.message_unsubscribe(partner_ids=previous.partner_id.ids)
            if new:
                following.message_subscribe(partner_ids=new.partner_id.ids)

    def write(self, vals):
        mentors_before = {m.id: m.user_id for m in self} if "user_id" in vals else {}
        result = super().write(vals)
        for mentorship in self.filtered(lambda m: m.id in mentors_before):
            if mentors_before[mentorship.id] != mentorship.user_id:
                mentorship._hand_over(mentors_before[mentorship.id])
        return result
