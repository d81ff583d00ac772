"""Model instances from SQL written once, read with the conversions Django itself applies.

The ORM builds a query's SQL again on every call. For the few queries that run on every
signed-in request or every reminder sent, building took longer than running (for a
reminder's join of four tables, about a millisecond). Here the SQL is written by hand,
with names from the models' metadata and every value bound, and each column read goes
through the field's own converters (JSON, decimals, and dates and times on SQLite), so an
instance is what the ORM would have made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]


def first_row(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: tuple[Any, ...] | None = cursor.fetchone()
        return found


def fields(model: type[Model], names: Sequence[str] = ()) -> list[Field[Any, Any]]:
    """The model's fields with these names (attnames: "owner_id"), or all its columns; in
    the model's order, which Model.from_db expects."""
    every = model._meta.concrete_fields
    found = [field for field in every if not names or field.attname in names]
    if len(found) != (len(names) or len(every)):
        raise ValueError(f"{model.__name__} has no field among some of {names}")
    return found


def columns(model: type[Model], alias: str, names: Sequence[str] = ()) -> str:
    """`alias`."column", … for `fields(model, names)`, in the order `instance` reads."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in fields(model, names))


def width(model: type[Model], names: Sequence[str] = ()) -> int:
    return len(names) or len(model._meta.concrete_fields)


def instance(model: type[M], values: Sequence[Any], names: Sequence[str] = ()) -> M:
    """The model instance for one row's `columns(model, …, names)`, as the ORM would make
    it. With `names`, the other fields load when first read, as after the ORM's only()."""
    attnames, reading = _reading(model, tuple(names), connection.vendor)
    converted = [_convert(value, *pair) for value, pair in zip(values, reading, strict=True)]
    return model.from_db(connection.alias, attnames, converted)


def value_of(field: Field[Any, Any], value: Any) -> Any:
    """A column's value as `field` gives it to Python (None stays None)."""
    return _convert(value, *_converters(field, connection.vendor))


def _convert(value: Any, column: Any, converters: list[Converter]) -> Any:
    if value is not None:
        for convert in converters:
            value = convert(value, column, connection)
    return value


@cache
def _reading(
    model: type[Model], names: tuple[str, ...], vendor: str
) -> tuple[list[str], list[tuple[Any, list[Converter]]]]:
    read = fields(model, names)
    return [field.attname for field in read], [_converters(field, vendor) for field in read]


# Kept per field and database vendor. They read only the settings (USE_TZ, the database's
# time zone), so the first connection's are right for every thread's.
@cache
def _converters(field: Field[Any, Any], vendor: str) -> tuple[Any, list[Converter]]:
    column = field.get_col(field.model._meta.db_table)
    found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return column, found
