from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..const import MENTORING_THREADS
from .common import OtherMunicipalityCase


@tagged("post_install", "-at_install")
class TestFollowers(OtherMunicipalityCase):
    """Who follows a file: readable only by whoever reads the file, and always the
    resident or a colleague of the file's municipality."""

    def _followers(self, user, domain=()):
        return (
            self.env["mail.followers"]
            .with_user(user)
            .search([("res_model", "in", MENTORING_THREADS), *domain])
        )

    # hole 1
    def test_followers_are_read_only_by_who_reads_the_file(self):
        self.mentorship_a.message_subscribe(partner_ids=self.resident_a.ids)
        follower = self.mentorship_a.message_follower_ids.filtered(
            lambda f: f.partner_id == self.resident_a
        )
        for outsider in (self.mentor_b, self.elsewhere["mentor"]):
            with self.subTest(user=outsider.login):
                found = self._followers(outsider)
                self.assertNotIn(self.resident_a, found.partner_id)
                rows = (
                    self.env["mail.followers"]
                    .with_user(outsider)
                    .search_read([("partner_id", "=", self.resident_a.id)], ["res_id"])
                )
                self.assertFalse(rows, "not by the resident's name either")
                groups = (
                    self.env["mail.followers"]
                    .with_user(outsider)
                    ._read_group([("res_model", "=", "mm.mentorship")], ["partner_id"])
                )
                self.assertNotIn(self.resident_a, [partner for (partner,) in groups])
                with self.assertRaises(AccessError):
                    follower.with_user(outsider).read(["partner_id"])
        # whoever reads the file reads its followers
        for reader in (self.mentor_a, self.backoffice, self.manager):
            with self.subTest(user=reader.login):
                self.assertIn(follower, self._followers(reader))
                follower.with_user(reader).read(["partner_id"])
        # a mentor of team B still reads the followers of team B's file
        self.mentorship_b.message_subscribe(partner_ids=self.resident_b.ids)
        self.assertIn(self.resident_b, self._followers(self.mentor_b).partner_id)

    def test_only_the_resident_and_colleagues_follow_a_file(self):
        outsider = self.elsewhere["mentor"].partner_id
        stranger = self.env["res.partner"].create({"name": "Neighbour", "email": "n@example.com"})
        for partner in (outsider, stranger):
            with self.subTest(partner=partner.name), self.assertRaises(AccessError):
                self.mentorship_a.with_user(self.mentor_a).message_subscribe(
                    partner_ids=partner.ids
                )
        self.mentorship_a.with_user(self.mentor_a).message_subscribe(
            partner_ids=(self.resident_a | self.mentor_a2.partner_id).ids
        )
        followers = self.mentorship_a.message_partner_ids
        self.assertLessEqual(self.resident_a | self.mentor_a2.partner_id, followers)
        # changing one's own subtypes names no partner
        self.mentorship_a.with_user(self.mentor_a).message_subscribe(
            subtype_ids=self.env.ref("mail.mt_comment").ids
        )
        # also when the system adds them (the mail gateway adds a mail's author)
        self.mentorship_a._message_subscribe(partner_ids=(outsider | stranger).ids)
        self.assertFalse((outsider | stranger) & self.mentorship_a.message_partner_ids)
