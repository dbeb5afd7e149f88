"""Serving a lecture hall: what a link too long for Streamlit gets, and the deployment files
(HAProxy, deploy/run.sh, the Kubernetes manifests) say what the README promises."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests import support
from tests.students import Student, in_own_loop
from xentviz.state import PlaygroundState

DEPLOY = support.ROOT / "deploy"


@pytest.mark.parametrize("shape", ["many", "long"])
def test_a_link_streamlit_drops_shows_a_warning_and_the_defaults(shape):
    """Over 1,000 parameters or 512 KB, Streamlit gives the page no parameters at all: the page
    says so (once) and shows its defaults, instead of silently the defaults."""
    at = AppTest.from_file(str(support.ROOT / "app.py"), default_timeout=30)
    at.query_params["logits"] = "1,2,3,4"
    if shape == "many":
        for i in range(1000):
            at.query_params[f"p{i}"] = "1"
    else:
        at.query_params["classes"] = "a" * (512 * 1024)
    at.run()
    assert not at.exception
    assert len(at.warning) == 1 and "too long to read" in at.warning[0].value
    assert at.slider(key="playground.logits.0").value == PlaygroundState().logits[0]


def test_a_link_within_the_limits_gets_no_such_warning():
    at = AppTest.from_file(str(support.ROOT / "app.py"), default_timeout=30)
    at.query_params["logits"] = "1,2,3,4"
    at.run()
    assert not at.warning and at.slider(key="playground.logits.0").value == 1.0


def test_haproxy_sticks_by_cookie_redispatches_and_checks_streamlits_health():
    cfg = (DEPLOY / "haproxy.cfg").read_text()
    lines = {
        " ".join(line.split()) for line in cfg.splitlines() if not line.strip().startswith("#")
    }
    assert any(line.startswith("cookie XV_REPLICA insert") for line in lines)  # not by address
    assert "balance source" not in cfg
    assert {"option redispatch", "option httpchk GET /_stcore/health"} <= lines
    assert "timeout tunnel 1h" in lines  # websockets outlive an HTTP request's timeout
    if shutil.which("haproxy") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but haproxy is missing: apt-get install -y haproxy")
        pytest.skip("haproxy not installed")
    checked = subprocess.run(
        ["haproxy", "-c", "-f", str(DEPLOY / "haproxy.cfg")],
        env=os.environ | {"XV_BIND": "127.0.0.1", "XV_PORT": "8501", "XV_STATS_PORT": "8502"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_run_sh_is_valid_bash_and_refuses_a_bad_replica_count():
    assert subprocess.run(["bash", "-n", str(DEPLOY / "run.sh")], check=False).returncode == 0
    bad = subprocess.run(
        ["bash", str(DEPLOY / "run.sh")], env=os.environ | {"REPLICAS": "two"},
        capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    assert bad.returncode != 0 and "REPLICAS" in bad.stderr + bad.stdout


def test_the_kubernetes_manifests_share_the_secret_and_stick_by_cookie():
    docs = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            docs[doc["kind"]] = doc
    assert {"Deployment", "Service", "Ingress", "Secret", "Kustomization"} <= set(docs)
    notes = docs["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    (container,) = docs["Deployment"]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container["env"]}
    ref = env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]
    assert ref["name"] == docs["Secret"]["metadata"]["name"]
    assert ref["key"] in docs["Secret"]["stringData"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    service = docs["Service"]["metadata"]["name"]
    (rule,) = docs["Ingress"]["spec"]["rules"]
    assert rule["http"]["paths"][0]["backend"]["service"]["name"] == service
    assert set(docs["Kustomization"]["resources"]) == {
        p.name for p in (DEPLOY / "k8s").glob("*.yaml") if p.name != "kustomization.yaml"
    }


@pytest.mark.server
def test_a_tile_asked_over_the_websocket_is_shared_by_the_hall():
    """The browser's request for a tile is answered with the tile asked for; a second student
    on the same link gets the very same tile (from the shared cache)."""

    async def hall(url):
        tiles = []
        for _ in range(2):
            async with Student.connect(url, "logits=3.2,1.3,0.2,0.8") as student:
                await student.open()
                run = await student.want(1, 1)
                assert not run.errors
                assert run.tile is not None and run.tile["tile"] == 1
                tiles.append(run.tile["grid"])
        assert tiles[0] == tiles[1]

    with support.server(support.ROOT / "app.py") as server:
        in_own_loop(hall(server.url))


@pytest.mark.server
def test_the_websocket_is_compressed():
    """The config has Streamlit compress its websocket (permessage-deflate, which browsers
    offer): a run's messages come over the socket in well under half their size."""

    async def student(url):
        async with Student.connect(url) as s:
            run = await s.open()
            moved = await s.move("cat", 2.5)
            offered = s._socket.response.headers.get("Sec-WebSocket-Extensions", "")
            return offered, run, moved

    with support.server(support.ROOT / "app.py") as server:
        offered, run, moved = in_own_loop(student(server.url))
    assert "permessage-deflate" in offered
    assert 0 < run.wire < run.received / 2 and 0 < moved.wire < moved.received / 2
