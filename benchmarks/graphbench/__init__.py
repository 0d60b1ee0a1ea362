"""The graph benchmark's modules; ``benchmarks/bench_graph.py`` is the entry point (``make bench``)."""
