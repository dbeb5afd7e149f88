"""How ``streamlit run app.py`` serves the app: Streamlit's own server, with its static files
sent gzip-compressed to a browser that accepts gzip.

Streamlit 1.67 compresses its API responses but deliberately sends its own static files (the
``/static/...`` bundles and the root document) uncompressed (see its
``starlette_gzip_middleware.py``): a first visit of the Playground is about 9.9 MB, plotly's
chunk alone 4.7 MB (1.4 MB gzipped), long over a lecture hall's shared Wi-Fi. Streamlit's reason
is the CPU of compressing every request again; here each version of a file (its path and ETag)
is compressed once, in a worker thread, and kept, so a hall's hundredth first load costs a
dictionary look-up. ``app.py`` builds an ``st.App`` with :class:`CompressedStatic` as user
middleware, which wraps Streamlit's own: it sees the static responses Streamlit left
uncompressed, and leaves alone everything else (already compressed, streamed without a length,
partial, not text, too small, or not asked for).

Set ``XENTVIZ_COMPRESS=0`` to serve as Streamlit does (a proxy or CDN in front that compresses,
or to measure the difference: ``benchmarks/bench_transfer.py``).
"""

from __future__ import annotations

import asyncio
import gzip
import os

#: Bodies smaller than this go as they are (Streamlit's own threshold for its responses).
MINIMUM_SIZE = 1000
#: Compressed once per file version and kept, so the slowest, smallest level costs nothing later.
LEVEL = 9
#: At most this many compressed bytes are kept (Streamlit 1.67's whole static folder gzips to
#: well under it); past it, the rest is compressed per request and not kept.
CACHE_BYTES = 64 * 1024 * 1024
#: The text types worth compressing; images, fonts and archives are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)


