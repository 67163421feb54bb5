"""A long-running service asks now and then whether its service token still holds.

The collector and the payment gateway sign in once with a token file; revoking or replacing
that token (`users revoke-token`, `users token`) must stop them while they run, not only at
their next start (issue 17).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 60.0


async def watch(still_allowed: Callable[[], bool], every: float, stop: asyncio.Event,
                revoked: asyncio.Event, report: Callable[[str], None], what: str) -> None:
    """Ask every `every` seconds; once the answer is no, set `revoked` and `stop`.

    A database that does not answer is no answer: a service keeps working (the collector
    spools its readings) rather than stopping because of an outage."""
    while not stop.is_set():
        await asyncio.sleep(every)
        try:
            allowed = await asyncio.to_thread(still_allowed)
        except Exception as exc:  # an outage: logged, never fatal here
            log.warning("could not check the service token: %s", exc)
            continue
        if not allowed:
            report(f"service token revoked or replaced: the {what} stops "
                   "(issue a new token with `users token` and restart it)")
            revoked.set()
            stop.set()
