"""One item of the attention page, and the shape of a provider of items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


@dataclass(frozen=True)
class Attention:
    """One thing to attend to: its kind (the provider's slot), what it is, and the
    commands that handle it (each runs as written)."""

    kind: str
    text: str
    commands: tuple[str, ...]


Provider = Callable[["DbSession", date, str], list[Attention]]
