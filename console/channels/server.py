"""The gateway's HTTP side (aiohttp): one endpoint per channel, bodies bounded before reading.

    POST /wechat/notify   WeChat Pay API v3: 204 on success, 4xx/5xx {"code": "FAIL", …}
    POST /alipay/notify   Alipay: plain `success` / `fail`

Verification and the database run in a worker thread (SQLAlchemy is synchronous), so a
slow commit never stops the loop from reading the next request.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import partial

from aiohttp import web
from sqlalchemy import select

from console.channels import posting
from console.channels.alipay import verify_alipay
from console.channels.keys import ChannelKeys
from console.channels.refusal import Notification, Refused
from console.channels.wechat import verify_wechat, wechat_answer
from console.db import Database
from console.errors import ConsoleError
from console.models import Unit

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # a notification is about 1 KiB
PRUNE_EVERY = 600.0  # seconds between two clean-ups of old nonces
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Gateway:
    """What every request needs: the database, the keys, the unit that owns the merchant."""

    def __init__(self, db: Database, keys: ChannelKeys, *, max_body: int = MAX_BODY) -> None:
        self.db, self.keys, self.max_body = db, keys, max_body
        with db.read() as session:
            unit_id = session.scalar(select(Unit.id).where(Unit.code == keys.unit_code))
        if unit_id is None:
            raise ConsoleError(f"no unit {keys.unit_code!r} for the merchant accounts "
                               "(channels.json, \"unit\")")
        self.unit_id: int = unit_id

    async def body(self, request: web.Request, channel: str, content_type: str) -> bytes:
        """The bounded body, or Refused before more than `max_body` bytes are read."""
        if request.content_length is not None and request.content_length > self.max_body:
            raise Refused("oversized", f"{request.content_length} bytes", status=413)
        if request.content_type != content_type:
            raise Refused("wrong_content_type", request.content_type[:40], status=415)
        chunks, size = [], 0
        while chunk := await request.content.read(8192):
            size += len(chunk)
            if size > self.max_body:  # chunked or lying about its length
                raise Refused("oversized", f"over {self.max_body} bytes", status=413)
            chunks.append(chunk)
        return b"".join(chunks)

    def settle(self, verify: Callable[[], Notification]) -> posting.Outcome:
        """Verify and record, in a worker thread."""
        return posting.accept(self.db, verify(), unit_id=self.unit_id)

    async def handle(self, request: web.Request, channel: str, content_type: str,
                     verify: Callable[[bytes, dict[str, str]], Notification]) -> int:
        """The HTTP status of the outcome: 200 done, else the refusal's (counted) or 500."""
        remote = request.remote or ""
        loop = asyncio.get_running_loop()
        try:
            body = await self.body(request, channel, content_type)
            headers = _headers(request)
            outcome = await loop.run_in_executor(
                None, self.settle, partial(verify, body, headers))
            log.info("%s notification from %s: %s", channel, remote, outcome.outcome)
            return 200
        except Refused as refused:
            await loop.run_in_executor(None, posting.reject, self.db, channel, refused, remote)
            return refused.status
        except ConsoleError as exc:  # database down, day closed …: the channel sends again
            log.error("%s notification from %s not recorded: %s", channel, remote, exc.message)
            return 500
        except Exception:  # a bug must still answer as the channel expects, and be seen
            log.exception("%s notification from %s not recorded", channel, remote)
            return 500

    async def wechat(self, request: web.Request) -> web.Response:
        status = await self.handle(request, "wechat", "application/json", self._wechat)
        code, body = wechat_answer(status)
        return web.Response(status=code, body=body or None,
                            content_type="application/json" if body else None)

    def _wechat(self, body: bytes, headers: dict[str, str]) -> Notification:
        return verify_wechat(headers, body, self.keys, dt.datetime.now(dt.UTC))

    async def alipay(self, request: web.Request) -> web.Response:
        status = await self.handle(request, "alipay", "application/x-www-form-urlencoded",
                                   lambda body, _headers: verify_alipay(body, self.keys))
        # Alipay reads the word, not the status: `fail` makes it send again later.
        return web.Response(status=200 if status < 300 else status,
                            text="success" if status < 300 else "fail")


def _headers(request: web.Request) -> dict[str, str]:
    """The headers by lower-case name (a proxy or HTTP/2 may change their case); a name
    sent twice is refused: which of the two would have been signed?"""
    found: dict[str, str] = {}
    for name, value in request.headers.items():
        key = name.lower()
        if key in found:
            raise Refused("malformed", f"header {key[:40]} sent twice")
        found[key] = value
    return found


def build_app(gateway: Gateway) -> web.Application:
    # client_max_size bounds request.read()/post(); the handlers stream with their own bound.
    app = web.Application(client_max_size=gateway.max_body)
    app.router.add_post("/wechat/notify", gateway.wechat)
    app.router.add_post("/alipay/notify", gateway.alipay)
    return app


async def serve(gateway: Gateway, host: str, port: int,
                started: Callable[[int], None] | None = None,
                stop: asyncio.Event | None = None) -> None:
    """Serve until `stop` is set (or forever); `started` gets the bound port."""
    runner = web.AppRunner(build_app(gateway), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1]
    log.info("channel gateway listening on %s:%s", host, bound)
    if started:
        started(bound)
    pruning = asyncio.create_task(_prune(gateway))
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        pruning.cancel()
        await runner.cleanup()


async def _prune(gateway: Gateway) -> None:
    """Forget old nonces now and then; a failure is logged and tried again next time."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(PRUNE_EVERY)
        try:
            gone = await loop.run_in_executor(None, posting.prune_nonces, gateway.db,
                                              dt.datetime.now(dt.UTC))
            if gone:
                log.info("forgot %d old nonces", gone)
        except ConsoleError as exc:
            log.warning("old nonces not pruned: %s", exc.message)


@contextmanager
def serve_in_thread(gateway: Gateway, host: str = "127.0.0.1") -> Iterator[str]:
    """The gateway on a free port in a thread of its own (tests, the embedded demo); its URL."""
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    ready = threading.Event()
    port: list[int] = []

    def started(bound: int) -> None:
        port.append(bound)
        ready.set()

    def run() -> None:
        try:
            loop.run_until_complete(serve(gateway, host, 0, started, stop))
        finally:
            ready.set()

    thread = threading.Thread(target=run, name="channel-gateway", daemon=True)
    thread.start()
    ready.wait(10)
    if not port:
        raise ConsoleError("the channel gateway did not start")
    try:
        yield f"http://{host}:{port[0]}"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        loop.close()
