"""The fault suite's table: one row per fault, printed at the end of the run."""

from .harness import table

ROWS = []


def pytest_terminal_summary(terminalreporter):
    if ROWS:
        terminalreporter.write_sep("=", "fault suite: what survivors sent and what became of it")
        terminalreporter.write_line(table(ROWS))
