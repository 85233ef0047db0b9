import base64
import io

from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.mimetypes import guess_mimetype

from .common import MobilityMentoringCase, load_dutch


# a small picture, as a municipality might upload one
def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


PNG = _png()


def gif():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "GIF")
    return base64.b64encode(buffer.getvalue())


def svg(body):
    return base64.b64encode(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{body}</svg>'.encode()
    )


@tagged("post_install", "-at_install")
class TestEasyRead(MobilityMentoringCase):
    def _shipped(self):
        pillars = self.env["mm.pillar"].search([])
        return [pillars, pillars.dimension_ids, pillars.dimension_ids.step_ids]

    def test_every_shipped_step_dimension_and_pillar_has_a_pictogram_and_an_easy_text(self):
        pillars, dimensions, steps = self._shipped()
        self.assertEqual((len(pillars), len(dimensions), len(steps)), (5, 9, 45))
        for records in (pillars, dimensions, steps):
            for record in records:
                self.assertEqual(
                    guess_mimetype(base64.b64decode(record.pictogram)),
                    "image/svg+xml",
                    record.display_name,
                )
                self.assertTrue(record.easy_text, record.display_name)
        # each step of a ladder its own picture, to tell them apart without words
        for dimension in dimensions:
            self.assertEqual(len(set(dimension.step_ids.mapped("pictogram"))), 5)

    def test_easy_texts_are_short_and_in_dutch(self):
        load_dutch(self.env)
        english, dutch = [], []
        for records in self._shipped():
            english += records.with_context(lang="en_US").mapped("easy_text")
            dutch += records.with_context(lang="nl_NL").mapped("easy_text")
        for text in english + dutch:
            self.assertLessEqual(len(text.split()), 8, text)
            self.assertLessEqual(len(text), 40, text)
        untranslated = [en for en, nl in zip(english, dutch, strict=True) if en == nl]
        self.assertEqual(untranslated, [])
        self.assertEqual(
            self.env.ref("mobility_mentoring.step_housing_1").with_context(lang="nl_NL").easy_text,
            "Ik heb geen huis",
        )

    def test_an_update_fills_what_is_empty_and_keeps_what_a_municipality_chose(self):
        housing_1 = self.env.ref("mobility_mentoring.step_housing_1")
        housing_2 = self.env.ref("mobility_mentoring.step_housing_2")
        shipped = housing_1.pictogram
        housing_1.write({"pictogram": False, "easy_text": False})
        housing_2.write({"pictogram": PNG, "easy_text": "Ons eigen woord"})
        self.env["mm.pictogram.mixin"]._fill_shipped_easy_read()
        self.assertEqual(housing_1.pictogram, shipped)
        self.assertEqual(housing_1.easy_text, "I have no home")
        self.assertEqual(housing_2.pictogram, PNG)
        self.assertEqual(housing_2.easy_text, "Ons eigen woord")

    def test_a_manager_replaces_a_pictogram_with_an_image_only(self):
        step = self.env.ref("mobility_mentoring.step_debts_1").with_user(self.manager)
        step.pictogram = PNG
        step.pictogram = svg('<circle cx="5" cy="5" r="4" fill="#c00"/>')
        # a drawing may point at its own parts, and its words may read "one = two"
        step.pictogram = svg(
            '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
            '<rect fill="url(#g)" width="4" height="4"/><text>one = two</text>'
        )
        self.assertIn("/web/image/mm.step/", step._pictogram_url())
        self.assertTrue(step._pictogram_data_uri().startswith("data:image/svg+xml;base64,"))
        for bad in (
            svg('<script>alert("hi")</script>'),
            svg('<circle onload="alert(1)" r="4"/>'),
            svg('<circle ONLOAD="alert(1)" r="4"/>'),
            svg('<image href="https://tracker.example/p.png"/>'),
            svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
            svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://x.example"/>'),
            svg('<a href="javascript:alert(1)"><circle r="4"/></a>'),
            svg('<set attributeName="href" to="javascript&#58;alert(1)"/>'),
            svg("<style>@import url(http://127.0.0.1:8069/web);</style>"),
            svg('<rect fill="url(http://169.254.169.254/#a)" width="4" height="4"/>'),
            svg('<rect style="fill: url( \'https://x.example/a\' )" width="4"/>'),
            svg(
                '<use xlink:href="data:image/svg+xml;base64,PHN2Zz4=" '
                'xmlns:xlink="http://www.w3.org/1999/xlink"/>'
            ),
            base64.b64encode(
                b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
            ),
            base64.b64encode(
                b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
            ),
            base64.b64encode(b"%PDF-1.4 not a picture"),
            gif(),  # wkhtmltopdf would not draw all of them
        ):
            # a refusal the manager reads (ValidationError, or the image field's own)
            with self.assertRaises(UserError):
                step.pictogram = bad
        with self.assertRaises(AccessError):
            step.with_user(self.mentor_a).pictogram = PNG

    def test_ladders_for_the_widget_carry_pictograms_and_easy_texts(self):
        housing = self.env.ref("mobility_mentoring.dimension_housing")
        (ladder,) = self.env["mm.dimension"].get_bridge_ladders(housing.ids)
        self.assertIn("/web/image/mm.pillar/", ladder["pillar"]["pictogram"])
        step = ladder["dimensions"][0]["steps"][0]
        self.assertEqual(step["easy_text"], "I have no home")
        self.assertIn(f"/web/image/mm.step/{step['id']}/pictogram", step["pictogram"])
