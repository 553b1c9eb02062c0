"""gunicorn's logger, for LOG_FORMAT=json: the access line's values escaped for a JSON string.

The access format (config/gunicorn.conf.py) is a JSON object whose values gunicorn fills in
as they are; a path may hold a quote or a backslash once decoded, which would break the line.
"""

import json

from gunicorn.glogging import Logger


def _escaped(value: str) -> str:
    # Backslashes and control characters as JSON writes them; quotes are left to gunicorn,
    # whose SafeAtoms puts a backslash before each one.
    return json.dumps(value)[1:-1].replace('\\"', '"')


class JsonSafeLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return {
            key: _escaped(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }
