"""Caseload search without names in URLs: the words stay in the session, the URL holds a token.

A search is a POST (with its CSRF token); the words are kept in the person's server-side session
under a short random token, and the browser is sent to ``/?search=<token>``. The results page,
its links and its pagination carry only the token, so a youth's name never reaches an access
log, a proxy, the browser's history or a Referer header. A token means nothing outside the
session that made it and ends with it (the idle timeout); the newest few are kept.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest

TOKEN_PARAMETER = "search"  # noqa: S105 - a parameter name, not a secret
_SESSION_KEY = "caseload_searches"
_KEPT = 10  # searches remembered per session: enough for the back button, no more
MAX_SEARCH_CHARACTERS = 100


def remember(request: HttpRequest, text: str) -> str:
    """Keep ``text`` in the session under a new token and return the token."""
    token = secrets.token_urlsafe(9)
    searches = dict(request.session.get(_SESSION_KEY, {}))
    searches[token] = text
    request.session[_SESSION_KEY] = dict(list(searches.items())[-_KEPT:])
    return token


def recall(request: HttpRequest) -> tuple[str, str]:
    """Return ``(token, words)`` of the search named in the URL; ("", "") for none or unknown."""
    token = request.GET.get(TOKEN_PARAMETER, "")
    text = request.session.get(_SESSION_KEY, {}).get(token, "") if token else ""
    return (token, text) if text else ("", "")


def words_from(request: HttpRequest) -> str:
    """Return the words typed into the search form, trimmed to the length searched."""
    return request.POST.get("q", "").strip()[:MAX_SEARCH_CHARACTERS]
