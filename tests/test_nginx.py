"""deploy/nginx.conf, exercised: nginx (Debian's, installed by `make test`) serves the
built site with that file on a loopback port from a temporary prefix, and sends the MIME
types, cache headers, Content-Security-Policy and compression the deployment page promises;
a calculator computes through it in Chromium."""
from __future__ import annotations

import gzip
import http.client
from pathlib import Path

import pytest

from tests.support.nginx import Nginx
from tests.support.server import free_port

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    with Nginx(built_site, tmp_path_factory.mktemp("nginx"), free_port()) as server:
        yield server.url


def get(base: str, path: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    host, port = base.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, headers, body


def runtime_paths(site: Path) -> dict[str, str]:
    version_dir = next((site / "runtime" / "pyodide").iterdir())
    wheel = next((site / "runtime" / "app").glob("*/*.whl"))
    base = f"/runtime/pyodide/{version_dir.name}/"
    return {
        "wasm": base + "pyodide.asm.wasm",
        "mjs": base + "pyodide.mjs",
        "zip": base + "python_stdlib.zip",
        "wheel": "/" + wheel.relative_to(site).as_posix(),
        "lock": "/runtime/app/pyodide-lock.json",
    }


def test_mime_types(nginx, built_site):
    paths = runtime_paths(built_site)
    expected = {
        paths["wasm"]: "application/wasm",
        paths["mjs"]: "text/javascript",
        "/javascripts/calculators.js": "text/javascript",
        paths["lock"]: "application/json",
        "/calculators/staffing/": "text/html",
        "/assets/stylesheets/" + next(p.name for p in (built_site / "assets" / "stylesheets").glob("main.*.min.css")): "text/css",
    }
    for path, mime in expected.items():
        status, headers, _ = get(nginx, path)
        assert status == 200, path
        assert headers["content-type"].split(";")[0] == mime, (path, headers["content-type"])


def test_cache_headers(nginx, built_site):
    paths = runtime_paths(built_site)
    for path in (paths["wasm"], paths["mjs"], paths["zip"], paths["wheel"]):
        assert get(nginx, path)[1]["cache-control"] == YEAR, path
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert get(nginx, f"/assets/javascripts/{bundle}")[1]["cache-control"] == YEAR
    # Pages, the lockfile that names the current wheel, and our unhashed scripts revalidate.
    for path in ("/", "/calculators/staffing/", paths["lock"], "/javascripts/calculators.js", "/sitemap.xml"):
        assert get(nginx, path)[1]["cache-control"] == "no-cache", path
    # A revalidation of an unchanged page costs a 304, not the page.
    _, headers, _ = get(nginx, "/calculators/staffing/")
    host, port = nginx.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", "/calculators/staffing/", headers={"If-None-Match": headers["etag"]})
    assert connection.getresponse().status == 304
    connection.close()


def test_security_headers_on_every_answer(nginx, built_site):
    from tests.support.csp import deployed_csp

    for path in ("/", "/calculators/cost/", runtime_paths(built_site)["wasm"], "/no/such/page/"):
        status, headers, body = get(nginx, path)
        assert headers["content-security-policy"] == deployed_csp(), path
        assert headers["x-content-type-options"] == "nosniff"
    # A missing page gets the site's own 404 page.
    assert status == 404 and b"md-content" in body


def test_compression(nginx, built_site):
    paths = runtime_paths(built_site)
    for path in ("/calculators/staffing/", "/javascripts/calculators.js", paths["wasm"], "/search/search_index.json"):
        status, headers, body = get(nginx, path, gzip_ok=True)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        plain = gzip.decompress(body)
        file = built_site / path.lstrip("/")
        assert plain == (file / "index.html" if file.is_dir() else file).read_bytes(), path
        assert len(body) < len(plain), path
    # Already-compressed archives go as they are.
    for path in (paths["zip"], paths["wheel"]):
        assert "content-encoding" not in get(nginx, path, gzip_ok=True)[1], path
    # JSON is compressed once it is over gzip_min_length (1,024 bytes): the lockfile, which
    # lists the tzdata and workbook wheels beside ours, now is.
    lock = (built_site / paths["lock"].lstrip("/")).read_bytes()
    encoded = get(nginx, paths["lock"], gzip_ok=True)[1].get("content-encoding")
    assert encoded == ("gzip" if len(lock) >= 1024 else None), (len(lock), encoded)


@pytest.mark.browser
def test_calculator_computes_through_nginx(nginx, page):
    from tests.e2e.helpers import wait_ready

    page.goto(nginx + "calculators/staffing/")
    assert page.locator("[data-output='agents']").get_attribute("data-value") == "14"
    wait_ready(page, "staffing")
    page.fill("form[data-calculator='staffing'] [name='contacts']", "200")
    # 200 contacts of 180 s in 30 min = 20 Erlangs; the staffing tests' published case: 24 agents.
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"staffing\"] [data-output=\"agents\"]').dataset.value === '24'")


def test_runtime_sent_as_its_precompressed_copies(nginx, built_site):
    """The runtime's .wasm and scripts go as the .gz copies the build wrote beside them, never
    compressed on the fly (9.6 MB of .wasm took nginx 0.4 s per request); with the right
    type, and as they are to a client that does not accept gzip."""
    version_dir = next((built_site / "runtime" / "pyodide").iterdir())
    for name, content_type in (("pyodide.asm.wasm", "application/wasm"), ("pyodide.asm.mjs", "text/javascript"),
                               ("pyodide.mjs", "text/javascript")):
        path = f"/runtime/pyodide/{version_dir.name}/{name}"
        status, headers, body = get(nginx, path, gzip_ok=True)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert body == (version_dir / (name + ".gz")).read_bytes(), path
        assert gzip.decompress(body) == (version_dir / name).read_bytes(), path
        assert headers["content-type"].split(";")[0] == content_type and headers["cache-control"] == YEAR, path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        status, headers, body = get(nginx, path)
        assert status == 200 and "content-encoding" not in headers and body == (version_dir / name).read_bytes(), path


def test_runtime_snapshot_sent_precompressed(nginx, built_site):
    """The snapshot goes as its pre-compressed .gz copy to a browser that accepts gzip (never
    compressed again on the fly), as it is to one that does not; cached a year either way."""
    import json

    manifest = json.loads((built_site / "runtime" / "app" / "snapshot.json").read_text())
    snapshot = (built_site / "runtime" / "app" / manifest["file"]).resolve()
    path = "/" + snapshot.relative_to(built_site).as_posix()
    status, headers, body = get(nginx, path, gzip_ok=True)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (snapshot.parent / (snapshot.name + ".gz")).read_bytes()
    assert gzip.decompress(body) == snapshot.read_bytes()
    assert "Accept-Encoding" in headers.get("vary", "")
    assert headers["cache-control"] == YEAR
    assert headers["content-type"] == "application/octet-stream"
    status, headers, body = get(nginx, path)
    assert status == 200 and "content-encoding" not in headers and body == snapshot.read_bytes()
    # The worker asks for the .gz copy itself and unpacks it: sent as it is, never re-encoded.
    status, headers, body = get(nginx, path + ".gz", gzip_ok=True)
    assert status == 200 and "content-encoding" not in headers
    assert body == (snapshot.parent / (snapshot.name + ".gz")).read_bytes() and headers["cache-control"] == YEAR
    # The manifest names the current snapshot: revalidated, like the lockfile.
    status, headers, _ = get(nginx, "/runtime/app/snapshot.json")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert headers["content-type"].split(";")[0] == "application/json"
