"""Highlighted snippets for the embedded backend, using the same analysis as the query.

tantivy's snippet generator re-tokenises with its own tokenizers, which know no Lithuanian, so
we mark words ourselves: a word is marked when one of its forms matches a query word the way
the query does (same stem, a stem starting with the query stem, a shorter stem the query word
extends, or, for the words searched with typo tolerance, within the typo distance). Output is
HTML: the text escaped, matches wrapped in ``<mark>…</mark>`` (Elasticsearch's ``encoder=html``).

Speed: a hit carries dozens of texts (competences, outcomes, modules). One compiled regular
expression finds, over all of a hit's texts at once, the words that *start* like a query form,
diacritics or not (stemming only cuts endings, so every match does); only those are analysed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from html import escape
from itertools import accumulate
from typing import Any

from rapidfuzz.distance import OSA

from search.analysis import MIN_PREFIX, en_form, fold, fuzziness, lt_forms
from search.terms import ParsedText

__all__ = ["Highlighter"]

#: Characters of context kept around the first match of a long text.
SNIPPET_CHARS = 160
MAX_SNIPPETS = 2
# A folded letter matches itself with or without its Lithuanian diacritics.
_ACCENTED = {"a": "[aą]", "c": "[cč]", "e": "[eęė]", "i": "[iį]", "s": "[sš]", "u": "[uųū]", "z": "[zž]"}


def _pattern(start: str) -> str:
    return "".join(_ACCENTED.get(ch, re.escape(ch)) for ch in start)


@lru_cache(maxsize=512)
def _screen(starts: frozenset[str]) -> re.Pattern | None:
    """A regex finding the words that begin with one of ``starts`` (a start that extends another
    is left out: the shorter one finds its words too, and a short pattern compiles fast)."""
    ordered = sorted(starts, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(s.startswith(k) for k in kept):
            kept.append(s)
    return re.compile(rf"\b(?:{'|'.join(_pattern(s) for s in kept)})\w*") if kept else None


class Highlighter:
    """``typos``: the words searched with typo tolerance (None: every word long enough)."""

    def __init__(self, parsed: ParsedText, typos: Iterable[str] | None = None) -> None:
        self.exact: set[str] = set()
        self.long_stems: dict[int, set[str]] = {}  # length → stems, for "starts with"
        self.fuzzy: list[tuple[str, int]] = []
        typos = None if typos is None else set(typos)
        for w in parsed.words:
            self.exact.update((*w.lt, w.en, w.folded, *w.lt_prefixes))
            for stem in w.lt:
                if len(stem) >= MIN_PREFIX:
                    self.long_stems.setdefault(len(stem), set()).add(stem)
            if typos is None or w.word in typos:
                self.fuzzy.extend((s, w.fuzzy) for s in w.lt if w.fuzzy)
                if fuzziness(w.en):
                    self.fuzzy.append((w.en, fuzziness(w.en)))
        # Typo matches are screened by their first two letters (the query itself is not).
        self._screen = _screen(frozenset({s for s in self.exact if s} | {s[:2] for s, _ in self.fuzzy}))
        self._judged: dict[str, bool] = {}

    def _matches(self, word: str) -> bool:
        hit = self._judged.get(word)
        if hit is None:
            forms = (*lt_forms(word), en_form(word), fold(word))
            hit = not self.exact.isdisjoint(forms) or any(
                len(f) > n and f[:n] in stems for n, stems in self.long_stems.items() for f in forms
            )
            # Optimal string alignment (a swap of neighbours costs 1), as tantivy's fuzzy terms.
            hit = hit or any(OSA.distance(f, s, score_cutoff=k) <= k for s, k in self.fuzzy for f in forms)
            self._judged[word] = hit
        return hit

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the matching words of ``text``, lazily."""
        low = text.lower()
        if len(low) != len(text):  # a character whose lower case is longer: no offsets to trust
            return
        for m in self._screen.finditer(low):  # type: ignore[union-attr]
            if self._matches(m.group()):
                yield m.span()

    def _html(self, text: str, spans: Sequence[tuple[int, int]], trim: bool) -> str:
        start, end = 0, len(text)
        if trim and len(text) > SNIPPET_CHARS:
            start = max(0, spans[0][0] - SNIPPET_CHARS // 3)
            start = text.rfind(" ", 0, start) + 1 if start else 0
            end = text.find(" ", min(len(text), start + SNIPPET_CHARS))
            end = len(text) if end < 0 else end
        out, pos = [], start
        for a, b in spans:
            if a >= start and b <= end:
                out.append(escape(text[pos:a]))
                out.append(f"<mark>{escape(text[a:b])}</mark>")
                pos = b
        out.append(escape(text[pos:end]))
        return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")

    def mark(self, text: str, *, trim: bool = False) -> str | None:
        """``text`` with matches marked (cut around the first with ``trim``), or None."""
        spans = list(self._spans(text)) if self._screen else []
        return self._html(text, spans, trim) if spans else None

    def snippets(self, texts: Sequence[str]) -> list[str]:
        """Marked snippets of the first ``MAX_SNIPPETS`` texts that match, screened all at once.

        Only one snippet window per text is scanned: after it, the search jumps to the next text.
        """
        if not texts or self._screen is None:
            return []
        joined = "\n".join(texts)
        low = joined.lower()
        if len(low) != len(joined):
            return []
        bounds = [0, *accumulate(len(t) + 1 for t in texts[:-1]), len(joined) + 1]
        chosen: dict[int, list[tuple[int, int]]] = {}
        pos, window_end = 0, -1
        while len(chosen) <= MAX_SNIPPETS:
            m = self._screen.search(low, pos)
            if m is None:
                break
            a, b = m.span()
            pos = b
            if not self._matches(m.group()):
                continue
            i = bisect.bisect_right(bounds, a) - 1
            if i not in chosen:
                if len(chosen) == MAX_SNIPPETS:
                    break
                chosen[i] = []
                window_end = a + SNIPPET_CHARS
            chosen[i].append((a - bounds[i], b - bounds[i]))
            if b > window_end:  # past this text's snippet: go on with the next text
                pos = bounds[i + 1]
        out: list[str] = []
        for i, local in chosen.items():
            marked = self._html(texts[i], local, trim=True)
            if marked not in out:
                out.append(marked)
        return out

    def view(self, view: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
        """Highlights of a hit view (``search.backends.base.hit_view``): names whole, texts as snippets."""
        found: dict[str, tuple[str, ...]] = {}
        for lang in ("lt", "en"):
            name = view.get(f"name_{lang}")
            marked = self.mark(name) if name else None
            if marked:
                found[f"name_{lang}"] = (marked,)
            snippets = self.snippets(view.get(f"text_{lang}") or [])
            if snippets:
                found[f"text_{lang}"] = tuple(snippets)
        return found
