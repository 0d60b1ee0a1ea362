"""The search behaviour suite: every backend runs it (embedded always, Elasticsearch with a cluster).

A subclass provides ``backend``: an empty backend, dropped after the test. ``indexed`` fills it
with the documents of the small register (tests/search/register.py), built from a real graph.
Expected values are read from those documents where they can be, not written down twice.
"""

from __future__ import annotations

import pytest

from search.analysis import sort_key
from search.backends.base import DocumentNotFound
from search.document import SearchDocument
from search.query import MAX_RESULT_WINDOW, InvalidQuery, SearchQuery
from tests.search.register import SAFETY, uri


def codes(result) -> list[str]:
    return [h.code for h in result.hits]


def qualifications(**kwargs) -> SearchQuery:
    filters = {"type": ["qualification"], **kwargs.pop("filters", {})}
    return SearchQuery(filters=filters, **kwargs)


def facet(result, name) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[name]}


class SearchBehaviour:
    @pytest.fixture
    def indexed(self, backend, documents):
        assert backend.rebuild(documents) == len(documents)
        return backend

    # --- the "done when" queries and Lithuanian analysis ---------------------------

    @pytest.mark.parametrize(
        "text, code",
        [
            ("virejas", "K4101301"),
            ("suvirinimo", "K3071501"),
            ("welder", "K3071501"),
            ("kirpeja", "K4101201"),
        ],
    )
    def test_done_when_queries_find_the_qualification_in_the_top_results(self, indexed, text, code):
        result = indexed.search(SearchQuery(text=text))
        assert code in codes(result)[:3]

    @pytest.mark.parametrize("text", ["virėjas", "virejas", "VIRĖJAS", "virėjo", "virejo"])
    def test_diacritics_and_case_do_not_matter(self, indexed, text):
        assert codes(indexed.search(qualifications(text=text)))[0] == "K4101301"

    @pytest.mark.parametrize("text", ["suvirintojas", "suvirintojo", "suvirintojai", "suvirintoju"])
    def test_inflected_forms_find_the_welder(self, indexed, text):
        assert codes(indexed.search(qualifications(text=text)))[0] == "K3071501"

    def test_apskaitos_finds_the_bookkeeper(self, indexed):
        assert codes(indexed.search(qualifications(text="apskaitos")))[0] == "K4041101"

    @pytest.mark.parametrize(
        "text, code", [("bookkeepers", "K4041101"), ("cooks", "K4101301"), ("Hairdresser", "K4101201")]
    )
    def test_english_names_are_stemmed(self, indexed, text, code):
        assert codes(indexed.search(qualifications(text=text)))[0] == code

    @pytest.mark.parametrize(
        "text, code",
        [
            ("suvirintjas", "K3071501"),
            ("elektriks", "K4071301"),
            ("santehnikas", "K4073201"),
            ("hairdreser", "K4101201"),
        ],
    )
    def test_typos_are_tolerated(self, indexed, text, code):
        assert code in codes(indexed.search(qualifications(text=text)))[:3]

    def test_short_words_are_not_fuzzy(self, indexed):
        # "kirp" must not turn into "virp"/"kirs"…: one edit on 4 letters matches too much
        assert codes(indexed.search(qualifications(text="vyr"))) == []

    def test_competence_and_description_words_are_searched(self, indexed):
        result = indexed.search(qualifications(text="vandentiekio"))
        assert codes(result)[0] == "K4073201"

    def test_codes_are_searched_whole_and_linked(self, indexed):
        assert codes(indexed.search(SearchQuery(text="K4101301")))[0] == "K4101301"
        linked = codes(indexed.search(qualifications(text="PSC01-V01")))
        assert set(linked[:2]) == {"K3071501", "K4073201"}  # the welder's unit, also the plumber's

    def test_several_words_must_mostly_all_match(self, indexed):
        assert codes(indexed.search(qualifications(text="padavėjas barmenas")))[0] == "K4101302"
        assert codes(indexed.search(qualifications(text="virejas kirpeja"))) == []

    # --- highlighting -------------------------------------------------------------------

    def test_hits_carry_highlighted_snippets(self, indexed):
        top = indexed.search(qualifications(text="virejas")).hits[0]
        assert top.highlights["name_lt"] == ("<mark>Virėjas</mark>",)
        assert any("<mark>" in s for s in top.highlights["text_lt"])

    def test_snippets_escape_html(self, indexed, documents):
        doc = next(d for d in documents if d.code == "K4101301")
        doc = type(doc).from_dict({**doc.to_dict(), "name_lt": "Virėjas <b>&</b>"})
        indexed.index_documents([doc])
        cook = next(h for h in indexed.search(qualifications(text="virejas")).hits if h.code == "K4101301")
        assert cook.highlights["name_lt"] == ("<mark>Virėjas</mark> &lt;b&gt;&amp;&lt;/b&gt;",)

    # --- facets ------------------------------------------------------------------------

    def test_browse_all_counts_every_facet(self, indexed, documents):
        result = indexed.search(SearchQuery())
        assert result.total == len(documents)
        for name in ("type", "sector", "ltks_level", "status", "isced"):
            expected: dict[str, int] = {}
            for d in documents:
                for v in d.facet_values()[name]:
                    expected[v] = expected.get(v, 0) + 1
            assert facet(result, name) == expected

    def test_a_facet_narrows_and_keeps_other_values_choosable(self, indexed, documents):
        result = indexed.search(qualifications(filters={"sector": ["S05"]}))
        in_s05 = {d.code for d in documents if d.type == "qualification" and "S05" in d.sector_codes}
        assert set(codes(result)) == in_s05 and result.total == len(in_s05)
        sectors = facet(result, "sector")
        assert sectors["S05"] == len(in_s05)
        assert sectors["S16"] == sum(
            1 for d in documents if d.type == "qualification" and "S16" in d.sector_codes
        )
        assert [v.value for v in result.facets["sector"] if v.selected] == ["S05"]
        assert facet(result, "ltks_level") == {"4": len(in_s05)}

    def test_values_of_one_facet_or_and_facets_and(self, indexed, documents):
        result = indexed.search(qualifications(filters={"sector": ["S05", "S16"], "ltks_level": ["4"]}))
        expected = {
            d.code
            for d in documents
            if d.type == "qualification" and {"S05", "S16"} & set(d.sector_codes) and d.ltks_level == 4
        }
        assert set(codes(result)) == expected and len(expected) >= 5

    def test_a_selected_value_without_matches_is_listed_with_zero(self, indexed):
        result = indexed.search(qualifications(filters={"sector": ["S08"], "status": ["withdrawn"]}))
        assert result.total == 0 and result.hits == ()
        withdrawn = next(v for v in result.facets["status"] if v.value == "withdrawn")
        assert (withdrawn.count, withdrawn.selected) == (0, True)

    def test_unknown_facet_values_match_nothing(self, indexed):
        result = indexed.search(SearchQuery(filters={"sector": ["S99"], "ltks_level": ["nine"]}))
        assert result.total == 0
        assert facet(result, "sector")["S99"] == 0

    def test_in_more_than_one_sector(self, indexed, documents):
        result = indexed.search(SearchQuery(multi_sector=True, page_size=100))
        expected = {d.id for d in documents if len(d.sector_codes) > 1}
        assert {h.id for h in result.hits} == expected
        assert uri("qualification", "K4071301") in expected and uri("module", SAFETY) in expected

    # --- cross-sector -------------------------------------------------------------------

    def test_related_in_other_sectors_ranks_by_overlap_and_lists_what_is_shared(self, indexed):
        related = indexed.related_in_other_sectors(uri("qualification", "K3071501"))
        assert [r.code for r in related] == ["K4073201"]
        shared = {(s.kind, s.code) for s in related[0].shared}
        assert shared == {
            ("unit", "PSC01-V01"),
            ("competence", "PSC01-V01-K1"),
            ("competence", "PSC01-V01-K2"),
            ("module", "3071502"),
        }
        assert related[0].overlap == 4 and related[0].sectors == ("S05",)

    def test_related_excludes_qualifications_sharing_a_sector(self, indexed):
        related = indexed.related_in_other_sectors(uri("qualification", "K4101301"))
        # the cook shares only the general safety module: with the plumber and the electrician,
        # not with the assistant cook (same sector, and no programme)
        assert [r.code for r in related] == ["K4071301", "K4073201"]  # equal overlap: by name
        assert all(r.overlap == 1 for r in related)
        assert related[0].shared[0].name_lt == "Saugus elgesys ekstremaliose situacijose"

    def test_related_of_a_multi_sector_qualification(self, indexed):
        related = indexed.related_in_other_sectors(uri("qualification", "K4071301"))
        assert [r.code for r in related] == ["K4101301"]  # not the plumber (S05) nor the installer (S06)

    def test_related_of_unknown_or_non_qualification_is_not_found(self, indexed):
        with pytest.raises(DocumentNotFound):
            indexed.related_in_other_sectors(uri("qualification", "K9999999"))
        with pytest.raises(DocumentNotFound):
            indexed.related_in_other_sectors(uri("module", SAFETY))

    # --- autocomplete -------------------------------------------------------------------

    def test_autocomplete_on_names(self, indexed):
        found = indexed.autocomplete("vir", types=["qualification"])
        assert {s.code for s in found} == {"K4101301", "K3101301"}
        assert [s.code for s in indexed.autocomplete("Virė", types=["qualification"])][0] in {
            "K4101301",
            "K3101301",
        }

    def test_autocomplete_on_several_words_and_english(self, indexed):
        assert [s.code for s in indexed.autocomplete("padavėjas ir bar")] == ["K4101302"]
        assert "K4101201" in [s.code for s in indexed.autocomplete("hairdr")]

    def test_autocomplete_on_codes(self, indexed):
        found = {s.code for s in indexed.autocomplete("K4101", types=["qualification"])}
        assert found == {"K4101301", "K4101302", "K4101201", "K4101202"}
        assert [s.code for s in indexed.autocomplete("psc01-v0", types=["standard"])] == []
        assert [s.code for s in indexed.autocomplete("PSC0", types=["standard"])] == ["PSC01"]

    def test_autocomplete_limits_and_bad_input(self, indexed):
        assert len(indexed.autocomplete("s", limit=2)) == 2
        assert indexed.autocomplete("") == [] and indexed.autocomplete('" * (') == []
        assert indexed.autocomplete("zzzz") == []
        with pytest.raises(InvalidQuery):
            indexed.autocomplete("vir", types=["page-of-the-cms"])
        with pytest.raises(InvalidQuery):
            indexed.autocomplete("vir", limit=0)

    # --- sorting and pagination -----------------------------------------------------------

    def test_sort_by_name_follows_the_lithuanian_alphabet(self, indexed):
        names = [h.name_lt for h in indexed.search(qualifications(sort="name", page_size=100)).hits]
        assert names == sorted(names, key=sort_key)
        assert names[0] == "Apskaitininkas" and names[-1] == "Virėjo padėjėjas"
        reverse = [h.name_lt for h in indexed.search(qualifications(sort="-name", page_size=100)).hits]
        assert reverse == names[::-1]

    def test_sort_by_name_in_english(self, indexed):
        names = [
            h.name_en for h in indexed.search(qualifications(sort="name", lang="en", page_size=100)).hits
        ]
        assert names[0] == "Assistant cook" and names == sorted(names, key=sort_key)

    def test_sort_by_level_and_updated(self, indexed, documents):
        levels = [h.ltks_level for h in indexed.search(qualifications(sort="level", page_size=100)).hits]
        assert levels == sorted(levels) and levels[0] == 3
        hits = indexed.search(qualifications(sort="updated", page_size=100)).hits
        assert [h.updated for h in hits] == sorted((h.updated for h in hits), reverse=True)
        assert all(h.score is None for h in hits)

    def test_relevance_is_the_default_and_carries_scores(self, indexed):
        hits = indexed.search(SearchQuery(text="virejas")).hits
        assert all(h.score is not None for h in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)

    def test_pages_cover_the_results_once(self, indexed):
        everything = codes(indexed.search(qualifications(sort="name", page_size=100)))
        pages = [indexed.search(qualifications(sort="name", page=p, page_size=4)) for p in (1, 2, 3)]
        assert [c for page in pages for c in codes(page)] == everything
        assert {p.total for p in pages} == {len(everything)} and pages[0].pages == 3

    def test_a_page_beyond_the_end_is_empty_with_the_total(self, indexed):
        result = indexed.search(qualifications(page=50))
        assert result.hits == () and result.total == 11
        far = indexed.search(qualifications(page=MAX_RESULT_WINDOW, page_size=100))
        assert far.hits == () and far.total == 11 and facet(far, "type")["qualification"] == 11

    # --- bad input ----------------------------------------------------------------------

    def test_empty_text_browses_everything(self, indexed, documents):
        for text in ("", "   ", '" * ( ~ )'):
            assert indexed.search(SearchQuery(text=text)).total == len(documents)

    def test_ten_thousand_characters_are_cut_to_a_defined_query(self, indexed):
        result = indexed.search(SearchQuery(text="virėjas " + "x" * 10_000))
        assert result.truncated and len(result.terms) <= 12
        long_words = indexed.search(SearchQuery(text=" ".join(["suvirintojas"] * 3000)))
        assert long_words.truncated and long_words.terms == ("suvirintojas",)
        assert codes(long_words)[0] in {"K3071501", "M33071501"}

    @pytest.mark.parametrize(
        "text", ['"', "*", "(", "AND", "~", '" * ( AND ~', "name_lt:x", "a\\", "[1 TO 5]", "/.*/"]
    )
    def test_query_syntax_is_never_interpreted(self, indexed, text):
        indexed.search(SearchQuery(text=text))  # answers, whatever it finds

    def test_operators_are_plain_words(self, indexed):
        # an engine parser would read OR / * / quotes; here they are words or separators
        assert codes(indexed.search(qualifications(text="virejas OR kirpeja"))) == []
        assert codes(indexed.search(qualifications(text='"virejas"*')))[0] == "K4101301"

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"filters": {"colour": ["red"]}},
            {"sort": "price"},
            {"page": 0},
            {"page_size": 0},
            {"page_size": 1000},
            {"lang": "de"},
        ],
    )
    def test_invalid_requests_raise_invalid_query(self, kwargs):
        with pytest.raises(InvalidQuery):
            SearchQuery(**kwargs)

    # --- writes ------------------------------------------------------------------------

    def test_index_replaces_and_delete_removes(self, indexed, documents):
        doc = next(d for d in documents if d.code == "K4101302")
        renamed = type(doc).from_dict({**doc.to_dict(), "name_lt": "Barmenas", "name_en": "Bartender"})
        assert indexed.index_documents([renamed]) == 1
        assert codes(indexed.search(qualifications(text="barmenas"))) == ["K4101302"]
        assert codes(indexed.search(qualifications(text="padavejas"))) == []
        assert indexed.count() == len(documents)
        indexed.delete([renamed.id, uri("qualification", "K0000000")])
        assert indexed.get(renamed.id) is None and indexed.count() == len(documents) - 1

    def test_get_and_referencing(self, indexed, documents):
        welder = indexed.get(uri("qualification", "K3071501"))
        assert welder == next(d for d in documents if d.code == "K3071501")
        users = indexed.referencing([uri("unit", "PSC01-V01")])
        assert users == {uri("qualification", c) for c in ("K3071501", "K4073201")} | {
            uri("standard", "PSC01")
        }

    def test_rebuild_is_atomic(self, indexed, documents):
        seen_during = []

        def slowly():
            for i, doc in enumerate(documents[:5]):
                if i == 3:  # the old index answers until the new one is complete
                    seen_during.append(indexed.count())
                yield doc

        assert indexed.rebuild(slowly()) == 5
        assert seen_during == [len(documents)] and indexed.count() == 5

    def test_rebuild_with_nothing_empties(self, indexed):
        indexed.rebuild([])
        assert indexed.count() == 0 and indexed.search(SearchQuery()).total == 0
        with pytest.raises(DocumentNotFound):
            indexed.related_in_other_sectors(uri("qualification", "K3071501"))

    def test_a_document_without_names_or_links_is_indexable(self, indexed):
        bare = SearchDocument(id=uri("qualification", "K1000001"), type="qualification", code="K1000001")
        indexed.index_documents([bare])
        assert codes(indexed.search(SearchQuery(text="K1000001"))) == ["K1000001"]
        assert indexed.related_in_other_sectors(bare.id) == []
