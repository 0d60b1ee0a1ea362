"""The SHACL gate, driven through the Wagtail admin over HTTP as an editor would."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from rdflib import Literal
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from cms.registry.models import Module, Qualification, VetProgramme
from graph.uris import entity_uri, graph_name
from ontology.namespaces import KQ

from .factories import module, programme, qualification, sector, standard

pytestmark = pytest.mark.django_db(transaction=True)

ADD_PROGRAMME = "wagtailsnippets_registry_vetprogramme:add"


def _login(client, django_user_model, language: str):
    user = django_user_model.objects.create_superuser(f"editor-{language}", f"{language}@example.test", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def registry(graph):
    s = sector()
    st = standard(s)
    q = qualification([s], st)
    modules = {
        "intro": module("4000006", 2, name_lt="Įvadas į profesiją"),
        "safety": module("4102201", 1, name_lt="Saugus elgesys ekstremaliose situacijose"),
        "sport": module("4102105", 5, name_lt="Sąmoningas fizinio aktyvumo reguliavimas"),
        "health": module("4102203", 2, name_lt="Darbuotojų sauga ir sveikata"),
        "cook": module("4101301", 40, name_lt="Patiekalų gaminimas"),
        "bakery": module("4101302", 5, name_lt="Kepinių gaminimas"),
        "final": module("4000002", 5, name_lt="Įvadas į darbo rinką"),
    }
    return {"sector": s, "standard": st, "qualification": q, "modules": modules}


def _programme_form(registry, *, credits: int, code: str = "M44101301"):
    m = registry["modules"]
    links = [
        ("intro", "introductory"),
        ("safety", "general"),
        ("sport", "general"),
        ("health", "general"),
        ("cook", "competence"),
        ("bakery", "optional"),
        ("final", "final"),
    ]
    data = nested_form_data(
        {
            "code": code,
            "kind": "initial",
            "ltks_level": "4",
            "name_lt": "Virėjo modulinė profesinio mokymo programa",
            "name_en": "Cook modular VET programme",
            "description_lt": "",
            "description_en": "",
            "qualification": registry["qualification"].pk,
            "credits": str(credits),
            "required_optional_credits": "5",
            "module_links": inline_formset([{"module": m[key].pk, "role": role} for key, role in links]),
        }
    )
    data["action-publish"] = "action-publish"
    return data


def test_conforming_programme_is_published_and_projected(client, django_user_model, registry, graph):
    _login(client, django_user_model, "lt")
    # 2 + 1 + 5 + 2 + 40 + 5 (final) = 55 mandatory, + 5 optional = 60
    response = client.post(reverse(ADD_PROGRAMME), _programme_form(registry, credits=60))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    programme = VetProgramme.objects.get(code="M44101301")
    assert programme.live
    base = settings.LINKED_DATA_BASE
    stored = graph.get_graph(graph_name(base, "programme", "M44101301"))
    uri = entity_uri(base, "programme", "M44101301")
    assert stored.value(uri, KQ.credits) == Literal(60)


@pytest.mark.parametrize(("language", "word"), [("lt", "kredit"), ("en", "credit")])
def test_programme_whose_credits_do_not_add_up_is_refused_on_the_credits_field(
    client, django_user_model, registry, graph, language, word
):
    _login(client, django_user_model, language)
    response = client.post(reverse(ADD_PROGRAMME), _programme_form(registry, credits=90))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "credits" in errors, errors
    assert word in " ".join(errors["credits"]).lower()
    # Nothing half-written: no row, no revision, no graph.
    assert not VetProgramme.objects.filter(code="M44101301").exists()
    assert not graph.has_graph(graph_name(settings.LINKED_DATA_BASE, "programme", "M44101301"))


def test_credits_messages_differ_by_editor_language(client, django_user_model, registry, graph):
    messages = {}
    for language in ("lt", "en"):
        _login(client, django_user_model, language)
        response = client.post(reverse(ADD_PROGRAMME), _programme_form(registry, credits=90))
        messages[language] = [str(m) for m in response.context["form"].errors["credits"]]
        client.logout()
    assert messages["lt"] != messages["en"]


def test_reference_to_an_unpublished_standard_is_refused_on_the_standard_field(
    client, django_user_model, registry, graph
):
    _login(client, django_user_model, "en")
    draft_standard = standard(registry["sector"], code="PSI02", live=False)
    cook = registry["qualification"]
    edit_url = reverse("wagtailsnippets_registry_qualification:edit", args=[cook.pk])
    data = nested_form_data(
        {
            "code": cook.code,
            "ltks_level": "4",
            "status": "valid",
            "name_lt": "Virėjas",
            "name_en": "Cook",
            "description_lt": "",
            "description_en": "",
            "standard": draft_standard.pk,
            "isced_f": "1013",
            "qualification_type": "work",
            "registered_on": "",
            "valid_until": "",
            "outcomes": inline_formset([{"text_lt": "Gaminti patiekalus", "text_en": "Prepare dishes"}]),
        }
    )
    data["sectors"] = [registry["sector"].pk]
    data["action-publish"] = "action-publish"
    response = client.post(edit_url, data)

    assert response.status_code == 200
    assert "standard" in response.context["form"].errors
    cook.refresh_from_db()
    assert cook.standard_id == registry["standard"].pk  # the live version is unchanged
    assert cook.has_unpublished_changes  # the editor's draft is kept as a revision
    stored = graph.get_graph(graph_name(settings.LINKED_DATA_BASE, "qualification", cook.code))
    uri = entity_uri(settings.LINKED_DATA_BASE, "qualification", cook.code)
    assert stored.value(uri, KQ.occupationalStandard) == entity_uri(
        settings.LINKED_DATA_BASE, "standard", "PSI01"
    )


def test_unpublishing_a_module_used_by_a_published_programme_is_refused(
    client, django_user_model, registry, graph
):
    _login(client, django_user_model, "en")
    client.post(reverse(ADD_PROGRAMME), _programme_form(registry, credits=60))
    cook_module = registry["modules"]["cook"]

    url = reverse("wagtailsnippets_registry_module:unpublish", args=[cook_module.pk])
    response = client.post(url, follow=True)

    cook_module.refresh_from_db()
    assert cook_module.live
    shown = [str(m) for m in response.context["messages"]]
    assert any("M44101301" in m for m in shown), shown
    assert graph.has_graph(graph_name(settings.LINKED_DATA_BASE, "module", cook_module.code))


def test_drafts_never_reach_the_graph(registry, graph):
    draft = qualification([registry["sector"]], registry["standard"], code="K4101302", live=False)
    assert not draft.live
    assert not graph.has_graph(graph_name(settings.LINKED_DATA_BASE, "qualification", "K4101302"))
    assert Qualification.objects.filter(code="K4101302").exists()


def test_deleting_a_module_used_by_a_published_programme_is_refused_with_the_referrers(
    client, django_user_model, registry, graph
):
    _login(client, django_user_model, "en")
    client.post(reverse(ADD_PROGRAMME), _programme_form(registry, credits=60))
    cook_module = registry["modules"]["cook"]

    url = reverse("wagtailsnippets_registry_module:delete", args=[cook_module.pk])
    response = client.post(url, follow=True)

    assert Module.objects.filter(pk=cook_module.pk).exists()
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "M44101301" in shown
    assert graph.has_graph(graph_name(settings.LINKED_DATA_BASE, "module", cook_module.code))


def test_deleting_a_module_used_only_by_a_draft_programme_is_refused_too(
    client, django_user_model, registry, graph
):
    _login(client, django_user_model, "en")
    m = registry["modules"]
    programme(registry["qualification"], [(m["cook"], "competence")], credits=40)  # a draft

    url = reverse("wagtailsnippets_registry_module:delete", args=[m["cook"].pk])
    response = client.post(url)

    assert Module.objects.filter(pk=m["cook"].pk).exists()
    assert response.status_code == 302
    shown = " ".join(str(x) for x in response.wsgi_request._messages)
    assert "M44101301" in shown


def test_deleting_an_unused_module_removes_its_graph(client, django_user_model, registry, graph):
    _login(client, django_user_model, "en")
    unused = registry["modules"]["bakery"]
    name = graph_name(settings.LINKED_DATA_BASE, "module", unused.code)
    assert graph.has_graph(name)

    response = client.post(reverse("wagtailsnippets_registry_module:delete", args=[unused.pk]))

    assert response.status_code == 302
    assert not Module.objects.filter(pk=unused.pk).exists()
    assert not graph.has_graph(name)
