"""Embedded search backend (tantivy): ``EmbeddedBackend(path=…)``."""

from search.backends.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
