"""Bad input gets a clear message, never a 500: uploads of the wrong type or size, script in
rich text, impossible event dates, a draft registry entry in a reference block."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import querydict_from_html

from cms.site.blocks import RegistryEntityChooserBlock
from cms.site.demo.files import pdf_bytes
from cms.site.models import SectionPage

from .builders import add

pytestmark = pytest.mark.django_db


def _upload_document(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "tags": "", "file": SimpleUploadedFile(name, content),
    })


def _errors(response) -> str:
    assert response.status_code == 200  # the form again, with the message
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


@pytest.fixture
def editor(client, admin_user, cms):
    client.force_login(admin_user)
    return admin_user


def test_documents_checked_for_type_and_size(client, editor, settings):
    assert _upload_document(client, "protokolas.pdf", pdf_bytes(["ok"])).status_code == 302

    # The message names the file and what its content should have been.
    assert "virusas.pdf" in (message := _errors(_upload_document(client, "virusas.pdf", b"MZ\x90 not a pdf")))
    assert "PDF" in message
    assert "ZIP" in _errors(_upload_document(client, "lentele.xlsx", b"%PDF-1.4 renamed"))
    assert "sarasas.csv" in _errors(_upload_document(client, "sarasas.csv", b"a,b\x00\x01"))
    assert "exe" in _errors(_upload_document(client, "programa.exe", b"MZ\x90\x00"))

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    assert "100" in _errors(_upload_document(client, "didelis.pdf", pdf_bytes(["x" * 50] * 10)))
    assert list(Document.objects.values_list("title", flat=True)) == ["protokolas.pdf"]


def test_the_multiple_uploader_refuses_a_fake_pdf_with_the_same_message(client, editor):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("virusas.pdf", b"MZ\x90 not a pdf")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False and "virusas.pdf" in result["error_message"]
    assert not Document.objects.exists()


def _png(size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 82, 147)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_images_checked_for_type_and_size(client, editor, settings):
    def upload(name, content):
        return client.post(reverse("wagtailimages:add"), {
            "title": name, "tags": "", "file": SimpleUploadedFile(name, content),
        })

    assert upload("logo.png", _png()).status_code == 302
    assert _errors(upload("logo2.png", b"not an image at all"))
    assert _errors(upload("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    assert _errors(upload("didelis.png", _png((400, 400))))
    assert Image.objects.count() == 1


def test_script_typed_into_rich_text_never_reaches_the_api(client, editor, cms):
    page, _ = add(cms["lt"], SectionPage, "apie", {"title": "Apie"})
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"
    data["intro"] = json.dumps({"blocks": [{"key": "a1", "type": "unstyled", "depth": 0,
                                            "text": "<script>alert(1)</script>", "inlineStyleRanges": [],
                                            "entityRanges": []}], "entityMap": {}})
    data["action-publish"] = "action-publish"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    api = client.get(f"/api/cms/v2/pages/{page.pk}/")
    assert "&lt;script&gt;" in api.json()["intro"] and "<script" not in api.content.decode()


def test_event_cannot_end_before_it_starts(client, editor, cms):
    section, _ = add(cms["lt"], SectionPage, "renginiai", {"title": "Renginiai"})
    url = reverse("wagtailadmin_pages:add", args=("cms_news", "eventpage", section.pk))
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    start = timezone.localtime() + timedelta(days=10)
    data.update({"title": "Konkursas", "slug": "konkursas", "body-count": "0",
                 "starts_at": start.strftime("%Y-%m-%d %H:%M"),
                 "ends_at": (start - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")})
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]


@pytest.mark.django_db(transaction=True)
def test_a_draft_registry_entry_cannot_be_referenced(registry):
    block = RegistryEntityChooserBlock("registry.Qualification")
    assert block.clean(registry["qualification"]) == registry["qualification"]
    with pytest.raises(ValidationError, match="K4101302"):
        block.clean(registry["draft"])
