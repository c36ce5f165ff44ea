"""The database's plan of a query as one line of text, for the tests that check an index is
used (SQLite's ``EXPLAIN QUERY PLAN``, PostgreSQL's ``EXPLAIN``)."""

from django.db import connection


def plan(sql: str) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return " ".join(str(cell) for row in cursor.fetchall() for cell in row)
