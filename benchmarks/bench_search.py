"""Search benchmark: our embedded backend next to the same tantivy work done directly.

Run from the repository root::

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000,50000] [--queries 200] [--seed 42]

Per size: N synthetic qualification documents generated in Python (Lithuanian-like words with
diacritics and inflected endings, Zipf-distributed, plus real occupation names; 1–3 of 16
sectors; competences and modules from shared pools; LT and EN texts; ~4 % of names start with
"virėjas/virėja/virėjo", ~26 % with another real occupation word), indexed on disk with
``EmbeddedBackend.rebuild``. Then ``--queries`` mixed queries (1–2 words from a random
document, half typed without diacritics, 10 % with a typo, 15 % empty = browse; 70 % filter on a
sector, 30 % on a level, 20 % on both, 10 % "more than one sector"; a fifth sorted by name; pages
1–3), timed after 20 warm-ups:

- **ours**: ``backend.search(SearchQuery(...))``: parsing, analysis, query building, the engine,
  faceted counts, stored documents, highlighting, result objects;
- **raw**: (timed back to back with ours, alternating which goes first) the same tantivy calls with the query objects built beforehand: ``searcher.search``
  (count, offset, order) + the facet aggregations + fetching the stored hits. That is the
  engine's share; ours/raw is what our Python layer costs on top;
- **raw-min**: one term query + sector filter, top 10 (the perf-baselines.md shape), for scale.

Also autocomplete and related-in-other-sectors (ours only), and with ``--from-graph N`` the
rebuild path: documents built from a real graph of N synthetic qualifications, then indexed. Figures go to stdout as tables and
to ``benchmarks/out/bench_search-<time>.json``. Targets: p95 ≤ 30 ms at 50k, ≤ 2× raw.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.analysis import fold  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.backends.embedded import queries as q  # noqa: E402
from search.backends.embedded.backend import _SORTS, _aggregate  # noqa: E402
from search.document import Ref, SearchDocument  # noqa: E402
from search.query import FACETS, SearchQuery  # noqa: E402
from search.terms import parse_text  # noqa: E402

P95_MAX_MS, OVER_RAW_MAX = 30.0, 2.0
OCCUPATIONS = (
    "virėjas virėja virėjo suvirintojas suvirintojo kirpėjas kirpėja apskaitininkas apskaitos mūrininkas "
    "elektrikas santechnikas pardavėjas siuvėjas baldžius kosmetikas padavėjas barmenas programuotojas "
    "montuotojas slaugytojas mechanikas automobilių tinklų derintojas floristas keramikas apdailininkas"
).split()
SYLLABLES = "ka ri mo tu šė la vy ną ge rū pa dė ži če sau ki no ba lį ver gu to mė ša ų".split()
ENDINGS = "as is ys a ė us ai ų o ams ui e ą iai imo ojo".split()
SECTORS = [f"S{n:02d}" for n in range(1, 17)]
ISCED = ["0411", "0713", "0715", "0716", "0732", "1012", "1013", "0613", "0723", "0811"]


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Zipf-ranked words: synthetic Lithuanian-like words, with the real occupation words placed
    from rank 100 on (common, not the commonest: those are everyday words in real texts)."""
    words = {
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(ENDINGS)
        for _ in range(size * 2)
    }
    synthetic = sorted(words)[: size - len(OCCUPATIONS)]
    rng.shuffle(synthetic)
    return synthetic[:100] + OCCUPATIONS + synthetic[100:]


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.weights = [1 / (i + 1) for i in range(len(self.words))]  # Zipf
        self.cum = list(_accumulate(self.weights))
        pool = max(500, n)
        self.competences = [
            self._ref("competence", f"PSA{i // 100 % 100:02d}-V{i % 100:02d}-K1") for i in range(pool)
        ]
        self.modules = [self._ref("module", f"{1 + i % 8}{i:06d}") for i in range(pool)]

    def text(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(lo, hi)))

    def _ref(self, kind: str, code: str) -> Ref:
        return Ref(
            f"https://data.kpmpc.lt/id/{kind}/{code}", code, self.text(2, 5), "skill " + self.text(1, 3)
        )

    def document(self, i: int) -> SearchDocument:
        rng = self.rng
        level = 1 + i % 8
        sectors = sorted(rng.sample(SECTORS, rng.choice([1, 1, 1, 2, 3])))
        head = rng.random()
        if head < 0.04:  # as in perf-baselines.md: ~4 % of names start with the cook
            name = rng.choice(["virėjas", "virėja", "virėjo"]) + " " + self.text(1, 4)
        elif head < 0.3:
            name = rng.choice(OCCUPATIONS) + " " + self.text(1, 4)
        else:
            name = self.text(2, 6)
        return SearchDocument(
            id=f"https://data.kpmpc.lt/id/qualification/K{level}{i:07d}",
            type="qualification",
            code=f"K{level}{i:07d}",
            name_lt=name.capitalize(),
            name_en=None if rng.random() < 0.01 else "qualification " + self.text(1, 4),
            description_lt=self.text(20, 60),
            description_en="description " + self.text(10, 30),
            outcomes_lt=[self.text(5, 12) for _ in range(rng.randint(2, 5))],
            competences=rng.sample(self.competences, rng.randint(3, 10)),
            modules=rng.sample(self.modules, rng.randint(5, 15)),
            sectors=[
                Ref(f"https://data.kpmpc.lt/id/sector/{s}", s, f"Sektorius {s}", f"Sector {s}")
                for s in sectors
            ],
            ltks_level=level,
            eqf_level=level,
            isced=rng.choice(ISCED),
            status="withdrawn" if rng.random() < 0.03 else "valid",
            updated=dt.date(2015 + i % 10, 1 + i % 12, 1 + i % 28).isoformat(),
        )


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def make_queries(docs: list[SearchDocument], n: int, rng: random.Random) -> list[SearchQuery]:
    out = []
    for _ in range(n):
        doc = rng.choice(docs)
        words = (doc.name_lt + " " + doc.description_lt).split()
        text = " ".join(rng.sample(words, rng.choice([1, 1, 2])))
        if rng.random() < 0.5:
            text = fold(text)
        if rng.random() < 0.1:
            text = typo(text, rng)
        if rng.random() < 0.15:
            text = ""
        filters: dict[str, list[str]] = {}
        if rng.random() < 0.7:
            filters["sector"] = [rng.choice(doc.sector_codes)]
        else:
            filters["ltks_level"] = [str(doc.ltks_level)]
        if rng.random() < 0.2:
            filters["ltks_level" if "sector" in filters else "sector"] = [rng.choice(["4", "S05"])]
        sort = "name" if rng.random() < 0.2 else "relevance"
        out.append(
            SearchQuery(
                text=text,
                filters=filters,
                multi_sector=rng.random() < 0.1,
                sort=sort,
                page=rng.choice([1, 1, 2, 3]),
            )
        )
    return out


