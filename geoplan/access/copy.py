"""Bulk writes with PostgreSQL COPY through Django's connection (psycopg 3).

Tens of thousands of result rows a run: COPY streams them in one statement per table, where
``bulk_create`` builds a model instance and a parameter list per row.
"""

import io
import json

import numpy as np
import pandas as pd
import shapely
from django.db import connection
from psycopg import sql


def copy_frame(model, frame: pd.DataFrame) -> None:
    """Append the rows of ``frame`` to ``model``'s table with one COPY (CSV).

    Columns are named as the table's columns (``run_id``, not ``run``). Missing values (NaN, None,
    pandas NA) are stored as NULL, so floats meant to be NULL must be NaN here, never inf.
    """
    if frame.empty:
        return
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=False)
    statement = sql.SQL("COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)").format(
        table=sql.Identifier(model._meta.db_table),
        columns=sql.SQL(", ").join(sql.Identifier(c) for c in frame.columns),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


def finite_or_null(values) -> np.ndarray:
    """Floats with every non-finite value (inf, NaN) turned into NaN, which COPY stores as NULL."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def float_column(values):
    """Floats for a NOT NULL column: NaN is written as PostgreSQL's ``NaN``, not as NULL."""
    values = np.asarray(values, dtype=float)
    if not np.isnan(values).any():
        return values
    return np.where(np.isnan(values), "NaN", values.astype(str))


def int_or_null(values) -> pd.Series:
    """Whole numbers as a nullable integer column (NaN becomes NULL, never ``12.0``)."""
    return pd.Series(np.asarray(values, dtype=float)).round().astype("Int64")


def ewkb_hex(geometries, srid: int) -> np.ndarray:
    """Hex EWKB (SRID included) of shapely geometries: the text form PostGIS reads in COPY."""
    with_srid = shapely.set_srid(np.asarray(geometries, dtype=object), srid)
    return shapely.to_wkb(with_srid, hex=True, include_srid=True)


def json_text(values) -> list[str]:
    """JSON text of each value, for a ``jsonb`` column."""
    return [json.dumps(v, allow_nan=False) for v in values]
