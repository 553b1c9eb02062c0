"""Pure functions that find identifying details and abuse in a testimony's text.

Each module is named for what it finds and exposes ``find(text) -> list[Span]``.
"""
