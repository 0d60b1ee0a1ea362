"""The awarding body and awarding location written on every exported qualification.

Why KPMPC, and why it is a stand-in: in Lithuania a VET diploma is issued by the VET provider
and competences are assessed by accredited competence assessment institutions (lt-domain §1.3,
§6); the internal graph holds neither, so the profile's ``elm:awardingBody`` cannot name them
yet. Until it does, the awarding opportunity names the national body responsible for the
register and the qualifications framework: KPMPC, the EQF National Coordination Point, which
also publishes the dataset. Marked [A] for the QDR submission: confirm with KPMPC (or replace
by the providers once the graph holds them).

Facts, with lt-domain.md marks: legal name (LT), legal-entity code 193135687 and address
Viršuliškių g. 103, Vilnius [V, §7]; the English name and the homepage [B].
"""

from __future__ import annotations

from graph.uris import normalise_base, sub_uri

from .model import Address, Location, Organisation, elm_node
from .vocabulary import LITHUANIA

__all__ = ["IDENTIFIER_SCHEME", "awarding_location", "kpmpc"]

#: ``elm:schemeName`` of the qualification codes (the registry's codes; the demo's are synthetic).
IDENTIFIER_SCHEME = "KPMPC kvalifikacijų registro kodas"

KPMPC_LEGAL_NAME_LT = "Kvalifikacijų ir profesinio mokymo plėtros centras"
KPMPC_LEGAL_NAME_EN = "Qualifications and Vocational Education and Training Development Centre"
KPMPC_LEGAL_ENTITY_CODE = "193135687"
KPMPC_ADDRESS_LT = "Viršuliškių g. 103, Vilnius, Lietuva"
KPMPC_HOMEPAGE = "https://www.kpmpc.lt/"


def kpmpc(base: str) -> Organisation:
    """KPMPC as an ``elm:Organisation``: ``{BASE}/id/organisation/kpmpc``."""
    uri = sub_uri(normalise_base(base) + "/id", "organisation", "kpmpc")
    location = Location(
        uri=elm_node(uri, "location"),
        names=(("en", "Vilnius"), ("lt", "Vilnius")),
        address=Address(
            uri=elm_node(uri, "address"),
            country=LITHUANIA,
            full_address_lt=KPMPC_ADDRESS_LT,
            full_address_uri=elm_node(uri, "full-address"),
        ),
    )
    return Organisation(
        uri=uri,
        legal_names=(("en", KPMPC_LEGAL_NAME_EN), ("lt", KPMPC_LEGAL_NAME_LT)),
        location=location,
        homepage=KPMPC_HOMEPAGE,
        registration=KPMPC_LEGAL_ENTITY_CODE,
        registration_country=LITHUANIA,
    )


def awarding_location(base: str) -> Location:
    """Lithuania, where the qualifications are awarded: ``{BASE}/id/place/LTU``."""
    uri = sub_uri(normalise_base(base) + "/id", "place", "LTU")
    return Location(
        uri=uri,
        names=(("en", "Lithuania"), ("lt", "Lietuva")),
        address=Address(uri=elm_node(uri, "address"), country=LITHUANIA),
    )
