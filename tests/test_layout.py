"""The house is easy to see: three apps, and the arrows between them run one way."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("testimonies", "moderation", "wall")


def imported_apps(app: str) -> set[str]:
    """The other apps any module of app imports, at any depth of its code."""
    found = set()
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & (set(APPS) - {app})
    return found


def test_the_testimonies_app_imports_neither_moderation_nor_the_wall():
    assert imported_apps("testimonies") == set()


def test_the_wall_never_imports_moderation_so_the_apps_have_no_cycle():
    assert imported_apps("wall") == {"testimonies"}
    assert imported_apps("moderation") <= {"testimonies", "wall"}
