"""Example queries for partners, written against ontology/MODEL.md.

They use codes and notations (``skos:notation "S08"``, ``dcterms:identifier "K4101301"``),
never our IRIs, so they work under any ``LINKED_DATA_BASE``. Each is tested to return rows
on a small published registry (tests/cms/test_sparql_endpoint.py); the first four are the
benchmark's partner queries (benchmarks/bench_sparql.py). Titles live in the web layer (gettext).
"""

from __future__ import annotations

__all__ = ["EXAMPLES", "PREFIXES"]

PREFIXES = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX elm: <http://data.europa.eu/snb/model/elm/>
PREFIX kq: <https://data.kpmpc.lt/ontology/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

QUALIFICATIONS_BY_SECTOR_AND_LEVEL = (
    PREFIXES
    + """
# Qualifications of one sector at one LTKS level, with their EQF level.
# Change the codes in VALUES: sectors S01-S16, LTKS levels 1-8.
SELECT ?code ?title_lt ?title_en ?ltks ?eqf ?qualification
WHERE {
  VALUES (?sectorCode ?ltks) { ("S08" "4") }
  ?sector skos:notation ?sectorCode .
  ?qualification a elm:Qualification ;
      kq:sector ?sector ;
      dcterms:identifier ?code ;
      elm:NQFLevel ?level ;
      elm:EQFLevel ?eqfLevel .
  ?level skos:notation ?ltks .
  ?eqfLevel skos:notation ?eqf .
  OPTIONAL { ?qualification dcterms:title ?title_lt FILTER(LANG(?title_lt) = "lt") }
  OPTIONAL { ?qualification dcterms:title ?title_en FILTER(LANG(?title_en) = "en") }
}
ORDER BY ?code
"""
)

LTKS_EQF_MAPPING = (
    PREFIXES
    + """
# The LTKS (LTQF) levels, the EQF level and the QDR concept each one matches,
# and how many published qualifications sit at each level.
SELECT ?ltks ?ltksLabel ?eqf ?eqfLabel ?qdr (COUNT(DISTINCT ?qualification) AS ?qualifications)
WHERE {
  ?scheme skos:notation "LTKS" .
  ?level skos:inScheme ?scheme ;
      skos:notation ?ltks ;
      skos:prefLabel ?ltksLabel ;
      skos:exactMatch ?eqf .
  FILTER(LANG(?ltksLabel) = "en")
  FILTER(STRSTARTS(STR(?eqf), "http://data.europa.eu/snb/eqf/"))
  ?eqf skos:prefLabel ?eqfLabel .
  FILTER(LANG(?eqfLabel) = "en")
  OPTIONAL {
    ?level skos:exactMatch ?qdr .
    FILTER(STRSTARTS(STR(?qdr), "http://data.europa.eu/snb/qdr/"))
  }
  OPTIONAL { ?qualification elm:NQFLevel ?level ; elm:EQFLevel ?eqf . }
}
GROUP BY ?ltks ?ltksLabel ?eqf ?eqfLabel ?qdr
ORDER BY ?ltks
"""
)

MODULES_SHARED_ACROSS_SECTORS = (
    PREFIXES
    + """
# Modules used by programmes whose qualifications belong to more than one sector.
SELECT ?code ?title (COUNT(DISTINCT ?sector) AS ?sectors)
       (GROUP_CONCAT(DISTINCT ?sectorCode; separator=" ") AS ?sectorCodes)
WHERE {
  ?programme a kq:VetProgramme ;
      elm:hasPart ?module ;
      kq:awardsQualification ?qualification .
  ?qualification kq:sector ?sector .
  ?sector skos:notation ?sectorCode .
  ?module a kq:Module ;
      dcterms:identifier ?code .
  OPTIONAL { ?module dcterms:title ?title FILTER(LANG(?title) = "lt") }
}
GROUP BY ?code ?title
HAVING (COUNT(DISTINCT ?sector) > 1)
ORDER BY DESC(?sectors) ?code
"""
)

QUALIFICATION_OUTCOMES = (
    PREFIXES
    + """
# The learning outcomes of one qualification, in order, in Lithuanian and English.
SELECT ?position ?outcome_lt ?outcome_en
WHERE {
  ?qualification a elm:Qualification ;
      dcterms:identifier "K4101301" ;
      elm:learningOutcome ?outcome .
  ?outcome kq:position ?position .
  OPTIONAL { ?outcome dcterms:title ?outcome_lt FILTER(LANG(?outcome_lt) = "lt") }
  OPTIONAL { ?outcome dcterms:title ?outcome_en FILTER(LANG(?outcome_en) = "en") }
}
ORDER BY ?position
"""
)

QUALIFICATION_GRAPH = (
    PREFIXES
    + """
# Everything published about one qualification, as RDF (choose Turtle, JSON-LD, …).
CONSTRUCT { ?qualification ?property ?value }
WHERE {
  ?qualification a elm:Qualification ;
      dcterms:identifier "K4101301" ;
      ?property ?value .
}
"""
)

#: id → query text, in the order the page shows them.
EXAMPLES: dict[str, str] = {
    "qualifications-by-sector-and-level": QUALIFICATIONS_BY_SECTOR_AND_LEVEL,
    "ltks-eqf-mapping": LTKS_EQF_MAPPING,
    "modules-shared-across-sectors": MODULES_SHARED_ACROSS_SECTORS,
    "qualification-outcomes": QUALIFICATION_OUTCOMES,
    "qualification-graph": QUALIFICATION_GRAPH,
}