def raw_plan(backend: EmbeddedBackend, query: SearchQuery):
    """The tantivy calls of one search, with every query object built in advance."""
    schema = backend.schema
    parsed = parse_text(query.text)
    text = q.text_query(schema, parsed, q.typos(backend.directory.index().searcher(), parsed))
    main = q.combine(text, q.filter_query(schema, query.filters, query.multi_sector))
    sort = "name" if query.sort == "relevance" and not parsed.words else query.sort
    field, order = _SORTS.get(sort, (None, None))
    aggs = [(main, [f for f in FACETS if f not in query.filters])]
    for facet in query.filters:
        aggs.append(
            (q.combine(text, q.filter_query(schema, query.filters, query.multi_sector, skip=facet)), [facet])
        )
    kwargs = {"count": True, "offset": query.offset}
    if field:
        kwargs.update(order_by_field=field.format(lang="lt"), order=order)
    return main, query.page_size, kwargs, aggs


def run_raw(backend: EmbeddedBackend, plan) -> None:
    main, limit, kwargs, aggs = plan
    searcher = backend.directory.index().searcher()
    result = searcher.search(main, limit, **kwargs)
    for query, facets in aggs:
        _aggregate(searcher, query, facets)
    for _, addr in result.hits:
        searcher.doc(addr)["hit"]


def timed_pair(ours, raw, items_ours, items_raw, warmup: int = 20) -> tuple[list[float], list[float]]:
    """Each query through both paths, back to back in alternating order: the machine's other load
    then weighs on both alike."""
    for a, b in zip(items_ours[:warmup], items_raw[:warmup], strict=True):
        ours(a), raw(b)
    out_ours, out_raw = [], []
    for i, (a, b) in enumerate(zip(items_ours, items_raw, strict=True)):
        for fn, item, out in ((ours, a, out_ours), (raw, b, out_raw))[:: 1 if i % 2 else -1]:
            started = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - started) * 1000)
    return out_ours, out_raw


def timed(fn, items, warmup: int = 20) -> list[float]:
    for item in items[:warmup]:
        fn(item)
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def stats(ms: list[float]) -> dict:
    ordered = sorted(ms)
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "mean": round(statistics.fmean(ordered), 3),
    }


