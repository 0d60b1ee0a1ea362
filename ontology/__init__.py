"""The KPMPC ontology package: vocabulary terms, reference vocabularies and SHACL shapes.

Pure data plus two small modules (``namespaces`` and ``loader``); it imports nothing else
of the project, so ``graph/``, ``search/`` and ``cms/`` can all depend on it.
The contract it implements is ``ontology/MODEL.md``.
"""
