"""A tqdm progress bar for commands, silent when not attached to a terminal or at -v 0."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tqdm import tqdm


def progress_bar(verbosity: int):
    def wrap(items: Iterable, total: int, label: str) -> Iterable:
        return tqdm(items, total=total, desc=str(label), unit="", disable=verbosity < 1 or not sys.stderr.isatty())

    return wrap
