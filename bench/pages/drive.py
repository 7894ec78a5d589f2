"""Sign the people in, then let each walk their pages for the given time, as fast as answered.

One thread per person, each with its own connection and session: a closed loop, as people are —
the next page is asked for when the last one has arrived. Each starts at a different page of its
walk so the pages are not asked for in lock-step.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.pages.browser import Browser
from bench.pages.stats import Sample
from bench.pages.walks import MINIMAL_PAGE, Step

REQUEST_TIMEOUT = 60.0  # seconds; a page slower than this counts as an error at this time


@dataclass
class Person:
    """A signed-in person: their account, their walk and their browser."""

    username: str
    role: str
    walk: list[Step]
    browser: Browser


def sign_in_all(people: list[Person], credentials: Callable[[Person], tuple[str, str]]) -> None:
    """Sign everyone in at once; raise the first failure."""
    failures: list[BaseException] = []

    def one(person: Person) -> None:
        password, key = credentials(person)
        try:
            person.browser.sign_in(person.username, password, key)
        except Exception as error:  # reported below, in the main thread
            failures.append(error)

    _in_threads([lambda p=person: one(p) for person in people])
    if failures:
        raise failures[0]


def _in_threads(jobs: list[Callable[[], None]]) -> None:
    threads = [threading.Thread(target=job, daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def timed(person: Person, step: Step, visit: int) -> Sample:
    """Open one page of a person's walk and time it; a failure is an error, never an exception."""
    cookies = step.page != MINIMAL_PAGE  # a load balancer's check carries no session
    started = time.perf_counter()
    try:
        answer = person.browser.get(step.path(visit), cookies=cookies)
    except (OSError, http.client.HTTPException):  # a timeout, a refused or broken connection
        person.browser.close()
        return Sample(step.page, time.perf_counter() - started, ok=False)
    ok = 200 <= answer.status < 400 and not answer.signed_out
    elapsed = time.perf_counter() - started
    return Sample(step.page, elapsed, ok=ok, size=len(answer.body), status=answer.status)


def walk(person: Person, start: int, deadline: float) -> list[Sample]:
    """Walk the person's pages in order from ``start`` until ``deadline`` (perf_counter)."""
    samples = []
    position = start
    while time.perf_counter() < deadline:
        step = person.walk[position % len(person.walk)]
        samples.append(timed(person, step, position // len(person.walk)))
        position += 1
    return samples


def _walk_once(person: Person) -> None:
    for step in person.walk:
        timed(person, step, 0)


def warm_up(people: list[Person]) -> None:
    """Let everyone open each page of their walk once, untimed: the server's processes compile
    templates and fill their caches on first use, which no later request pays again."""
    _in_threads([lambda p=person: _walk_once(p) for person in people])


def starts(people: list[Person]) -> list[int]:
    """Return where each person starts their walk: people of one role spread evenly along it."""
    seen: dict[str, int] = {}
    total = {role: sum(p.role == role for p in people) for role in {p.role for p in people}}
    positions = []
    for person in people:
        k = seen[person.role] = seen.get(person.role, -1) + 1
        positions.append(k * len(person.walk) // total[person.role])
    return positions


def drive_all(people: list[Person], seconds: float) -> tuple[list[Sample], float]:
    """Let everyone walk for ``seconds``; return every request and the time until the last ended."""
    results: list[list[Sample]] = [[] for _ in people]
    begin = starts(people)
    started = time.perf_counter()
    deadline = started + seconds

    def one(index: int) -> None:
        results[index] = walk(people[index], begin[index], deadline)

    _in_threads([lambda i=index: one(i) for index in range(len(people))])
    return [sample for samples in results for sample in samples], time.perf_counter() - started
