"""Document uploads: besides Wagtail's extension list and size limit, the content must
look like what its extension says (a renamed executable is not a PDF)."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# Leading bytes ("magic numbers") per allowed extension; text formats are checked separately.
SIGNATURES: dict[str, tuple[tuple[bytes, ...], str]] = {
    "pdf": ((b"%PDF-",), "PDF"),
    "docx": (_ZIP, "Office Open XML (ZIP)"),
    "xlsx": (_ZIP, "Office Open XML (ZIP)"),
    "odt": (_ZIP, "OpenDocument (ZIP)"),
    "ods": (_ZIP, "OpenDocument (ZIP)"),
    "zip": (_ZIP, "ZIP"),
}
TEXT_EXTENSIONS = {"csv", "txt"}


def check_document_content(uploaded) -> None:
    """Raise ValidationError when the leading bytes contradict the extension."""
    extension = os.path.splitext(uploaded.name or "")[1].lower().lstrip(".")
    if extension not in SIGNATURES and extension not in TEXT_EXTENSIONS:
        return  # the model's WAGTAILDOCS_EXTENSIONS check reports unknown extensions
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(position)
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head:
            raise ValidationError(
                _("“%(name)s” is not a text file, although its extension is “.%(ext)s”.")
                % {"name": uploaded.name, "ext": extension},
                code="content_mismatch",
            )
        return
    prefixes, kind = SIGNATURES[extension]
    if not head.startswith(prefixes):
        raise ValidationError(
            _("The content of “%(name)s” is not %(kind)s, although its extension is “.%(ext)s”. "
              "Upload the original file or give it the right extension.")
            % {"name": uploaded.name, "kind": kind, "ext": extension},
            code="content_mismatch",
        )


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document_content(uploaded)
        return uploaded
