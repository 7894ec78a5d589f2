"""A person's browser, as far as the benchmark needs one: cookies, forms, the two sign-in steps.

Plain ``http.client``: the server closes the connection after each answer, as it does behind
the proxy (deploy/gunicorn.conf.py), and ``http.client`` opens the next. Every request says it
came through a TLS-terminating proxy (``X-Forwarded-Proto: https``, which production trusts through
SECURE_PROXY_SSL_HEADER), so the production server's HTTPS-only settings — the redirect to
HTTPS, Secure and ``__Host-`` cookies, strict CSRF referer checks — hold over loopback HTTP
exactly as they do behind the agency's proxy.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import re
import struct
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

USER_AGENT = "safeharbor-bench-pages"
TOTP_STEP = 30  # django-otp's defaults: 30-second steps, 6 digits, SHA-1 (RFC 6238)
TOTP_DIGITS = 6
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_IN_PATHS = ("/login/", "/account/second-factor/", "/account/second-factor/enrol/")
# A kept-alive connection the server closed in between (a server that keeps connections open and
# replaces a process): browsers send the request again on a new connection, and so does this.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class SignInFailed(Exception):
    """A sign-in step did not answer as a person's browser expects."""


@dataclass(frozen=True)
class Response:
    """What the benchmark keeps of a response."""

    status: int
    location: str
    body: bytes

    @property
    def signed_out(self) -> bool:
        """Return whether the server sent the person to sign in again."""
        return 300 <= self.status < 400 and urlsplit(self.location).path in SIGN_IN_PATHS


def totp(key_hex: str, at: float) -> str:
    """Return the code an authenticator with this key shows at ``at`` (RFC 6238, as django-otp)."""
    counter = struct.pack(">Q", int(at) // TOTP_STEP)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**TOTP_DIGITS:0{TOTP_DIGITS}d}"


def csrf_token(body: bytes) -> str:
    """Return the CSRF token of the first form in a page."""
    found = _CSRF.search(body)
    if found is None:
        raise SignInFailed("the page has no form with a CSRF token")
    return found.group(1).decode("ascii")


def cookie_updates(headers: list[str]) -> tuple[dict[str, str], set[str]]:
    """Return the cookies a response sets and those it deletes (empty value or max-age 0)."""
    jar: SimpleCookie = SimpleCookie()
    for header in headers:
        jar.load(header)
    kept = {name: m.value for name, m in jar.items() if m.value and m["max-age"] != "0"}
    return kept, set(jar) - set(kept)


class Browser:
    """One person's connection to the server, with their cookies."""

    def __init__(self, port: int, *, timeout: float) -> None:
        self.origin = f"https://127.0.0.1:{port}"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def _headers(self, path: str, *, cookies: bool) -> dict[str, str]:
        headers = {"User-Agent": USER_AGENT, "X-Forwarded-Proto": "https"}
        headers["Referer"] = self.origin + path
        if cookies and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _send(self, method: str, path: str, body: str | None, headers: dict[str, str]) -> Response:
        self.connection.request(method, path, body=body, headers=headers)
        answer = self.connection.getresponse()
        content = answer.read()
        kept, deleted = cookie_updates(answer.headers.get_all("Set-Cookie") or [])
        self.cookies = {k: v for k, v in {**self.cookies, **kept}.items() if k not in deleted}
        return Response(answer.status, answer.headers.get("Location", ""), content)

    def request(
        self, method: str, path: str, *, form: dict[str, str] | None = None, cookies: bool = True
    ) -> Response:
        """Send one request (a form is posted url-encoded) and keep the cookies it sets."""
        headers = self._headers(path, cookies=cookies)
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        try:
            return self._send(method, path, body, headers)
        except _STALE:
            self.connection.close()
            return self._send(method, path, body, headers)

    def get(self, path: str, *, cookies: bool = True) -> Response:
        """Open a page; without ``cookies`` the request carries no session (a load balancer)."""
        return self.request("GET", path, cookies=cookies)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def sign_in(self, username: str, password: str, totp_key: str) -> None:
        """Sign in through the real pages: password, then the code from the authenticator."""
        form = self._form("/login/")
        answer = self.request(
            "POST",
            "/login/",
            form={**form, "username": username, "password": password, "next": "/"},
        )
        step = urlsplit(answer.location).path
        if answer.status != 302 or step != "/account/second-factor/":
            raise SignInFailed(f"{username}: the password step answered {answer.status} {step}")
        form = self._form(answer.location)
        code = {**form, "code": totp(totp_key, time.time()), "next": "/"}
        answer = self.request("POST", step, form=code)
        if answer.status != 302 or urlsplit(answer.location).path in SIGN_IN_PATHS:
            raise SignInFailed(f"{username}: the second factor answered {answer.status}")

    def _form(self, path: str) -> dict[str, str]:
        page = self.get(path)
        if page.status != 200:
            raise SignInFailed(f"{path} answered {page.status}")
        return {"csrfmiddlewaretoken": csrf_token(page.body)}
