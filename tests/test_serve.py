"""How ``streamlit run app.py`` serves the app: its static files gzip-compressed to a browser
that accepts gzip (xentviz/ui/serve.py), so a student's first visit stays light."""

from __future__ import annotations

import ast
import asyncio
import gzip
import shutil
import urllib.request
from pathlib import Path

import pytest
import streamlit as st

from tests import support
from tests.students import in_own_loop
from xentviz.ui import serve

#: Streamlit's own bundles; plotly's is the largest file a page loads (4.7 MB in 1.67).
BUNDLES = Path(st.__file__).parent / "static" / "static" / "js"
PLOTLY = next(BUNDLES.glob("PlotlyChart.*.js"))


def get(url: str, **headers) -> tuple[dict[str, str], bytes]:
    """A GET's headers (lower-case names) and raw body; urllib sends no Accept-Encoding of its
    own and decodes nothing."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as answer:  # a 304 is an answer, not a failure
        return {k.lower(): v for k, v in answer.headers.items()} | {":status": "304"}, b""


def test_streamlit_run_finds_the_app_and_a_session_runs_the_navigation():
    """``streamlit run app.py`` serves the ``st.App`` named ``app`` (found by Streamlit's own
    discovery, which reads the file without running it); a session's run, where the file is
    ``__main__``, builds none and draws the navigation (AppTest runs it so everywhere)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(support.ROOT / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"
    tree = ast.parse((support.ROOT / "app.py").read_text())
    (branch,) = [n for n in tree.body if isinstance(n, ast.If)]
    assert ast.unparse(branch.test) == "__name__ == '__main__'"
    assert "navigation" in ast.unparse(branch.body[-1]) and "App" in ast.unparse(branch.orelse)


@pytest.mark.server
def test_a_live_server_sends_a_big_bundle_gzipped_only_to_who_asks():
    """Against ``streamlit run app.py`` on loopback: plotly's bundle comes gzipped when the
    request accepts gzip, and is the file's very bytes once decompressed; as it is when gzip is
    not accepted; its caching holds (immutable, and a 304 to the compressed copy's ETag)."""
    original = PLOTLY.read_bytes()
    with support.server(support.ROOT / "app.py") as running:
        url = f"{running.url}/static/js/{PLOTLY.name}"
        zipped_headers, zipped = get(url, **{"Accept-Encoding": "gzip, deflate, br, zstd"})
        again_headers, again = get(url, **{"Accept-Encoding": "gzip"})
        plain_headers, plain = get(url)
        refused_headers, refused = get(url, **{"Accept-Encoding": "br, gzip;q=0"})
        etag = zipped_headers["etag"]
        not_modified, _ = get(url, **{"Accept-Encoding": "gzip", "If-None-Match": etag})
        page_headers, page = get(f"{running.url}/", **{"Accept-Encoding": "gzip"})

    assert zipped_headers["content-encoding"] == "gzip"
    assert int(zipped_headers["content-length"]) == len(zipped) < 0.4 * len(original)
    assert gzip.decompress(zipped) == original
    assert "accept-encoding" in zipped_headers["vary"].lower()
    assert "immutable" in zipped_headers["cache-control"]
    assert etag.startswith('W/"')  # not the same bytes as the file's strong ETag names
    assert again == zipped and again_headers["etag"] == etag  # the kept copy, the same
    for headers, body in ((plain_headers, plain), (refused_headers, refused)):
        assert "content-encoding" not in headers
        assert body == original and int(headers["content-length"]) == len(original)
        assert headers["etag"] == etag.removeprefix("W/")
    assert not_modified[":status"] == "304"
    assert page_headers["content-encoding"] == "gzip" and b"<html" in gzip.decompress(page)


@pytest.mark.server
@pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy is not installed")
def test_the_hall_behind_haproxy_sends_the_bundle_gzipped():
    """deploy/run.sh's HAProxy passes a replica's compressed bundle through as it is (it
    compresses nothing itself: the replicas do, each file once)."""
    with support.hall(replicas=1) as hall:
        headers, body = get(f"{hall.url}/static/js/{PLOTLY.name}", **{"Accept-Encoding": "gzip"})
        plain_headers, plain = get(f"{hall.url}/static/js/{PLOTLY.name}")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    assert "content-encoding" not in plain_headers and plain == PLOTLY.read_bytes()


@pytest.mark.browser
def test_a_first_visit_of_the_playground_transfers_at_most_3_5_mb(browser, app_url):
    """Issue 37 goal 8: a student's first visit (nothing cached) of the Playground, counted by
    Chromium's own network layer until the page has settled, is at most 3.5 MB; plotly's bundle,
    the largest, came gzipped, and so did every other response over 20 KB that is not a font
    (WOFF2 is compressed already)."""
    visit = support.first_visit(browser, app_url)
    total = sum(t.bytes for t in visit)
    plotly = [t for t in visit if PLOTLY.name in t.url]
    assert plotly and plotly[0].encoding == "gzip", plotly
    assert plotly[0].bytes < 0.4 * PLOTLY.stat().st_size
    big_plain = [
        t
        for t in visit
        if t.bytes > 20_000 and not t.encoding and not t.url.split("?")[0].endswith(".woff2")
    ]
    assert not big_plain, big_plain
    assert len(visit) > 20  # the bundles, the component's files: the whole page was counted
    assert total <= 3.5e6, f"{total / 1e6:.2f} MB: {sorted(visit, key=lambda t: -t.bytes)[:5]}"


# --- the middleware alone, on made-up responses ------------------------------------------------


def run(app, method="GET", accept="gzip", path="/static/js/x.js", extra=()):
    """One request through ``CompressedStatic(app)``: the messages it sent."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    headers = [(b"accept-encoding", accept.encode()), *extra]
    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    in_own_loop(serve.CompressedStatic(app)(scope, receive, send))
    return sent


def responder(body=b"x = 1;\n" * 2000, status=200, kind=b"application/javascript", **more):
    """An ASGI app answering ``body`` in two chunks, with a length unless ``length=False``."""
    headers = [(b"content-type", kind), (b"etag", b'"abc"')]
    if more.get("length", True):
        headers.append((b"content-length", str(len(body)).encode()))
    headers += more.get("headers", [])

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": headers})
        half = len(body) // 2
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:], "more_body": False})

    return app


def body_of(sent):
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def headers_of(sent):
    return {k.decode(): v.decode() for k, v in sent[0]["headers"]}


def test_the_middleware_compresses_a_complete_text_response():
    body = b"x = 1;\n" * 2000
    sent = run(responder(body))
    assert headers_of(sent)["content-encoding"] == "gzip"
    assert gzip.decompress(body_of(sent)) == body
    assert int(headers_of(sent)["content-length"]) == len(body_of(sent))


@pytest.mark.parametrize(
    "case",
    [
        pytest.param({"accept": ""}, id="accepts nothing"),
        pytest.param({"accept": "identity"}, id="accepts identity"),
        pytest.param({"method": "HEAD"}, id="HEAD"),
        pytest.param({"app": responder(status=206)}, id="206"),
        pytest.param({"app": responder(status=304, body=b"")}, id="304"),
        # a stream: its length is not known
        pytest.param({"app": responder(length=False)}, id="no length"),
        pytest.param({"app": responder(kind=b"text/event-stream")}, id="event stream"),
        pytest.param({"app": responder(kind=b"image/png")}, id="png"),
        pytest.param({"app": responder(body=b"tiny")}, id="tiny"),
        pytest.param({"app": responder(headers=[(b"content-encoding", b"br")])}, id="brotli"),
    ],
)
def test_the_middleware_leaves_alone_what_it_should(case):
    """Not asked for, a HEAD, a partial or empty answer, a stream, a type compressed already,
    a body too small to gain, or one already encoded: sent exactly as the app sent it."""
    case = dict(case)
    app = case.pop("app", None) or responder()
    as_sent = run(app, accept="")
    sent = run(app, **case)
    assert sent == as_sent
    assert headers_of(sent).get("content-encoding") != "gzip"


def test_simultaneous_first_loads_compress_a_file_once(monkeypatch):
    """A hall's first loads arrive together: one compression per file version, all served it."""
    calls = []
    real = gzip.compress
    monkeypatch.setattr(gzip, "compress", lambda *a, **k: calls.append(1) or real(*a, **k))
    body = b"let y = 2;\n" * 5000
    middleware = serve.CompressedStatic(responder(body))

    async def one():
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/static/js/y.js",
                 "headers": [(b"accept-encoding", b"gzip")]}  # fmt: skip
        await middleware(scope, receive, send)
        return body_of(sent)

    async def hall():  # twenty together, then a latecomer served the kept copy
        return [*await asyncio.gather(*(one() for _ in range(20))), await one()]

    bodies = in_own_loop(hall())
    assert len(set(bodies)) == 1 and gzip.decompress(bodies[0]) == body
    assert len(calls) == 1
