"""Option values converted without pydantic, so a command starts fast.

Typer (0.2x) converts every parameter value through a pydantic ``TypeAdapter``: the first
option a command reads — even ``--db`` left unset — imports pydantic and builds adapters,
tens of milliseconds before any work is done. The plain types assoc's options use (str, int, Path,
enums, lists of str, flags) need none of that. For them this module gives each
parameter a converter that handles the ordinary spellings directly and hands anything
else — a value it does not recognise, a bad one — to Typer's own conversion, so results
and error messages stay Typer's. ``tests/cli/test_coercion.py`` checks both agree.

This hooks into Typer's internals: ``_TyperParameter.get_runtime_param``, which builds the
converter a parameter keeps in ``_runtime_param``. With a Typer that has no such thing,
``enable`` does nothing and Typer's conversion runs as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # another Typer: leave its conversion alone
    RuntimeParam = None  # type: ignore[assignment,misc]

# What a direct conversion returns when the value is not one it handles.
_UNHANDLED: Any = object()
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")

Convert = Callable[[Any, Any, Any], Any]


def _str(value: Any, _param: Any, _ctx: Any) -> Any:
    return value if isinstance(value, str) else _UNHANDLED


def _int(value: Any, _param: Any, _ctx: Any) -> Any:
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _UNHANDLED


def _bool(value: Any, _param: Any, _ctx: Any) -> Any:
    return value if isinstance(value, bool) else _UNHANDLED


def _str_list(value: Any, _param: Any, _ctx: Any) -> Any:
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return list(value)
    return _UNHANDLED


def _str_tuple(size: int) -> Convert:
    def convert(value: Any, _param: Any, _ctx: Any) -> Any:
        fits = isinstance(value, list | tuple) and len(value) == size
        if fits and all(isinstance(item, str) for item in value):
            return tuple(value)
        return _UNHANDLED

    return convert


def _choice(enum: type[Enum], case_sensitive: bool) -> Convert:
    choices = tuple(enum)

    def convert(value: Any, _param: Any, ctx: Any) -> Any:
        try:
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)
        except ValueError:
            return _UNHANDLED

    return convert


def _path(parameter_info: Any) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str):
            return _UNHANDLED
        # Typer's own checks (exists, readable…) on an already-made Path.
        return coerce_cli_path(Path(value), parameter_info, path_type=Path, param=param, ctx=ctx)

    return convert


def _path_list(parameter_info: Any) -> Convert:
    one = _path(parameter_info)

    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return _UNHANDLED
        return [one(item, param, ctx) for item in value]

    return convert


def _converter(annotation: Any, parameter_info: Any) -> Convert | None:
    """The direct conversion for *annotation*, or None to leave it to Typer."""
    if getattr(parameter_info, "parser", None) is not None:
        return None
    if annotation is str:
        return _str
    if annotation is int:
        plain = all(getattr(parameter_info, key, None) is None for key in ("min", "max"))
        return _int if plain and not getattr(parameter_info, "clamp", False) else None
    if annotation is bool:
        return _bool
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation, bool(getattr(parameter_info, "case_sensitive", True)))
    if annotation is Path and getattr(parameter_info, "path_type", None) is None:
        return _path(parameter_info)
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return _str_list
    paths = get_origin(annotation) is list and get_args(annotation) == (Path,)
    if paths and getattr(parameter_info, "path_type", None) is None:
        return _path_list(parameter_info)
    if get_origin(annotation) is tuple and set(get_args(annotation)) == {str}:
        return _str_tuple(len(get_args(annotation)))
    return None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class DirectParam(RuntimeParam):
        """Converts the ordinary spellings itself; anything else goes to Typer's adapter."""

        convert: Convert

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = self.convert(value, param, ctx)
            if result is _UNHANDLED:
                typer_own = build_runtime_param(param.type_descriptor)
                return typer_own._coerce_value(value, param=param, ctx=ctx)
            return result


def _direct(param: Any) -> Any:
    """A DirectParam for *param*, or None when its type is left to Typer."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return None
    convert = _converter(descriptor.annotation, descriptor.parameter_info)
    if convert is None:
        return None
    return DirectParam(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, convert=convert
    )


def enable() -> None:
    """From now on, every Typer parameter of this process converts its value directly where
    its type allows (idempotent). Hooked where Typer builds a parameter's converter, so it
    covers the options Click adds on the fly too (``--help``, ``--install-completion``)."""
    param_class = getattr(typer.core, "_TyperParameter", None)
    if RuntimeParam is None or param_class is None or hasattr(param_class, "_assoc_direct"):
        return
    typer_own = param_class.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            self._runtime_param = _direct(self)
        return typer_own(self)

    param_class.get_runtime_param = get_runtime_param
    param_class._assoc_direct = True
