import base64
import re
from pathlib import Path

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import file_path
from odoo.tools.image import image_data_uri
from odoo.tools.mimetypes import guess_mimetype

# What wkhtmltopdf's old WebKit draws too (not WebP)
PICTOGRAM_TYPES = {"image/png", "image/jpeg", "image/svg+xml"}
PICTOGRAM_MAX_BYTES = 1024 * 1024
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# An SVG is drawn by the resident's browser and by wkhtmltopdf: a drawing only. No
# script, style sheet, animation, embedded page or picture, link or event handler;
# a reference only to a part of the same drawing (#id).
SVG_REFUSED_ELEMENTS = {
    "script", "style", "foreignObject", "image", "a", "use", "feImage",
    "animate", "animateMotion", "animateTransform", "animateColor", "set", "discard",
}  # fmt: skip
URL_OUTSIDE = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|javascript:", re.IGNORECASE)
SAFE_SVG_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
BRIDGE_DATA = "mobility_mentoring/data/mm_bridge_data.xml"
EASY_READ_FIELDS = ("pictogram", "easy_text")


def svg_is_a_plain_drawing(data):
    """Whether ``data`` is an SVG of SVG elements only, without anything that runs,
    fetches or links: parsed without entities, DTD or network, then every element and
    attribute checked (a list of what is refused: a regular expression on the text
    misses namespace prefixes and entities)."""
    try:
        tree = etree.fromstring(data, SAFE_SVG_PARSER).getroottree()
    except etree.XMLSyntaxError:
        return False
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return False
    for node in tree.iter():
        if not isinstance(node.tag, str):  # an entity, a processing instruction
            if isinstance(node, etree._Comment):
                continue
            return False
        qname = etree.QName(node)
        if qname.namespace != SVG_NS or qname.localname in SVG_REFUSED_ELEMENTS:
            return False
        for name, value in node.attrib.items():
            local = etree.QName(name).localname
            if local.lower().startswith("on") or URL_OUTSIDE.search(value):
                return False
            if (name in ("href", XLINK_HREF) or local == "href") and not value.startswith("#"):
                return False
    return True


class MmPictogramMixin(models.AbstractModel):
    """A pictogram and an easy-read text (A2, a few words) for a pillar, a dimension or
    a step of the Bridge, for residents who read with difficulty. Shipped as data that
    a municipality may replace; an update never overwrites theirs."""

    _name = "mm.pictogram.mixin"
    _description = "Pictogram and easy-read text"

    # In a column, not an attachment: a municipality's manager uploads them, and
    # Odoo stores an SVG attachment of a non-administrator as plain text (no picture).
    pictogram = fields.Image(
        attachment=False,
        # a photo is made small enough for a tile (an SVG is kept as it is)
        max_width=512,
        max_height=512,
        help="A picture that tells this without words (PNG, JPG or SVG, at most 1 MB), "
        "shown with the easy-read text to residents, on the Bridge cards and on the "
        "praatplaat.",
    )
    easy_text = fields.Char(
        string="Easy-read text",
        translate=True,
        help="At most about eight everyday words, in the first person (language level "
        "A2), for example: I have no home. Shown under the pictogram.",
    )

    @api.constrains("pictogram")
    def _check_pictogram(self):
        for record in self.filtered("pictogram"):
            data = base64.b64decode(record.pictogram)
            if len(data) > PICTOGRAM_MAX_BYTES:
                raise ValidationError(
                    self.env._("The pictogram is larger than 1 MB; save it smaller.")
                )
            mimetype = guess_mimetype(data)
            if mimetype not in PICTOGRAM_TYPES:
                raise ValidationError(self.env._("The pictogram must be a PNG, JPG or SVG image."))
            if mimetype == "image/svg+xml" and not svg_is_a_plain_drawing(data):
                raise ValidationError(
                    self.env._(
                        "This SVG holds more than a drawing (a script, a style sheet, an "
                        "animation, a link or a picture from elsewhere). Save it as a plain "
                        "drawing, or as PNG, and upload it again."
                    )
                )

    def _pictogram_url(self):
        """Where a browser fetches the pictogram (cached until it is replaced)."""
        self.ensure_one()
        unique = int(self.write_date.timestamp()) if self.write_date else 0
        return f"/web/image/{self._name}/{self.id}/pictogram?unique={unique}"

    def _pictogram_data_uri(self):
        """The pictogram inline, for the PDFs (wkhtmltopdf fetches nothing)."""
        self.ensure_one()
        return image_data_uri(self.pictogram) if self.pictogram else ""

    @api.model
    def _fill_shipped_easy_read(self):
        """Give the shipped pillars, dimensions and steps the pictogram and easy-read
        text of the Bridge data where they have none: the Bridge data is loaded once
        (noupdate), so databases from before these fields get them here. What a
        municipality put there is left alone."""
        root = etree.parse(file_path(BRIDGE_DATA)).getroot()
        for node in root.iter("record"):
            record = self.env.ref(f"mobility_mentoring.{node.get('id')}", False)
            if not record:
                continue
            values = {}
            for field in node.iterfind("field"):
                name = field.get("name")
                if name not in EASY_READ_FIELDS or record[name]:
                    continue
                if field.get("file"):
                    data = Path(file_path(field.get("file"))).read_bytes()
                    values[name] = base64.b64encode(data)
                else:
                    values[name] = field.text
            if values:
                record.with_context(lang="en_US").write(values)
