from odoo.tests import tagged

from .common import BACKOFFICE, MENTOR, MobilityMentoringCase

# other apps' records to try, with the group an employee needs to work with them; run
# in a database with those apps (make wheel-check), the contact alone otherwise
# (records every employee with that group may see)
OTHER_APPS = {
    "res.partner": ("base.group_partner_manager", lambda env: {"name": "A supplier"}),
    "project.task": (
        "project.group_project_user",
        lambda env: {
            "name": "Paint the office",
            "project_id": env["project.project"]
            .create({"name": "Office", "privacy_visibility": "employees"})
            .id,
        },
    ),
    "crm.lead": (
        "sales_team.group_sale_salesman",
        lambda env: {"name": "New sports hall", "user_id": False},
    ),
}


@tagged("post_install", "-at_install")
class TestOtherAppsUntouched(MobilityMentoringCase):
    """The addon's rules on messages, files, activities and scheduled messages narrow
    mentoring records only: on another app's records, a back-office user or a mentor
    reads exactly what the same employee without a mentoring role reads."""

    def test_other_apps_records_read_as_before(self):
        tried = []
        for model, (group, values) in OTHER_APPS.items():
            if model not in self.env:
                continue
            tried.append(model)
            record = self.env[model].create(values(self.env))
            readable = self._chatter_of(record)
            users = {
                role: self._user(f"{role}_{model}_test", ",".join(groups))
                for role, groups in (
                    ("employee", ["base.group_user", group]),
                    ("backoffice", [BACKOFFICE, group]),
                    ("mentor", [MENTOR, group]),
                )
            }
            seen = {role: self._seen_by(user, readable) for role, user in users.items()}
            with self.subTest(model=model):
                self.assertTrue(all(seen["employee"].values()), "the employee reads some of each")
                self.assertEqual(seen["backoffice"], seen["employee"])
                self.assertEqual(seen["mentor"], seen["employee"])
        self.assertIn("res.partner", tried)

    def _chatter_of(self, record):
        record.message_post(
            body="Call me back", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        record.message_post(body="Internal remark", subtype_xmlid="mail.mt_note")
        self.env["ir.attachment"].create(
            {"name": "quote.pdf", "raw": b"quote", "res_model": record._name, "res_id": record.id}
        )
        record.activity_schedule("mail.mail_activity_data_todo", user_id=self.manager.id)
        domain = [("res_id", "=", record.id)]
        return {
            "mail.message": frozenset(
                self.env["mail.message"].search([("model", "=", record._name), *domain]).ids
            ),
            "ir.attachment": frozenset(
                self.env["ir.attachment"].search([("res_model", "=", record._name), *domain]).ids
            ),
            "mail.activity": frozenset(
                self.env["mail.activity"].search([("res_model", "=", record._name), *domain]).ids
            ),
        }

    def _seen_by(self, user, readable):
        return {
            model: frozenset(self.env[model].with_user(user).search([("id", "in", list(ids))]).ids)
            for model, ids in readable.items()
        }
