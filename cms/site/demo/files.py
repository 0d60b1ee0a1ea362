"""Small but real demo files: one-page PDFs and a PNG banner, made in memory."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection


def _pdf_text(text: str) -> str:
    # Core PDF fonts are Latin-1: keep the demo PDFs ASCII (diacritics dropped on purpose).
    ascii_text = text.encode("ascii", "replace").decode("ascii").replace("?", "")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF showing `lines` (xref offsets computed, so readers accept it)."""
    stream = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({_pdf_text(line)}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def png_bytes(size=(1200, 400), colour=(0, 82, 147), accent=(253, 185, 19)) -> bytes:
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] - 40, size[0], size[1]], fill=accent)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def demo_document(title: str, filename: str, lines: list[str], collection: Collection | None = None) -> Document:
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Document.objects.create(
        title=title, file=ContentFile(pdf_bytes(lines), name=filename),
        collection=collection or Collection.get_first_root_node(),
    )


def demo_image(title: str, filename: str) -> Image:
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name=filename),
        collection=Collection.get_first_root_node(),
    )
