"""Option values converted without pydantic (cli/coercion.py) agree with Typer's own
conversion: same results, same errors."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from assoc_cli.cli import app, coercion


def _samples(annotation: object, tmp_path: Path) -> list[object]:
    existing = tmp_path / "there.csv"
    existing.write_text("x")
    if annotation is str:
        return ["abc", "", " x ", "会员单位"]
    if annotation is int:
        return ["1", "007", "-3", "+4", " 5 ", "1_000", "1.0", "x", "", "１", 12, "9" * 25]
    if annotation is bool:
        return [True, False]
    if annotation is Path:
        return ["a.db", "", "~/x.db", str(existing), str(tmp_path)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [str(choice.value) for choice in annotation]
        return [*values, *(v.upper() for v in values), "bogus", next(iter(annotation))]
    return [["a", "b"], ("x",), []]


def _outcome(runtime: Any, value: object, param: Any, ctx: Any) -> object:
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return (type(result).__name__, result)


def test_direct_option_conversion_agrees_with_typers(tmp_path: Path) -> None:
    """cli/coercion.py converts option values without pydantic: same results, same errors."""
    from typer._coercion import build_runtime_param

    root = typer.main.get_command(app)
    checked = 0

    def walk(command: Any, ctx: Any) -> None:
        nonlocal checked
        for param in command.get_params(ctx):
            direct = coercion._direct(param)
            annotation = param.type_descriptor.annotation
            assert direct is not None, f"{param.name}: no direct conversion for {annotation}"
            typer_own = build_runtime_param(param.type_descriptor)
            for value in [*_samples(annotation, tmp_path), None]:
                ours = _outcome(direct, value, param, ctx)
                theirs = _outcome(typer_own, value, param, ctx)
                assert ours == theirs, (command.name, param.name, value)
                checked += 1
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, typer.Context(sub, info_name=name, parent=ctx))

    walk(root, typer.Context(root, info_name="assoc"))
    assert checked > 1000
