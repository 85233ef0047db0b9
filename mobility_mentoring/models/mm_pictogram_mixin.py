import base64
import re
from pathlib import Path

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import file_path
from odoo.tools.image import image_data_uri
from odoo.tools.mimetypes import guess_mimetype

PICTOGRAM_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/webp", "image/gif"}
PICTOGRAM_MAX_BYTES = 1024 * 1024
# An SVG is drawn by the resident's browser and by wkhtmltopdf: only a drawing, no
# script, no event handler, nothing fetched from elsewhere.
SVG_UNSAFE = re.compile(
    rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/)",
    re.IGNORECASE,
)
BRIDGE_DATA = "mobility_mentoring/data/mm_bridge_data.xml"
EASY_READ_FIELDS = ("pictogram", "easy_text")


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
            if mimetype == "image/svg+xml" and SVG_UNSAFE.search(data):
                raise ValidationError(
                    self.env._(
                        "This SVG holds a script or a link to another file. Save it as "
                        "a plain drawing (or as PNG) and upload it again."
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
