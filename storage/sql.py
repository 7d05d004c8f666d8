"""Statements for the hot write paths: compiled once per dialect by SQLAlchemy, run on the DBAPI cursor.

SQLAlchemy's execution layer costs about 20 µs a statement (execution context, events, result
object); the DBAPI call itself costs 1–3 µs on SQLite. The handful of writes every order makes skip
that layer and nothing else: the statement is still a SQLAlchemy construct over the tables (so the
dialect renders RETURNING, quoting and parameters), its parameters still go through the column
types' bind processors (UTCDateTime), and it runs on the cursor of the session's own connection,
inside the caller's transaction. DBAPI errors come out as SQLAlchemy's (IntegrityError, ...).

`run` gives the cursor and so plain tuples, fine for rowcounts, ids and strings; `rows` applies the
column types' result processors too (SQLite's text times become aware UTC datetimes), as SQLAlchemy
would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import DateTime, exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    order: tuple[str, ...] | None  # parameter names in order, for positional paramstyles (SQLite's qmark)
    fixed: dict[str, Any]  # values the construct carries itself (the 1 of `last_order_number + 1`)
    processors: Mapping[str, Callable[[Any], Any]]
    names: tuple[str, ...]  # the columns a row has, for `rows`
    results: tuple[Callable[[Any], Any] | None, ...]  # and what turns each into its Python value

    # Positional paramstyles: the values in `order` taken in one C call, then converted by position.
    pick: Callable[[Mapping[str, Any]], Sequence[Any]]
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]


def _picker(order: Sequence[str]) -> Callable[[Mapping[str, Any]], Sequence[Any]]:
    """A function giving the values named by `order`, in that order, as a tuple."""
    if len(order) > 1:
        return itemgetter(*order)
    if order:
        name = order[0]
        return lambda params: (params[name],)
    return lambda params: ()


class Statement:
    """One INSERT, UPDATE or DELETE (maybe with RETURNING), or a SELECT of plain values, compiled once
    per dialect."""

    def __init__(self, construct: ClauseElement, *, columns: Sequence[str] = ()):
        """`columns`: for an INSERT, the columns every row gives (the rest take their defaults)."""
        self.construct = construct
        self.columns = list(columns) or None
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            c = cast(SQLCompiler, self.construct.compile(dialect=dialect, column_keys=self.columns))
            processors = {}
            for name, bind in c.binds.items():
                process = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    # One event stamps all its rows with the same moment: convert it once for them all.
                    temporal = bind.type._type_affinity is DateTime  # noqa: SLF001
                    processors[name] = _moments(repr(bind.type), dialect.name, process) if temporal \
                        else process
            fixed = {name: b.effective_value for name, b in c.binds.items() if not b.required}
            fixed |= _defaults(c)
            columns = list(getattr(self.construct, "exported_columns", ()))
            order = tuple(c.positiontup) if c.positiontup else None
            compiled = self._compiled[dialect.name] = _Compiled(
                c.string, order, fixed, processors, tuple(col.key for col in columns),
                tuple(col.type.dialect_impl(dialect).result_processor(dialect, None) for col in columns),
                _picker(order or ()),
                tuple((n, processors[name]) for n, name in enumerate(order or ()) if name in processors))
        return compiled

    def _values(self, compiled: _Compiled, params: Mapping[str, Any]) -> Any:
        if compiled.fixed:
            params = {**compiled.fixed, **params}
        if compiled.order is None:  # named paramstyle (psycopg): a dict
            if compiled.processors:
                params = {**params, **{name: process(params[name])
                                       for name, process in compiled.processors.items()}}
            return params
        if not compiled.convert:
            return compiled.pick(params)
        row = list(compiled.pick(params))
        for n, process in compiled.convert:
            row[n] = process(row[n])
        return row

    def run(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """Execute once; returns the DBAPI cursor (rowcount, fetchone() for RETURNING)."""
        compiled = self._for(conn.dialect)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        values = self._values(compiled, params)
        try:
            cursor.execute(compiled.sql, values)
        except conn.dialect.loaded_dbapi.Error as e:
            raise _wrapped(conn.dialect, compiled.sql, values, e) from e
        return cursor

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Execute a SELECT (or a RETURNING); each row a dict by column, values as SQLAlchemy reads them."""
        compiled = self._for(conn.dialect)
        names, results = compiled.names, compiled.results
        return [{name: value if result is None else result(value)
                 for name, result, value in zip(names, results, row, strict=True)}
                for row in self.run(conn, params).fetchall()]

    def run_many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Execute once per row (executemany), as one call."""
        compiled = self._for(conn.dialect)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        values = [self._values(compiled, row) for row in rows]
        try:
            cursor.executemany(compiled.sql, values)
        except conn.dialect.loaded_dbapi.Error as e:
            raise _wrapped(conn.dialect, compiled.sql, values, e) from e
        finally:
            cursor.close()


_MOMENTS: dict[tuple[str, str], Callable[[Any], Any]] = {}


def _moments(type_: str, dialect: str, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """One remembering bind processor per date-time type and dialect, shared by every statement."""
    key = (type_, dialect)
    if key not in _MOMENTS:
        _MOMENTS[key] = lru_cache(maxsize=64)(process)
    return _MOMENTS[key]


def _defaults(c: SQLCompiler) -> dict[str, Any]:
    """The constant Python-side defaults of the columns left out (SQLAlchemy fills them per execution)."""
    out = {}
    for column, default in [*((col, col.default) for col in c.insert_prefetch),
                            *((col, col.onupdate) for col in c.update_prefetch)]:
        if default is None or not default.is_scalar:
            raise ValueError(f"{column}: give its value; its default is computed, and only a "
                             "constant default is filled in here")
        out[column.key] = default.arg  # type: ignore[attr-defined]
    return out


def _wrapped(dialect: Dialect, sql: str, values: Any, error: Exception) -> exc.StatementError:
    """The exception SQLAlchemy itself would raise for this DBAPI error (IntegrityError, ...)."""
    return exc.DBAPIError.instance(sql, values, error, dialect.loaded_dbapi.Error, dialect=dialect)
