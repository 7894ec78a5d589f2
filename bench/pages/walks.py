"""Who the benchmark signs in, and the pages each of them opens, in the order a person would.

Paths are those of the URL confs (config/urls.py and each app's urls.py): the caseload is the
home page of caseworkers, supervisors, program administrators and partners, searched with
``?q=``; ``{youth}`` is a youth in the person's scope and ``{q}`` a surname among them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from urllib.parse import quote

MINIMAL_PAGE = "minimal view"
MINIMAL_PATH = "/healthz"

# Role ids (safeharbor.domain.access.Role values) and the short words the tables use.
LABELS = {
    "caseworker": "caseworker",
    "supervisor": "supervisor",
    "program_admin": "PA",
    "intake_worker": "intake",
    "analyst": "analyst",
    "mdt_partner": "partner",
}

_HOME = ("home", "/")
_SEARCH = ("search", "/?q={q}")
_MY_WORK = ("my work", "/obligations/mine/")
_BOARD = ("board", "/obligations/board/")
_MISSING = ("missing now", "/missing/")
_YOUTH = ("youth", "/youth/{youth}/")
_NOTIFICATIONS = ("notifications", "/notifications/")

WALKS: dict[str, tuple[tuple[str, str], ...]] = {
    "caseworker": (_HOME, _SEARCH, _MY_WORK, _MISSING, _YOUTH, _NOTIFICATIONS),
    "supervisor": (_HOME, _SEARCH, _BOARD, _MISSING, _YOUTH, _NOTIFICATIONS),
    "program_admin": (_HOME, _SEARCH, _BOARD, _MISSING, _YOUTH, _NOTIFICATIONS),
    "intake_worker": (_HOME, _MY_WORK, _YOUTH, _NOTIFICATIONS),
    "analyst": (_HOME, _NOTIFICATIONS),
    "mdt_partner": (_HOME, _YOUTH, _NOTIFICATIONS),
}

# One of each role first, then mostly caseworkers: an agency's staff at any moment.
_FIRST = ("caseworker", "supervisor", "program_admin", "intake_worker", "analyst", "mdt_partner")
_THEN = ("caseworker", "caseworker", "caseworker", "supervisor", "caseworker", "program_admin")


@dataclass(frozen=True)
class Step:
    """One page of a person's walk: its name in the tables and the paths it cycles through."""

    page: str
    paths: tuple[str, ...]

    def path(self, visit: int) -> str:
        """Return the path for the ``visit``-th time this person opens the page."""
        return self.paths[visit % len(self.paths)]


def role_mix(users: int) -> list[str]:
    """Return the role of each of ``users`` people: every role once, then mostly caseworkers."""
    return list(itertools.islice(itertools.chain(_FIRST, itertools.cycle(_THEN)), users))


def page_name(role: str, page: str) -> str:
    """Return a page's name in the tables, e.g. ``PA board``."""
    return f"{LABELS[role]} {page}"


def walk_for(role: str, *, youth: list[int], searches: list[str]) -> list[Step]:
    """Return a person's walk: their role's pages (youth and searches filled in), then /healthz."""
    steps = []
    for page, template in WALKS[role]:
        if "{youth}" in template:
            paths = tuple(template.format(youth=pk) for pk in youth)
        elif "{q}" in template:
            paths = tuple(template.format(q=quote(word)) for word in searches)
        else:
            paths = (template,)
        if paths:
            steps.append(Step(page_name(role, page), paths))
    return [*steps, Step(MINIMAL_PAGE, (MINIMAL_PATH,))]


def page_order(roles: list[str]) -> list[str]:
    """Return every page name the roles open, in table order, the minimal view last."""
    names: list[str] = []
    for role in dict.fromkeys(roles):
        names += [page_name(role, page) for page, _ in WALKS[role]]
    return [*names, MINIMAL_PAGE]
