"""The format registry's renderers by a language code, text or bytes apart: what the tests call."""

from __future__ import annotations

from veikart_cli.engine.scoring import Matrix
from veikart_cli.model.types import Framework
from veikart_cli.render.formats import UnknownFormat, renderer


def _text(output: str | bytes) -> str:
    if isinstance(output, bytes):
        raise UnknownFormat("a binary format renders bytes: use the *_bytes function")
    return output


def _bytes(output: str | bytes) -> bytes:
    if isinstance(output, str):
        raise UnknownFormat("a text format renders text: use the *_text function")
    return output


def matrix_text(matrix: Matrix, fmt: str, lang: str) -> str:
    return _text(renderer("matrix", fmt)(matrix, matrix.framework.language(lang)))


def matrix_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    return _bytes(renderer("matrix", fmt)(matrix, matrix.framework.language(lang)))


def criteria_text(framework: Framework, fmt: str, lang: str) -> str:
    return _text(renderer("criteria", fmt)(framework, framework.language(lang)))


def criteria_bytes(framework: Framework, fmt: str, lang: str) -> bytes:
    return _bytes(renderer("criteria", fmt)(framework, framework.language(lang)))


def report_text(matrix: Matrix, fmt: str, lang: str) -> str:
    return _text(renderer("report", fmt)(matrix, matrix.framework.language(lang)))


def report_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    return _bytes(renderer("report", fmt)(matrix, matrix.framework.language(lang)))
