"""How the shapes are written: messages, names, severities, the SHACL subset, test coverage.

graph/ compiles the shapes to SPARQL for whole-graph reports, so they keep to a small subset
of SHACL (sh:targetClass targets, simple paths, the components listed below, and SELECT-based
SHACL-SPARQL constraints that project ?this and ?path).
"""

from __future__ import annotations

import importlib
import re

import pytest
from rdflib import Literal, URIRef
from rdflib.collection import Collection

from ontology.loader import shapes_graph
from ontology.namespaces import KQSH, RDF, RDFS, SH

TEST_MODULES = ["sector", "level", "standard", "unit", "qualification", "module", "programme"]

PROPERTY_SHAPE_PARAMETERS = {
    RDF.type, SH.path, SH.severity, SH.message,
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH["in"],
    SH.hasValue, SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.languageIn, SH.uniqueLang,
    SH.qualifiedValueShape, SH.qualifiedMinCount,
}  # fmt: skip
NODE_SHAPE_PARAMETERS = {RDF.type, RDFS.comment, SH.targetClass, SH.property, SH.sparql, SH.severity}
SPARQL_PARAMETERS = {RDF.type, SH.prefixes, SH.message, SH.select}
ENTITIES = {
    "Concept", "Sector", "SectorCommittee", "Level", "OccupationalStandard", "QualificationUnit", "Competence",
    "Qualification", "LearningOutcome", "Module", "VetProgramme", "ModuleMembership",
}  # fmt: skip


def _local(node: URIRef) -> str:
    assert str(node).startswith(str(KQSH)), node
    return str(node)[len(str(KQSH)) :]


def _path_name(path: URIRef) -> str:
    return re.split(r"[/#]", str(path))[-1]


SHAPES = shapes_graph()
PROPERTY_SHAPES = sorted(set(SHAPES.subjects(SH.path, None)))
SPARQL_SHAPES = sorted(set(SHAPES.subjects(SH.sparql, None)))
SPARQL_CONSTRAINTS = sorted(set(SHAPES.objects(None, SH.sparql)))
NODE_SHAPES = sorted(set(SHAPES.subjects(RDF.type, SH.NodeShape)))
CONSTRAINT_SHAPES = [*PROPERTY_SHAPES, *SPARQL_SHAPES]


def _ids(nodes: list) -> list[str]:
    return [_local(n) if isinstance(n, URIRef) else str(n) for n in nodes]


@pytest.mark.parametrize(
    "node", [*PROPERTY_SHAPES, *SPARQL_CONSTRAINTS], ids=_ids([*PROPERTY_SHAPES, *SPARQL_CONSTRAINTS])
)
def test_every_constraint_has_one_lithuanian_and_one_english_message(node) -> None:
    messages = [m for m in SHAPES.objects(node, SH.message) if isinstance(m, Literal)]
    assert sorted(m.language for m in messages) == ["en", "lt"], messages


@pytest.mark.parametrize("shape", CONSTRAINT_SHAPES, ids=_ids(CONSTRAINT_SHAPES))
def test_shape_is_named_entity_property_suffix(shape) -> None:
    assert isinstance(shape, URIRef)
    entity, *rest = _local(shape).split("-")
    assert entity in ENTITIES
    if shape in PROPERTY_SHAPES:
        assert rest[0] == _path_name(SHAPES.value(shape, SH.path))
        parents = {_local(p) for p in SHAPES.subjects(SH.property, shape)}
        assert parents == {entity}
    else:
        (select,) = (str(SHAPES.value(c, SH.select)) for c in SHAPES.objects(shape, SH.sparql))
        bound = re.search(r"BIND \(\w+:(\w+) AS \?path\)", select)
        assert bound and bound.group(1) == rest[0]


