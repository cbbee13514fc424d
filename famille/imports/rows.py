"""Rows from mapped GEDCOM data: the listing fields of a person, and the rows of names, events and notes.

Shared by the person and family writers; places are looked up (and created) through :class:`PlaceCache`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Dialect, Table, bindparam, func, select, text
from sqlalchemy.orm import Session

from famille.gedcom.dates import parsed_date
from famille.gedcom.mapping import EventData, NoteData, PersonData
from famille.models import Place
from famille.text import fold

BIRTH_TAGS = ("BIRT", "CHR", "BAPM")
DEATH_TAGS = ("DEAT", "BURI", "CREM")


class PlaceCache:
    """Place ids by folded name, loaded once per import; new places are inserted a batch at a time."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = dict(session.execute(select(Place.name_key, Place.place_id)).all())
        self.created = 0

    @staticmethod
    def key(name: str) -> str:
        """The folded name places are told apart by ("Montreal" and "Montréal" are one place)."""
        return fold(name)[:500]

    def ensure(self, events: Iterable[EventData]) -> None:
        """Create, in one statement, the places of ``events`` that are not in the database yet."""
        new: dict[str, dict[str, Any]] = {}
        for event in events:
            name = event.place.strip()
            key = self.key(name) if name else ""
            if key and key not in self.ids and key not in new:
                new[key] = {
                    "name": name[:500],
                    "name_key": key,
                    "latitude": event.latitude,
                    "longitude": event.longitude,
                }
        ids = insert_returning_ids(self.session, Place, list(new.values()))
        self.ids.update(zip(new, ids, strict=True))
        self.created += len(ids)

    def place_id(self, event: EventData) -> int | None:
        """The id of the event's place (after :meth:`ensure` saw it), or None when it has no place."""
        name = event.place.strip()
        return self.ids[self.key(name)] if name else None


def _sort_value(text: str) -> int | None:
    parsed = parsed_date(text)
    return parsed.sort_key if parsed.is_valid else None


def _first_event(events: list[EventData], tags: tuple[str, ...]) -> EventData | None:
    for tag in tags:
        for event in events:
            if event.tag == tag:
                return event
    return None


def person_fields(data: PersonData) -> dict[str, Any]:
    """The person's listing fields: primary name parts, search text, birth and death summaries."""
    primary = data.names[0] if data.names else None
    married = next((name.surname for name in data.names if name.name_type == "married"), "")
    birth = _first_event(data.events, BIRTH_TAGS)
    death = _first_event(data.events, DEATH_TAGS)
    every_name = " ".join(fold(part) for name in data.names for part in (name.given, name.surname, name.nickname))
    surname = primary.surname if primary else ""
    return {
        "sex": data.sex,
        "given_name": (primary.given if primary else "")[:300],
        "surname": surname[:300],
        "surname_key": fold(surname)[:300],
        "nickname": (primary.nickname if primary else "")[:300],
        "married_name": married[:300],
        "search_text": " ".join(every_name.split()),
        "birth_date": birth.date_text[:120] if birth else "",
        "birth_sort": _sort_value(birth.date_text) if birth else None,
        "birth_place": birth.place[:500] if birth else "",
        "death_date": death.date_text[:120] if death else "",
        "death_sort": _sort_value(death.date_text) if death else None,
        "death_place": death.place[:500] if death else "",
        "is_dead": death is not None,
        "extra": data.extra,
        "content_hash": data.content_hash(),
    }


def event_rows(events: list[EventData], places: PlaceCache, owner: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of the ``event`` table for one person or family (``owner`` names the owning column).

    The places must have been created first, for the whole batch, with :meth:`PlaceCache.ensure`.
    """
    rows = []
    for position, event in enumerate(events):
        parsed = parsed_date(event.date_text) if event.date_text else None
        rows.append(
            {
                "person_id": None,
                "family_id": None,
                **owner,
                "position": position,
                "tag": event.tag,
                "event_type": event.event_type[:200],
                "value": event.value,
                "date_text": event.date_text[:200],
                "date_start": parsed.start if parsed and parsed.is_valid else None,
                "date_end": parsed.end if parsed and parsed.is_valid else None,
                "place_id": places.place_id(event),
                "extra": event.extra,
            }
        )
    return rows


def note_rows(notes: list[NoteData], owner: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of the ``note`` table for one person or family."""
    return [
        {
            "person_id": None,
            "family_id": None,
            **owner,
            "position": position,
            "text": note.text,
            "record_xref": note.record_xref,
            "extra": note.extra,
        }
        for position, note in enumerate(notes)
    ]


def insert_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of ``model`` in one executemany, below the ORM (nothing when ``rows`` is empty).

    Every row names the same columns. The statement goes to the database driver as plain SQL with tuples:
    SQLAlchemy's own executemany spends longer preparing each row's parameters than the database spends
    storing them. Values are converted as SQLAlchemy would, and absent columns get their Python defaults.
    """
    if not rows:
        return
    connection = session.connection()
    names = tuple(rows[0])
    bulk = _bulk_insert(connection.dialect, model.__table__, names)
    if bulk is None:  # a default only SQLAlchemy can compute: let it do the whole insert
        connection.execute(model.__table__.insert(), rows)
        return
    values = list(map(bulk.pick, rows)) if len(names) > 1 else [(bulk.pick(row),) for row in rows]
    defaults = tuple(default() for default in bulk.defaults)
    if bulk.converters or defaults:
        values = [bulk.convert(row + defaults) for row in values]
    connection.exec_driver_sql(bulk.statement, values)


@dataclass(frozen=True, slots=True)
class _BulkInsert:
    """A prepared INSERT for rows naming the same columns: SQL, value picker, conversions and defaults."""

    statement: str
    pick: Callable[[dict[str, Any]], Any]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    defaults: tuple[Callable[[], Any], ...]

    def convert(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """The row with each value in the form the driver takes (JSON text, 0/1 for SQLite booleans…)."""
        values = list(row)
        for index, convert in self.converters:
            values[index] = convert(values[index])
        return tuple(values)


@lru_cache(maxsize=256)
def _bulk_insert(dialect: Dialect, table: Table, names: tuple[str, ...]) -> _BulkInsert | None:
    """Prepare the INSERT of ``names`` into ``table``, plus the absent columns that have a Python-side default.

    Conversions are the bind processors SQLAlchemy itself applies to these column types on this dialect.
    None when an absent column's default is a SQL expression or a sequence.
    """
    absent = [column for column in table.columns if column.key not in names and column.default is not None]
    if any(not (column.default.is_scalar or column.default.is_callable) for column in absent):
        return None
    columns = [table.columns[name] for name in names] + absent
    converters = []
    for index, column in enumerate(columns):
        convert = _converter(column, dialect)
        if convert is not None:
            converters.append((index, convert))
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    preparer = dialect.identifier_preparer
    statement = (
        f"INSERT INTO {preparer.format_table(table)} ({', '.join(preparer.quote(column.name) for column in columns)})"
        f" VALUES ({', '.join([marker] * len(columns))})"
    )
    defaults = tuple(_default_maker(column.default) for column in absent)
    return _BulkInsert(statement, itemgetter(*names), tuple(converters), defaults)


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


def update_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Update many rows of ``model`` by primary key; every row names the same columns."""
    if not rows:
        return
    table = model.__table__
    key = table.primary_key.columns[0]
    columns = [name for name in rows[0] if name != key.name]
    statement = table.update().where(key == bindparam("_key")).values({name: bindparam(f"_{name}") for name in columns})
    session.connection().execute(
        statement, [{f"_{name}": value for name, value in row.items()} | {"_key": row[key.name]} for row in rows]
    )