def bench_size(n: int, n_queries: int, seed: int) -> dict:
    out: dict = {"n": n}
    started = time.perf_counter()
    gen = Generator(n, seed)
    docs = [gen.document(i) for i in range(n)]
    out["generate_s"] = round(time.perf_counter() - started, 2)
    with tempfile.TemporaryDirectory(prefix="kpmpc-search-bench-") as tmp:
        backend = EmbeddedBackend(Path(tmp) / "index", rebuild_heap_mb=400)
        started = time.perf_counter()
        backend.rebuild(docs)
        out["index_s"] = round(time.perf_counter() - started, 2)
        out["index_mb"] = round(sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 1e6, 1)
        rng = random.Random(seed + 1)
        queries = make_queries(docs, n_queries, rng)
        plans = [raw_plan(backend, query) for query in queries]
        ours, raw = timed_pair(backend.search, lambda p: run_raw(backend, p), queries, plans)
        out["ours"], out["raw"] = stats(ours), stats(raw)
        schema = backend.schema
        from tantivy import Query

        minimal = [
            q.combine(
                Query.term_query(schema, "body_lt", parse_text(d.name_lt).words[0].lt[0]),
                q.filter_query(schema, {"sector": d.sector_codes[:1]}, False),
            )
            for d in rng.sample(docs, n_queries)
        ]
        out["raw_min"] = stats(timed(lambda m: backend.directory.index().searcher().search(m, 10), minimal))
        prefixes = [fold(d.name_lt)[: rng.randint(2, 6)] for d in rng.sample(docs, n_queries)]
        out["autocomplete"] = stats(timed(lambda p: backend.autocomplete(p), prefixes))
        sources = [d.id for d in rng.sample(docs, n_queries)]
        out["related"] = stats(timed(lambda u: backend.related_in_other_sectors(u), sources))
        out["mean_total"] = round(statistics.fmean(backend.search(x).total for x in queries[:50]), 1)
    return out


def bench_from_graph(n: int) -> dict:
    """Documents built from a real graph (tests/graph/records.world: per qualification a unit,
    3 modules, a programme; a standard per 25), then indexed: the rebuild path."""
    from graph.stores.oxigraph import OxigraphStore
    from graph.vocabularies import load_reference_vocabularies
    from search.documents import build_documents, iter_documents
    from tests.graph.records import BASE, sector_graphs, world_graphs

    store = OxigraphStore()
    load_reference_vocabularies(store, base=BASE)
    store.load_graphs(sector_graphs(BASE))
    store.load_graphs(world_graphs(n, defects=False), atomic=False)
    started = time.perf_counter()
    docs = list(iter_documents(store, BASE))
    out = {"n": n, "triples": store.triple_count(), "documents": len(docs)}
    out["build_s"] = round(time.perf_counter() - started, 2)
    with tempfile.TemporaryDirectory(prefix="kpmpc-search-bench-") as tmp:
        started = time.perf_counter()
        EmbeddedBackend(Path(tmp) / "index", rebuild_heap_mb=400).rebuild(docs)
        out["index_s"] = round(time.perf_counter() - started, 2)
    one = [docs[i].id for i in range(0, len(docs), max(1, len(docs) // 50))]
    out["incremental_one_ms"] = stats(timed(lambda u: build_documents(store, BASE, [u]), one, warmup=5))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--from-graph", type=int, default=0, help="also time documents from a graph of N")
    args = parser.parse_args()
    if args.from_graph:
        g = bench_from_graph(args.from_graph)
        print(
            f"from graph: {g['n']:,} qualifications, {g['triples']:,} triples → {g['documents']:,} documents "
            f"in {g['build_s']} s ({g['documents'] / g['build_s']:,.0f}/s), indexed in {g['index_s']} s; "
            f"one entity's document p50/p95 {g['incremental_one_ms']['p50']} / {g['incremental_one_ms']['p95']} ms"
        )
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"size {n} …", file=sys.stderr, flush=True)
        results.append(bench_size(n, args.queries, args.seed))
    print(
        "| N | generate s | index s | index MB | ours p50 / p95 ms | raw p50 / p95 ms | ours/raw p95 | raw-min p50 / p95 | autocomplete p50 / p95 | related p50 / p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        ratio = r["ours"]["p95"] / r["raw"]["p95"]
        r["ratio_p95"] = round(ratio, 2)
        cells = [f"{r['n']:,}", r["generate_s"], r["index_s"], r["index_mb"]]
        cells += [f"{r[k]['p50']} / {r[k]['p95']}" for k in ("ours", "raw")] + [f"{ratio:.2f}×"]
        cells += [f"{r[k]['p50']} / {r[k]['p95']}" for k in ("raw_min", "autocomplete", "related")]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print(f"load average (1/5/15 min) at the end: {os.getloadavg()}")
    for r in results:
        p95_ok = r["ours"]["p95"] <= P95_MAX_MS
        print(
            f"N={r['n']:,}: p95 {r['ours']['p95']} ms ≤ {P95_MAX_MS} ms: {'PASS' if p95_ok else 'MISS'}; "
            f"ours/raw p95 {r['ratio_p95']}× ≤ {OVER_RAW_MAX}×: {'PASS' if r['ratio_p95'] <= OVER_RAW_MAX else 'MISS'}"
        )
    out_dir = ROOT / "benchmarks" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    meta = {"loadavg": os.getloadavg(), "args": vars(args), "python": sys.version.split()[0]}
    (out_dir / f"bench_search-{stamp}.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=1)
    )


if __name__ == "__main__":
    main()