@pytest.mark.parametrize("shape", CONSTRAINT_SHAPES, ids=_ids(CONSTRAINT_SHAPES))
def test_english_only_warns_everything_else_is_a_violation(shape) -> None:
    severity = SHAPES.value(shape, SH.severity, default=SH.Violation)
    assert severity == (SH.Warning if _local(shape).endswith("-en") else SH.Violation)


@pytest.mark.parametrize("shape", PROPERTY_SHAPES, ids=_ids(PROPERTY_SHAPES))
def test_language_suffix_matches_the_qualified_language(shape) -> None:
    suffix = _local(shape).rsplit("-", 1)[-1]
    inner = SHAPES.value(shape, SH.qualifiedValueShape)
    if suffix in ("lt", "en"):
        languages = [str(x) for x in Collection(SHAPES, SHAPES.value(inner, SH.languageIn))]
        assert languages == [suffix]
        assert SHAPES.value(shape, SH.qualifiedMinCount) == Literal(1)
    else:
        assert inner is None


@pytest.mark.parametrize("shape", PROPERTY_SHAPES, ids=_ids(PROPERTY_SHAPES))
def test_property_shapes_use_the_compilable_subset(shape) -> None:
    assert set(SHAPES.predicates(shape)) <= PROPERTY_SHAPE_PARAMETERS
    assert isinstance(SHAPES.value(shape, SH.path), URIRef), "paths are single predicates"
    flags = SHAPES.value(shape, SH.flags)
    assert flags is None or str(flags) == "i"
    pattern = SHAPES.value(shape, SH.pattern)
    if pattern is not None:
        re.compile(str(pattern))
    inner = SHAPES.value(shape, SH.qualifiedValueShape)
    if inner is not None:
        assert set(SHAPES.predicates(inner)) == {SH.languageIn}


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=_ids(NODE_SHAPES))
def test_node_shapes_only_use_class_targets(shape) -> None:
    assert set(SHAPES.predicates(shape)) <= NODE_SHAPE_PARAMETERS
    assert len(set(SHAPES.objects(shape, SH.targetClass))) == 1


@pytest.mark.parametrize("constraint", SPARQL_CONSTRAINTS, ids=_ids(SPARQL_CONSTRAINTS))
def test_sparql_constraints_are_simple_selects(constraint) -> None:
    assert set(SHAPES.predicates(constraint)) <= SPARQL_PARAMETERS
    assert SHAPES.value(constraint, SH.prefixes) == KQSH.prefixes
    select = str(SHAPES.value(constraint, SH.select))
    head = select.split("WHERE", 1)[0]
    assert re.search(r"SELECT \$this \?path( \?value)?\s*$", head.strip() + "\n", re.M), head
    assert select.count("SELECT") == 1, "no sub-queries"
    for keyword in ("MINUS", "VALUES", "SERVICE", "$PATH"):
        assert keyword not in select


def test_declared_prefixes_resolve_every_prefix_used() -> None:
    declared = {str(SHAPES.value(d, SH.prefix)) for d in SHAPES.objects(KQSH.prefixes, SH.declare)}
    for constraint in SPARQL_CONSTRAINTS:
        used = set(re.findall(r"\b([a-z]+):\w", str(SHAPES.value(constraint, SH.select))))
        assert used <= declared, used - declared


def _cases() -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in TEST_MODULES:
        module = importlib.import_module(f"tests.ontology.test_shapes_{name}")
        for case in module.CASES:
            counts[case.shape] = counts.get(case.shape, 0) + 1
    return counts


def test_every_shape_has_a_failing_example() -> None:
    counts = _cases()
    missing = sorted(_local(s) for s in CONSTRAINT_SHAPES if _local(s) not in counts)
    assert not missing
    unknown = sorted(set(counts) - {_local(s) for s in CONSTRAINT_SHAPES})
    assert not unknown


def test_constraint_shapes_are_named_iris() -> None:
    """Traceability: results carry sh:sourceShape, so every constraint shape must be an IRI."""
    assert all(isinstance(s, URIRef) for s in CONSTRAINT_SHAPES)
