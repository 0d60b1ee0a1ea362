"""Compile SHACL shapes to SPARQL SELECT queries that find the violating focus nodes.

Whole-graph pySHACL costs minutes and gigabytes at 50k qualifications (perf-baselines.md):
it walks an rdflib graph node by node. The same constraints, as one SPARQL query per
(shape, constraint component), run inside Oxigraph over the union of named graphs in
seconds. Each query returns ``?this`` (the focus node) and, for value-level components,
``?value``; SHACL-SPARQL constraints may also bind ``?path``.

Only the SHACL subset our shapes use is compiled (SHACL §2.1.3 targets, §4 core components
listed in :data:`SUPPORTED`, §5 SPARQL-based constraints). Anything else raises
:class:`UnsupportedShapeError` naming the shape and the component: a constraint is never
skipped silently, so "conforms" from the compiled report means what pySHACL's would.
Equivalence with pySHACL is a test (``tests/graph/test_shacl_sparql.py``).

Modules: ``model`` (the compiled form), ``components`` (SHACL §4 core components),
``sparql_constraints`` (SHACL §5), ``compiler`` (targets and the walk over the shapes).
"""

from __future__ import annotations

from graph.shacl_sparql.compiler import compile_shapes, compiled_checks
from graph.shacl_sparql.components import SUPPORTED
from graph.shacl_sparql.model import CompiledCheck, UnsupportedShapeError

__all__ = ["SUPPORTED", "CompiledCheck", "UnsupportedShapeError", "compile_shapes", "compiled_checks"]
