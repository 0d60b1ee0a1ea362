"""Bad input to the search API: a defined answer (200 or a 400 naming the parameter), never a 500."""

from __future__ import annotations

import random

import pytest

pytestmark = pytest.mark.django_db

NASTY = [
    '"',
    "*",
    "(",
    " AND ",
    "~",
    "OR",
    ":",
    "\\",
    "'",
    "[",
    "]",
    "{",
    "}",
    "^",
    "/",
    "-",
    "+",
    "!",
    "?",
    "%",
    "\x00",
    "\u202e",
    "ė",
    "😀",
    "<script>",
    "&",
    "NOT",
    "NEAR",
    "''",
    "--",
    ";",
    "\n",
    " ",
]


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"sort": "price"}, "sort"),
        ({"lang": "de"}, "lang"),
        ({"multi_sector": "maybe"}, "multi_sector"),
        ({"type": "person"}, "type"),
        ({"q": "a" * 10_001}, "q"),
        ({"sector": "S" * 65}, "sector"),
        ({"page": "9" * 20}, "page"),
    ],
)
def test_invalid_parameters_are_400_naming_them(client, register, params, bad):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    assert bad in response.json()


@pytest.mark.parametrize(
    "q", ["", " ", "a" * 10_000, '" * ( AND ~', "((((", '"""', "*:*", "AND OR NOT", "~~~"]
)
def test_odd_queries_get_a_defined_answer(client, register, q):
    response = client.get("/api/v1/search", {"q": q})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= 0 and len(body["hits"]) <= 20
    assert body["truncated"] is (len(q) > 1000 or len(q.split()) > 12)


def test_page_past_the_end_and_unknown_values(client, register):
    body = client.get("/api/v1/search", {"q": "virejas", "page": "500"}).json()
    assert body["hits"] == [] and body["total"] > 0
    body = client.get("/api/v1/search", {"isced": "9999", "status": "nonsense"}).json()
    assert body["total"] == 0


def test_fuzz_never_500(client, register):
    rng = random.Random(5)
    names = [
        "q",
        "type",
        "sector",
        "ltks_level",
        "eqf_level",
        "status",
        "isced",
        "multi_sector",
        "sort",
        "page",
        "page_size",
        "lang",
        "limit",
        "code",
        "uri",
    ]
    for _ in range(150):
        params = {
            rng.choice(names): "".join(
                rng.choice(NASTY + ["vir", "4", "S05", "1"]) for _ in range(rng.randint(0, 8))
            )
            for _ in range(rng.randint(1, 4))
        }
        for path in ("/api/v1/search", "/api/v1/search/autocomplete", "/api/v1/search/related"):
            response = client.get(path, params)
            assert response.status_code in (200, 400, 404), (path, params, response.content[:300])
            assert response["Content-Type"].startswith("application/json")
