"""Text analysis shared by indexing and querying: the same functions run on both sides.

Lithuanian: lower-case, Snowball Lithuanian stemmer (PyStemmer, the C build of the Snowball
algorithms), diacritic folding (č→c, ė→e, ų→u, …). Folding *before* or *after* stemming gives
different stems, because the stemmer treats ``ė`` and ``e`` differently::

    virėjas → stem "vir"    → fold "vir"
    virėjas → fold "virejas" → stem "virej"
    virejas → stem "virej"  (what people type)

So every Lithuanian word is analysed to **both** forms (``lt_forms``), indexed at the same
position, and a query word matches when the two sets meet: ``virejas`` {virej} meets
``virėjas`` {vir, virej}. English: lower-case, fold, Snowball English stemmer.

Snowball does not conflate derivations: ``apskaitininkas`` → ``apskaitinink`` but
``apskaitos`` → ``apskait``. We add a *stem prefix* match: a query stem matches an indexed
stem when one is a prefix of the other and the shared part is at least ``MIN_PREFIX`` (5)
characters (``apskait`` ⊂ ``apskaitinink``, ``suvir`` ⊂ ``suvirinim``). It scores below an
exact stem match (the backends boost it low), see ``search/README.md``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

__all__ = [
    "AUTOCOMPLETE_MAX",
    "MIN_PREFIX",
    "code_tokens",
    "en_form",
    "fold",
    "fuzziness",
    "lt_forms",
    "prefixes",
    "sort_key",
    "tokens",
    "words",
]

#: Shortest stem prefix that may match a longer stem (shorter ones match too much).
MIN_PREFIX = 5
#: Longest autocomplete prefix indexed (edge n-grams 1…AUTOCOMPLETE_MAX of each word).
AUTOCOMPLETE_MAX = 20
#: Longer "words" are noise (a pasted hash, 10,000 × "a"): cut to this length on both sides.
MAX_WORD = 40

_WORD = re.compile(r"\w+")
_LT = Stemmer.Stemmer("lithuanian")
_EN = Stemmer.Stemmer("english")
# Lithuanian alphabet order (CLDR, primary level) for sorting names; digits first.
_ORDER = "0123456789aąbcčdeęėfghiįyjklmnopqrsštuųūvwxzž"
_SORT_MAP = {c: chr(0x30 + i) for i, c in enumerate(_ORDER)}


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower-case and strip diacritics (NFKD, combining marks dropped): ``Ąžuolas`` → ``azuolas``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-cased word)`` for each word of ``text`` (Unicode ``\\w+``, cut to ``MAX_WORD``)."""
    return [(m.start(), m.end(), m.group()[:MAX_WORD].lower()) for m in _WORD.finditer(text)]


def tokens(text: str) -> list[str]:
    """The lower-cased words of ``text`` (as ``words`` gives them, without offsets): the indexing path."""
    return [w[:MAX_WORD] for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=200_000)
def lt_forms(word: str) -> tuple[str, ...]:
    """The folded stems of a lower-case Lithuanian word: fold(stem(w)) and stem(fold(w)), deduplicated."""
    a = fold(_LT.stemWord(word))
    b = _LT.stemWord(fold(word))
    return (a,) if a == b else (a, b)


@lru_cache(maxsize=200_000)
def en_form(word: str) -> str:
    """The folded English stem of a lower-case word."""
    return _EN.stemWord(fold(word))


@lru_cache(maxsize=100_000)
def code_tokens(code: str) -> tuple[str, ...]:
    """A code as typed whole (``psf01-v03``) and by its parts (``psf01``, ``v03``), folded."""
    folded = fold(code)
    return tuple(dict.fromkeys([folded, *tokens(folded)]))


def prefixes(stem: str) -> list[str]:
    """Proper prefixes of ``stem`` of at least ``MIN_PREFIX`` characters (edge n-grams)."""
    return [stem[:n] for n in range(MIN_PREFIX, len(stem))]


def fuzziness(term: str) -> int:
    """Edit distance allowed for a typo in ``term`` (a folded stem): 0 up to 4 chars, 1 up to 7, else 2."""
    n = len(term)
    return 0 if n <= 4 else 1 if n <= 7 else 2


def sort_key(text: str | None) -> str:
    """An ASCII key that sorts names in Lithuanian alphabetical order (č after c, ž last).

    Byte order of the key = Lithuanian order, so both engines sort by it as a plain keyword.
    Characters outside the alphabet are folded first; anything else becomes a space.
    """
    if not text:
        return "~"  # missing names sort last
    out = []
    for ch in text.lower():
        mapped = _SORT_MAP.get(ch)
        if mapped is None:
            mapped = "".join(_SORT_MAP.get(c, " ") for c in fold(ch)) or " "
        out.append(mapped)
    return "".join(out).strip() or "~"
