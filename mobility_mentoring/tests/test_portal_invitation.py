from odoo.addons.mail.tests.common import MockEmail
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DebtsOnFileCase, MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestPortalInvitation(MobilityMentoringCase, MockEmail):
    """A mentor opens MijnOverzicht to their resident, and it closes again."""

    def setUp(self):
        super().setUp()
        self.resident_a.write({"email": "fatima@example.com", "lang": "en_US"})
        self.mentorship = self.mentorship_a.with_user(self.mentor_a)

    def test_grant_invites_the_resident(self):
        with self.mock_mail_gateway():
            self.mentorship.action_grant_portal_access()
        user = self.resident_a.user_ids
        self.assertTrue(user._is_portal())
        self.assertTrue(self.mentorship.portal_access)
        (invitation,) = [m for m in self._mails if "fatima@example.com" in m["email_to"][0]]
        self.assertIn("MijnOverzicht is your own page", invitation["body"])
        self.assertEqual(self.env["mm.mentorship"].with_user(user).search([]), self.mentorship_a)

    def test_grant_needs_an_email_address(self):
        self.resident_a.email = False
        with self.assertRaises(UserError):
            self.mentorship.action_grant_portal_access()

    def test_not_by_back_office_or_another_team(self):
        for user in (self.backoffice, self.mentor_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.mentorship_a.with_user(user).action_grant_portal_access()

    def test_revoke_close_and_anonymise_end_access(self):
        self.mentorship.action_grant_portal_access()
        self.mentorship.action_revoke_portal_access()
        self.assertFalse(self.resident_a.mm_portal_access)
        self.mentorship.action_grant_portal_access()
        self.mentorship.action_close()
        self.assertFalse(self.resident_a.mm_portal_access)

    def test_closing_keeps_access_while_another_mentorship_coaches(self):
        self.mentorship.action_grant_portal_access()
        self.mentorship.action_pause()
        self.env["mm.mentorship"].create(
            {"partner_id": self.resident_a.id, "team_id": self.team_a.id}
        )
        self.mentorship.action_close()
        self.assertTrue(self.resident_a.mm_portal_access)
        user = self.resident_a.user_ids
        # the closed one stays visible beside the new one
        self.assertEqual(len(self.env["mm.mentorship"].with_user(user).search([])), 2)

    def test_an_anonymised_file_leaves_mijnoverzicht(self):
        self.mentorship.action_grant_portal_access()
        self.mentorship.action_pause()
        current = self.env["mm.mentorship"].create(
            {"partner_id": self.resident_a.id, "team_id": self.team_a.id}
        )
        self.mentorship.action_close()
        self.mentorship_a._anonymise()
        user = self.resident_a.user_ids
        self.assertEqual(self.env["mm.mentorship"].with_user(user).search([]), current)
        self.assertTrue(self.resident_a.mm_portal_access)  # the current one still coaches


@tagged("post_install", "-at_install")
class TestWhoSeesMijnOverzichtIsOpen(DebtsOnFileCase):
    """Another team opens no MijnOverzicht on an old file, and nobody lists who is
    coached over all contacts."""

    def test_another_team_cannot_open_mijnoverzicht_on_an_old_file(self):
        self.resident_c.email = "resident.c@example.com"
        old = self.env["mm.mentorship"].create(
            {
                "partner_id": self.resident_c.id,
                "user_id": self.mentor_a.id,
                "team_id": self.team_a.id,
            }
        )
        old.action_close()
        new = (
            self.env["mm.mentorship"]
            .with_user(self.mentor_b)
            .create({"partner_id": self.resident_c.id, "team_id": self.team_b.id})
        )
        with self.assertRefused(UserError, "also has a file in another team"):
            new.with_user(self.mentor_b).action_grant_portal_access()
        self.assertFalse(self.resident_c.mm_portal_access)
        new.with_user(self.manager).action_grant_portal_access()
        self.assertTrue(self.resident_c.mm_portal_access)

    def test_nobody_lists_who_is_coached_over_all_contacts(self):
        self.resident_a.sudo().mm_portal_access = True
        for user in (self.mentor_b, self.backoffice, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).search([("mm_portal_access", "=", True)])
        self.assertTrue(self.mentorship_a.with_user(self.mentor_a).portal_access)
