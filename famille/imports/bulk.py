"""Writing many rows at once: inserts and updates sent to the database driver as plain SQL with tuples.

SQLAlchemy's own executemany prepares each row's parameters in Python (a dictionary, a processor call per
value) and took longer than SQLite needs to store the rows. Here each statement is built once per table and set
of columns, values are converted with the very bind processors SQLAlchemy applies to those column types on the
dialect (JSON text or psycopg's Json, 0/1 for SQLite booleans…), and absent columns get their Python defaults.
Tables with defaults or updates only SQLAlchemy can compute (SQL expressions, sequences, ``onupdate``) are
left to SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Dialect, Table, bindparam, func, select, text
from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A statement for rows naming the same columns: SQL, value picker, conversions and defaults."""

    statement: str
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    defaults: tuple[Callable[[], Any], ...] = ()

    def parameters(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Each row's values in the statement's order, in the form the driver takes."""
        values = list(map(self.pick, rows))
        defaults = tuple(default() for default in self.defaults)
        if not self.converters and not defaults:
            return values
        return [self._convert(row + defaults) for row in values]

    def _convert(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for index, convert in self.converters:
            values[index] = convert(values[index])
        return tuple(values)


def insert_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of ``model`` in one executemany (nothing when ``rows`` is empty).

    Every row names the same columns.
    """
    if not rows:
        return
    connection = session.connection()
    prepared = _insert(connection.dialect, model.__table__, tuple(rows[0]))
    if prepared is None:
        connection.execute(model.__table__.insert(), rows)
    else:
        connection.exec_driver_sql(prepared.statement, prepared.parameters(rows))


def update_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Update many rows of ``model`` by primary key in one executemany; every row names the same columns."""
    if not rows:
        return
    connection = session.connection()
    table = model.__table__
    prepared = _update(connection.dialect, table, tuple(rows[0]))
    if prepared is not None:
        connection.exec_driver_sql(prepared.statement, prepared.parameters(rows))
        return
    key = table.primary_key.columns[0]
    columns = [name for name in rows[0] if name != key.name]
    statement = table.update().where(key == bindparam("_key")).values({name: bindparam(f"_{name}") for name in columns})
    connection.execute(
        statement, [{f"_{name}": value for name, value in row.items()} | {"_key": row[key.name]} for row in rows]
    )


@lru_cache(maxsize=256)
def _insert(dialect: Dialect, table: Table, names: tuple[str, ...]) -> _Prepared | None:
    """The INSERT of ``names`` into ``table`` and of the absent columns that have a Python-side default."""
    absent = [column for column in table.columns if column.key not in names and column.default is not None]
    if any(not (column.default.is_scalar or column.default.is_callable) for column in absent):
        return None
    columns = [table.columns[name] for name in names] + absent
    preparer = dialect.identifier_preparer
    statement = (
        f"INSERT INTO {preparer.format_table(table)} ({', '.join(preparer.quote(column.name) for column in columns)})"
        f" VALUES ({', '.join([_marker(dialect)] * len(columns))})"
    )
    defaults = tuple(_default_maker(column.default) for column in absent)
    return _Prepared(statement, _picker(names), _converters(columns, dialect), defaults)


@lru_cache(maxsize=256)
def _update(dialect: Dialect, table: Table, names: tuple[str, ...]) -> _Prepared | None:
    """The UPDATE of ``names`` (but the primary key) in ``table``, by primary key."""
    if any(column.onupdate is not None for column in table.columns):
        return None
    key = table.primary_key.columns[0]
    columns = [table.columns[name] for name in names if name != key.key]
    preparer, marker = dialect.identifier_preparer, _marker(dialect)
    assignments = ", ".join(f"{preparer.quote(column.name)} = {marker}" for column in columns)
    statement = f"UPDATE {preparer.format_table(table)} SET {assignments} WHERE {preparer.quote(key.name)} = {marker}"
    order = [*(column.key for column in columns), key.key]
    return _Prepared(statement, _picker(tuple(order)), _converters([*columns, key], dialect))


def _marker(dialect: Dialect) -> str:
    """The driver's positional placeholder: ``?`` for SQLite, ``%s`` for psycopg."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def _picker(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function returning a row's values for ``names``, always as a tuple."""
    if len(names) == 1:
        name = names[0]
        return lambda row: (row[name],)
    return itemgetter(*names)


def _converters(columns: list[Column[Any]], dialect: Dialect) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, conversion) for each column whose type SQLAlchemy converts on this dialect."""
    found = []
    for index, column in enumerate(columns):
        convert = _converter(column, dialect)
        if convert is not None:
            found.append((index, convert))
    return tuple(found)


def _default_maker(default: Any) -> Callable[[], Any]:
    """A function giving a column's Python-side default: its constant, or its callable's new value (``list``…)."""
    if default.is_scalar:
        return lambda: default.arg
    return lambda: default.arg(None)  # SQLAlchemy wraps every callable default to take an execution context


def _converter(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """SQLAlchemy's bind processor for the column; for JSON, empty lists and dictionaries converted only once."""
    convert = column.type.dialect_impl(dialect).bind_processor(dialect)
    if convert is None or not isinstance(column.type, JSON):
        return convert
    empty_list, empty_dict = convert([]), convert({})

    def convert_json(value: Any) -> Any:
        if not value and type(value) is list:
            return empty_list
        if not value and type(value) is dict:
            return empty_dict
        return convert(value)

    return convert_json


def allocate_ids(session: Session, model: type, count: int) -> list[int]:
    """Reserve ``count`` new primary keys of ``model``'s table.

    Inserting with known keys lets one executemany write a whole batch: SQLite cannot return generated keys in
    order from a batched insert, so SQLAlchemy would otherwise send one statement per row. On SQLite the import
    already holds the database's write lock, so the next keys after the largest are ours alone.
    """
    if count == 0:
        return []
    table = model.__table__
    key = table.primary_key.columns[0]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = f"{table.name}_{key.name}_seq"
        rows = connection.execute(text(f"SELECT nextval('{sequence}') FROM generate_series(1, :n)"), {"n": count})
        return [row[0] for row in rows]
    start = (connection.execute(select(func.max(key))).scalar() or 0) + 1
    return list(range(start, start + count))


def insert_returning_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows of ``model`` under newly allocated primary keys, returned in the order of ``rows``."""
    if not rows:
        return []
    key = model.__table__.primary_key.columns[0].name
    ids = allocate_ids(session, model, len(rows))
    insert_rows(session, model, [{**row, key: row_id} for row, row_id in zip(rows, ids, strict=True)])
    return ids
