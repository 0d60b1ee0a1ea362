"""/media/ serves public images, never document files: those go through /documents/, where
Wagtail applies collection restrictions (private SPK meeting material lives there)."""

from __future__ import annotations

import pytest
from django.test import Client

from cms.site.demo.files import demo_document, demo_image

pytestmark = pytest.mark.django_db


def test_images_are_served_but_document_files_only_through_the_documents_view():
    image = demo_image("Reklamjuostė", "banner.png")
    document = demo_document("Darbotvarkė", "darbotvarke.pdf", ["Agenda"])
    client = Client()
    response = client.get(image.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
    rendition = image.get_rendition("width-200")
    assert client.get(rendition.url).status_code == 200
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get("/media/../db.sqlite3").status_code == 404
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
