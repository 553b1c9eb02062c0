"""The statement timeout that protects requests, lifted where long statements are the job."""

from django.db import connection


def without_statement_timeout(**_signal_kwargs) -> None:
    """Lift DATABASE_STATEMENT_TIMEOUT_MS for this process's connection: migrations, bulk loads
    and benchmarks legitimately run statements longer than any request should."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