def enabled() -> bool:
    """Whether to compress (``XENTVIZ_COMPRESS`` unset, or anything but 0/false/no/off)."""
    value = os.environ.get("XENTVIZ_COMPRESS", "1").strip().lower()
    return value not in {"0", "false", "no", "off"}


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (``gzip`` or ``*``, not at q=0).

    >>> accepts_gzip("gzip, deflate, br, zstd"), accepts_gzip("br;q=1, gzip;q=0")
    (True, False)
    >>> accepts_gzip(""), accepts_gzip("identity"), accepts_gzip("*;q=0.5")
    (False, False, True)
    """
    weights = {}
    for part in accept_encoding.lower().split(","):
        coding, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if coding:
            weights[coding] = q
    return weights.get("gzip", weights.get("*", 0.0)) > 0


class CompressedStatic:
    """ASGI middleware: gzip a GET's complete, uncompressed text response of known length when
    the request accepts gzip; responses with an ETag are compressed once and kept.

    The compressed response keeps the original's headers (its caching, its ETag made weak, as
    it is no longer the same bytes; Starlette's static files still answer 304 to it), with
    ``Content-Encoding: gzip``, the new ``Content-Length`` and ``Vary: Accept-Encoding``. A 304,
    a 206, a HEAD, a websocket, a stream without a length, or a response already encoded pass
    through untouched. A response whose file version is kept (or being compressed) is not held
    in memory on its way: the kept copy is sent once the app has finished answering."""

    def __init__(self, app, *, minimum_size: int = MINIMUM_SIZE, cache_bytes: int = CACHE_BYTES):
        self.app = app
        self.minimum_size = minimum_size
        self.cache_bytes = cache_bytes
        # Compressed bodies by (path, ETag), each the task compressing it: a hall's simultaneous
        # first loads compress a file once, and a tab closed meanwhile does not stop it.
        self._cache: dict[tuple[str, str], asyncio.Future[bytes]] = {}
        self._cached_bytes = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not self._asked(scope):
            await self.app(scope, receive, send)
            return
        start = None
        kept = None  # this file version's compression, kept or under way: nothing to hold
        chunks: list[bytes] = []
        passing = False

        async def intercept(message):
            nonlocal start, kept, passing
            if passing:
                await send(message)
            elif message["type"] == "http.response.start":
                if self._compressible(message):
                    start = message
                    kept = self._cache.get(self._key(scope, message))
                else:
                    passing = True
                    await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                if kept is None:
                    chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_compressed(scope, start, kept, b"".join(chunks), send)
            else:  # e.g. http.response.pathsend/trailers: nothing is held back by then
                await send(message)

        await self.app(scope, receive, intercept)

    @staticmethod
    def _asked(scope) -> bool:
        return any(
            name == b"accept-encoding" and accepts_gzip(value.decode("latin-1"))
            for name, value in scope.get("headers", ())
        )

    def _compressible(self, start) -> bool:
        if start["status"] != 200:
            return False
        headers = {k.lower(): v for k, v in start.get("headers", ())}
        kind = headers.get(b"content-type", b"").decode("latin-1").lower()
        length = headers.get(b"content-length")
        return (
            b"content-encoding" not in headers
            and length is not None
            and length.isdigit()
            and int(length) >= self.minimum_size
            and kind.startswith(COMPRESSIBLE)
            and not kind.startswith("text/event-stream")
        )

    @staticmethod
    def _key(scope, start) -> tuple[str, str] | None:
        """A file version's key, its path and ETag; None without an ETag."""
        etag = next((v for k, v in start.get("headers", ()) if k.lower() == b"etag"), None)
        return None if etag is None else (scope["path"], etag.decode("latin-1"))

    async def _send_compressed(self, scope, start, kept, body: bytes, send):
        if kept is not None:
            compressed = await asyncio.shield(kept)
        else:
            compressed = await self._compress(self._key(scope, start), body)
        headers = [(k, v) for k, v in start.get("headers", ())]
        etag = next((v for k, v in headers if k.lower() == b"etag"), None)
        vary = [v for k, v in headers if k.lower() == b"vary"]
        drop = {b"content-length", b"etag", b"vary"}
        headers = [(k, v) for k, v in headers if k.lower() not in drop]
        headers += [
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(compressed)).encode()),
            (b"vary", b", ".join([*vary, b"Accept-Encoding"])),
        ]
        if etag is not None:
            headers.append((b"etag", etag if etag.startswith(b"W/") else b"W/" + etag))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": compressed, "more_body": False})

    async def _compress(self, key: tuple[str, str] | None, body: bytes) -> bytes:
        if key is None:
            return await asyncio.to_thread(gzip.compress, body, LEVEL, mtime=0)
        task = self._cache.get(key)
        if task is None:
            task = asyncio.ensure_future(asyncio.to_thread(gzip.compress, body, LEVEL, mtime=0))
            self._cache[key] = task
            task.add_done_callback(lambda done: self._settle(key, done))
        return await asyncio.shield(task)

    def _settle(self, key: tuple[str, str], task: asyncio.Future[bytes]) -> None:
        """Keep a finished compression, unless it failed or the cache is full."""
        failed = task.cancelled() or task.exception() is not None
        if failed or self._cached_bytes + len(task.result()) > self.cache_bytes:
            del self._cache[key]
        else:
            self._cached_bytes += len(task.result())


class BrowserIds:
    """ASGI middleware: the page's document (a GET answered with HTML) sets the browser's id
    cookie (:mod:`.budget`) when the request has no valid one and the address may have a new
    id; the browser sends it back with every websocket it opens. HttpOnly: the page's scripts
    never need it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        from . import budget

        if budget.verify(_cookie(scope, budget.COOKIE)) is not None:
            await self.app(scope, receive, send)
            return

        async def intercept(message):
            if message["type"] == "http.response.start" and _html(message):
                client = scope.get("client")
                if budget.MINT.allow(client[0] if client else ""):
                    value = budget.sign(budget.new_id())
                    cookie = f"{budget.COOKIE}={value}; Path=/; Max-Age=31536000; HttpOnly; "
                    cookie += "SameSite=Lax"
                    headers = [*message.get("headers", ()), (b"set-cookie", cookie.encode())]
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, intercept)


def _cookie(scope, name: str) -> str | None:
    """The value of the request's cookie ``name``, if it has one."""
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None


def _html(start) -> bool:
    headers = {k.lower(): v for k, v in start.get("headers", ())}
    return start["status"] == 200 and headers.get(b"content-type", b"").startswith(b"text/html")


def middleware() -> list:
    """The user middleware ``app.py`` gives ``st.App``: :class:`BrowserIds` (unless the
    budget is off), and :class:`CompressedStatic`, unless ``XENTVIZ_COMPRESS=0``."""
    from starlette.middleware import Middleware

    from . import budget

    found = [Middleware(BrowserIds)] if budget.LEDGER is not None else []
    return found + ([Middleware(CompressedStatic)] if enabled() else [])
