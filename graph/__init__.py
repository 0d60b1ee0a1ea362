"""Building, storing, validating and exporting the RDF knowledge graph (no Django here).

See ``graph/README.md`` for the module map and ``ontology/MODEL.md`` for the contract.
"""
