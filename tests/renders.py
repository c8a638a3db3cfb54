"""The format registry's renderers by a language code, text or bytes apart: what the tests call."""

from __future__ import annotations

from veikart_cli.engine.scoring import Matrix
from veikart_cli.model.types import Framework
from veikart_cli.render.formats import UnknownFormat, criteria_output, matrix_output, report_output


def _text(output: str | bytes) -> str:
    if isinstance(output, bytes):
        raise UnknownFormat("a binary format renders bytes: use the *_bytes function")
    return output


def _bytes(output: str | bytes) -> bytes:
    if isinstance(output, str):
        raise UnknownFormat("a text format renders text: use the *_text function")
    return output


def matrix_text(matrix: Matrix, fmt: str, lang: str) -> str:
    return _text(matrix_output(matrix, fmt, matrix.framework.language(lang)))


def matrix_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    return _bytes(matrix_output(matrix, fmt, matrix.framework.language(lang)))


def criteria_text(framework: Framework, fmt: str, lang: str) -> str:
    return _text(criteria_output(framework, fmt, framework.language(lang)))


def criteria_bytes(framework: Framework, fmt: str, lang: str) -> bytes:
    return _bytes(criteria_output(framework, fmt, framework.language(lang)))


def report_text(matrix: Matrix, fmt: str, lang: str) -> str:
    return _text(report_output(matrix, fmt, matrix.framework.language(lang)))


def report_bytes(matrix: Matrix, fmt: str, lang: str) -> bytes:
    return _bytes(report_output(matrix, fmt, matrix.framework.language(lang)))
