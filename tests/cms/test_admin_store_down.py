"""Publishing while the graph store is unreachable: a clear refusal, never a 500, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.registry.graph_store import use_graph_store
from cms.registry.models import Module, OutboxEvent
from graph.stores.sparql import SparqlStore
from tests.servers import free_port

from .factories import module

pytestmark = pytest.mark.django_db(transaction=True)


def _module_form(**overrides):
    data = nested_form_data({
        "code": "4102201", "ltks_level": "4", "credits": "1",
        "name_lt": "Saugus elgesys ekstremaliose situacijose", "name_en": "Safe behaviour",
        "outcomes": inline_formset([]),
        **overrides,
    })
    data["action-publish"] = "action-publish"
    return data


@pytest.fixture
def store_down(graph):
    use_graph_store(SparqlStore(url=f"http://127.0.0.1:{free_port()}", timeout=2))
    yield
    use_graph_store(graph)


@pytest.fixture
def editor(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("ed", "ed@example.test", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin speaks the editor's language
    profile.save()
    client.force_login(user)
    return client


def test_create_and_publish_with_the_store_down_is_refused_and_writes_nothing(editor, store_down):
    response = editor.post(reverse("wagtailsnippets_registry_module:add"), _module_form())
    assert response.status_code == 200
    assert "knowledge graph cannot be reached" in response.content.decode()
    assert not Module.objects.filter(code="4102201").exists()
    assert not OutboxEvent.objects.filter(entity_key="module/4102201").exists()


def test_edit_and_publish_with_the_store_down_keeps_the_draft_and_the_live_version(editor, graph):
    m = module("4102201", 1)
    events = OutboxEvent.objects.count()
    use_graph_store(SparqlStore(url=f"http://127.0.0.1:{free_port()}", timeout=2), close=False)
    try:
        url = reverse("wagtailsnippets_registry_module:edit", args=[m.pk])
        response = editor.post(url, _module_form(name_lt="Pakeistas pavadinimas"), HTTP_ACCEPT_LANGUAGE="lt")
    finally:
        use_graph_store(graph)
    assert response.status_code == 200
    m.refresh_from_db()
    assert m.name_lt != "Pakeistas pavadinimas"  # the live version is unchanged
    assert m.latest_revision.content["name_lt"] == "Pakeistas pavadinimas"  # the editor's work is kept
    assert OutboxEvent.objects.count() == events  # nothing published, nothing queued
