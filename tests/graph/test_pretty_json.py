"""graph.serialize.pretty_json writes exactly what json.dumps(indent=2, ensure_ascii=False) writes
(so JSON-LD bytes and their ETags do not depend on which encoder ran)."""

from __future__ import annotations

import json

import pytest

from graph.serialize import pretty_json

DOCUMENTS = [
    {},
    [],
    {"@context": "https://data.kpmpc.lt/ns/context/v1.jsonld", "@graph": []},
    {"title": {"lt": ["Virėjas", "Žąsų ūkis"], "en": ["Cook"]}, "empty": {}, "none": None, "flag": False},
    {"text": "line\nbreak\ttab\u0000nul \u2028 \"quote\" back\\slash / emoji 🍲", "n": [0, -1, 2**63 - 1]},
    {"big": 2**70, "nested": [[{"a": [1, {"b": []}]}]]},  # past 64 bits: orjson refuses, json writes it
    {"float": 1.5, "unicode-key-ą": "ė"},
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_same_bytes_as_the_standard_encoder(document):
    assert pretty_json(document) == json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
