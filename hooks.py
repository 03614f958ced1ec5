"""MkDocs hooks: put the self-hosted Pyodide runtime and our calculators wheel in the site.

* ``on_config``: read the pinned Pyodide version from the npm lock install, set the
  runtime URLs the pages advertise (``config.extra.runtime``), and the calculators'
  currency from ``extra.currency``; add every calculator page that the "Calculators"
  section of the nav does not list yet (so a new calculator joins the nav without an edit
  to ``mkdocs.yml``; listing it there by hand still sets its place and title).
* ``on_post_build``: copy only the runtime files Pyodide needs into
  ``site/runtime/pyodide/<version>/`` (unless a CDN was opted into), build the
  ``calculators`` wheel with flit_core, and register it with pyodide-lock in
  ``site/runtime/app/pyodide-lock.json`` so ``loadPyodide({packages: [...]})`` fetches it
  while the runtime boots and checks its sha256; then, when self-hosted, make the memory
  snapshot the worker restores instead of booting (``scripts/make-snapshot.mjs``, under
  Node.js): ``runtime/pyodide/<version>/snapshot-<version>-<sha256>.bin`` with ``.gz`` and
  ``.br`` copies, named by ``runtime/app/snapshot.json``.

Runtime files and the wheel live in versioned or content-addressed folders, so a host can
cache them for a year; only the lockfile and the pages need revalidation.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# MkDocs does not put the project folder on sys.path; the engine is imported from it.
sys.path.insert(0, str(Path(__file__).resolve().parent))

log = logging.getLogger("mkdocs.hooks.playbook")

ROOT = Path(__file__).resolve().parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# What pyodide.mjs loads at start; nothing else from the npm package reaches the site.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Written beside them as .gz copies, for servers that send a file's pre-compressed copy
# (nginx gzip_static, deploy/nginx.conf) instead of compressing it on every request: the
# 9.6 MB .wasm took nginx 0.4 s of processor per request, and held back every other file
# that connection's worker was sending. (The zip is compressed already.)
PRECOMPRESSED_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
PACKAGE = "support-sourcing-playbook"
LOCKFILE = "runtime/app/pyodide-lock.json"
NAV_SECTION = "Calculators"  # the nav section calculator pages join
SNAPSHOT_MANIFEST = "runtime/app/snapshot.json"


class RuntimeMissing(Exception):
    """The npm package is not installed: the site cannot self-host Pyodide."""


def _pyodide_version() -> str:
    manifest = PYODIDE_NPM / "package.json"
    if not manifest.is_file():
        raise RuntimeMissing(f"{manifest} is missing: run `npm ci` (the Makefile does) to install the pinned Pyodide")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def calculators_with_pages(docs_dir: Path = ROOT / "docs") -> list[str]:
    """The one answer to "which calculators have a page": every calculator (``spec()["kind"]
    == "calculator"``; the tools live on other pages) whose ``docs/calculators/NAME.md``
    exists. The nav, the embed pages, the tests and the benchmark all read it."""
    import calculators

    names = [name for name in calculators.names() if calculators.spec(name)["kind"] == "calculator"]
    return [name for name in names if (docs_dir / "calculators" / f"{name}.md").is_file()]


def calculator_pages(docs_dir: Path) -> list[str]:
    """The page path (``calculators/NAME.md``) of every calculator that has one."""
    return [f"calculators/{name}.md" for name in calculators_with_pages(docs_dir)]


def _listed(entries) -> set[str]:
    """Every page path a nav list names, at any depth."""
    paths = set()
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            paths |= _listed(value)
        elif isinstance(value, str):
            paths.add(value)
    return paths


def with_calculator_pages(nav: list | None, pages: list[str]) -> list | None:
    """``nav`` with each of ``pages`` it does not list yet appended to its Calculators
    section, in order. A nav without that section is a mistake in mkdocs.yml, and fails
    loudly."""
    if nav is None:
        return None  # no nav: MkDocs lists every page itself
    section = next((entry[NAV_SECTION] for entry in nav if isinstance(entry, dict) and NAV_SECTION in entry), None)
    if not isinstance(section, list):
        raise ValueError(f"mkdocs.yml: the nav has no {NAV_SECTION!r} section for the calculator pages")
    listed = _listed(nav)
    section.extend(page for page in pages if page not in listed)
    return nav


def on_config(config, **_):
    import calculators

    config["nav"] = with_calculator_pages(config["nav"], calculator_pages(Path(config["docs_dir"])))

    extra = config["extra"]
    calculators.configure(currency=extra.get("currency", "USD"))
    version = _pyodide_version()
    cdn = (extra.get("pyodide_cdn") or "").strip()
    if cdn:
        index_url = cdn.rstrip("/") + "/"
        if "{version}" in index_url:
            index_url = index_url.format(version=version)
    else:
        index_url = f"runtime/pyodide/{version}/"
    extra["runtime"] = {
        "pyodide_version": version,
        "index_url": index_url,
        "self_hosted": not cdn,
        "lockfile_url": LOCKFILE,
        "package": PACKAGE,
        # The snapshot restores only into the runtime build it was made with, so it is made
        # for the self-hosted runtime; with a CDN the worker boots as before.
        # ``extra.runtime_snapshot: false`` leaves it out (docs/reference/deployment.md).
        "snapshot_url": SNAPSHOT_MANIFEST if not cdn and extra.get("runtime_snapshot", True) else "",
    }
    return config


def _copy_runtime(site_dir: Path, version: str) -> None:
    target = site_dir / "runtime" / "pyodide" / version
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        source = PYODIDE_NPM / name
        if not source.is_file():
            raise RuntimeMissing(f"{source} is missing from the pyodide npm package")
        dest = target / name
        if not dest.exists() or dest.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, dest)
        packed = dest.with_name(name + ".gz")
        if name in PRECOMPRESSED_RUNTIME_FILES and (not packed.exists() or packed.stat().st_mtime < dest.stat().st_mtime):
            # mtime=0: the same bytes on every build.
            packed.write_bytes(gzip.compress(dest.read_bytes(), compresslevel=9, mtime=0))


def _build_wheel(out_dir: Path) -> Path:
    from flit_core import buildapi

    # A fixed timestamp makes the wheel byte-for-byte reproducible, so an unchanged
    # engine keeps its content-addressed URL (and the reader's cache) across builds.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "315532800")
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        name = buildapi.build_wheel(str(out_dir))
    finally:
        os.chdir(cwd)
    return out_dir / name


# Pyodide has no time-zone database of its own; the week planner's zone conversion needs
# PyPI's tzdata wheel, downloaded by the Makefile and served from the site like ours. The
# worker loads it only when a reader names a zone. Without it, zones other than UTC are refused.
EXTRA_WHEELS = Path(__file__).resolve().parent / ".venv" / "wheels"
EXTRA_PACKAGES = ("tzdata",)


def _extra_wheels() -> list[Path]:
    found = [sorted(EXTRA_WHEELS.glob(f"{name}-*.whl"))[-1:] for name in EXTRA_PACKAGES]
    return [wheel for wheels in found for wheel in wheels]


def _write_lockfile(site_dir: Path, wheel: Path) -> None:
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    app_dir = site_dir / "runtime" / "app"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:16]
    wheel_dir = app_dir / digest
    wheel_dir.mkdir(parents=True, exist_ok=True)
    placed = wheel_dir / wheel.name
    shutil.copyfile(wheel, placed)

    spec = PyodideLockSpec.from_json(PYODIDE_NPM / "pyodide-lock.json")
    extras = []
    for extra in _extra_wheels():
        extra_dir = app_dir / hashlib.sha256(extra.read_bytes()).hexdigest()[:16]
        extra_dir.mkdir(parents=True, exist_ok=True)
        extras.append(extra_dir / extra.name)
        shutil.copyfile(extra, extras[-1])
    spec = add_wheels_to_spec(spec, [placed, *extras], base_path=app_dir)
    # Our wheel needs nothing but the standard library, so the site's lockfile lists it
    # alone (with tzdata, loaded on demand): a few hundred bytes to fetch instead of the full index.
    keep = {PACKAGE, *(name for name in EXTRA_PACKAGES if any(w.name.startswith(name + "-") for w in extras))}
    ours = {name: pkg for name, pkg in spec.packages.items() if name in keep}
    if not ours:
        raise RuntimeError(f"pyodide-lock did not register {PACKAGE} from {wheel.name}")
    spec.packages = ours
    spec.to_json(app_dir / "pyodide-lock.json")


class SnapshotFailed(Exception):
    """The runtime's memory snapshot could not be made: the build stops."""


def _make_snapshot(site_dir: Path, version: str) -> dict:
    node = shutil.which("node")
    if not node:
        raise SnapshotFailed("Node.js is needed to make the runtime snapshot (scripts/make-snapshot.mjs)")
    manifest = site_dir / SNAPSHOT_MANIFEST
    done = subprocess.run(
        [node, str(ROOT / "scripts" / "make-snapshot.mjs"), str(site_dir),
         str(site_dir / "runtime" / "pyodide" / version), str(manifest)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "315532800")})
    if done.returncode != 0:
        raise SnapshotFailed("scripts/make-snapshot.mjs failed:\n" + done.stderr[-4000:])
    return json.loads(manifest.read_text(encoding="utf-8"))
# The decision pack's workbook export: our second wheel (workbook/, needs openpyxl) and
# PyPI's openpyxl and et-xmlfile wheels, which the Makefile downloads with pinned hashes
# (workbook/requirements.txt) into .venv/wheels. The build itself never downloads. The
# worker loads these only when a reader asks for the workbook, never at start-up.
WORKBOOK_SOURCE = ROOT / "workbook"
WORKBOOK_PACKAGE = "playbook-workbook"
WORKBOOK_WHEELS = ROOT / ".venv" / "wheels"
WORKBOOK_DEPENDENCIES = ("openpyxl", "et_xmlfile")


def _add_workbook(site_dir: Path, out_dir: Path) -> None:
    from flit_core import buildapi
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    found = [sorted(WORKBOOK_WHEELS.glob(f"{name}-*-none-any.whl"))[-1:] for name in WORKBOOK_DEPENDENCIES]
    if not all(found):
        log.warning("The workbook export is left out: run `make build` (it downloads openpyxl and et-xmlfile "
                    "into %s from workbook/requirements.txt)", WORKBOOK_WHEELS)
        return
    cwd = os.getcwd()
    try:
        os.chdir(WORKBOOK_SOURCE)
        ours = out_dir / buildapi.build_wheel(str(out_dir))
    finally:
        os.chdir(cwd)
    app_dir = site_dir / "runtime" / "app"
    placed = []
    for wheel in [ours, *(wheels[0] for wheels in found)]:
        folder = app_dir / hashlib.sha256(wheel.read_bytes()).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        placed.append(folder / wheel.name)
        shutil.copyfile(wheel, placed[-1])
    lockfile = app_dir / "pyodide-lock.json"
    spec = add_wheels_to_spec(PyodideLockSpec.from_json(lockfile), placed, base_path=app_dir)
    if WORKBOOK_PACKAGE not in spec.packages:
        raise RuntimeError(f"pyodide-lock did not register {WORKBOOK_PACKAGE}")
    spec.to_json(lockfile)


def on_post_build(config, **_):
    site_dir = Path(config["site_dir"])
    runtime = config["extra"]["runtime"]
    if runtime["self_hosted"]:
        _copy_runtime(site_dir, runtime["pyodide_version"])
    with tempfile.TemporaryDirectory() as tmp:
        wheel = _build_wheel(Path(tmp))
        _write_lockfile(site_dir, wheel)
        _add_workbook(site_dir, Path(tmp))
    if runtime["snapshot_url"]:
        made = _make_snapshot(site_dir, runtime["pyodide_version"])
        log.info("Runtime snapshot %s: %d bytes (%s)", made["sha256"][:16], made["bytes"],
                 ", ".join(f"{k} {v}" for k, v in made["encodings"].items()))
    log.info("Pyodide %s %s; calculators wheel registered in %s", runtime["pyodide_version"],
             "self-hosted" if runtime["self_hosted"] else f"from {runtime['index_url']}", LOCKFILE)
    _offline_copy(config)  # last: the service worker precaches what is above


# ---------------------------------------------------------------------------
# Embed pages and the opt-in offline mode
# ---------------------------------------------------------------------------
# * ``on_files`` adds ``embed/NAME/`` for every calculator that has a page of its own
#   (``docs/calculators/NAME.md``; the worksheet's helpers have none): the calculator alone,
#   for an iframe in a wiki, through ``overrides/embed.html``. Generated from the registry,
#   so a calculator added later gets its embed page without a file of its own.
# * ``extra.embed_origins`` names the sites that may frame the pages; it is checked here,
#   and the deployment page shows the ``frame-ancestors`` it gives (the server sends it).
# * With ``extra.offline: true``, ``on_post_build`` runs Workbox (from the npm lock, under
#   Node) to write ``sw.js``, which precaches every page, the search index, the runtime
#   and our wheel, and ``offline.json``, the version that cache holds.

EMBED_TEMPLATE = "embed.html"
SERVICE_WORKER = "sw.js"
OFFLINE_MANIFEST = "offline.json"
OFFLINE_SCRIPT = "javascripts/offline.js"  # registers sw.js; on pages only when asked
WORKBOX_SCRIPT = ROOT / "scripts" / "service-worker.cjs"




def _embed_markdown(name: str) -> str:
    import calculators

    meta = {"title": calculators.spec(name)["title"], "template": EMBED_TEMPLATE,
            "search": {"exclude": True}, "embed": name}
    # JSON is YAML: the title needs no quoting rules of its own.
    return f"---\n{json.dumps(meta)}\n---\n\n{{{{ calculator({json.dumps(name)}) }}}}\n"


def _origins(extra) -> list[str]:
    from urllib.parse import urlsplit

    origins = extra.get("embed_origins") or []
    if isinstance(origins, str) or not all(isinstance(origin, str) for origin in origins):
        raise ValueError("extra.embed_origins must be a list of origins, e.g. [https://wiki.example.org]")
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
                or parts.query or parts.fragment or ";" in origin or " " in origin:
            raise ValueError(f"extra.embed_origins: {origin!r} is not an origin (scheme://host[:port], no path)")
    return [origin.rstrip("/") for origin in origins]


def frame_ancestors(extra) -> str:
    """The CSP ``frame-ancestors`` value for ``extra.embed_origins``: this site, plus those."""
    return " ".join(["'self'", *_origins(extra)])


def on_files(files, config, **_):
    from mkdocs.structure.files import File, InclusionLevel

    config["extra"]["frame_ancestors"] = frame_ancestors(config["extra"])
    if config["extra"].get("offline") and OFFLINE_SCRIPT not in map(str, config["extra_javascript"]):
        from mkdocs.config.config_options import ExtraScriptValue

        script = ExtraScriptValue(OFFLINE_SCRIPT)
        script.type = "module"  # it imports the page kit
        config["extra_javascript"].append(script)
    for name in calculators_with_pages(Path(config["docs_dir"])):  # each gets an embed page
        files.append(File.generated(config, f"embed/{name}.md", content=_embed_markdown(name),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def _offline_manifest(site_dir: Path) -> dict:
    """The build an offline copy holds, named by a hash of every file in the site, so a
    page served from the cache can say which build it is."""
    from datetime import datetime, timezone

    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.name not in (SERVICE_WORKER, OFFLINE_MANIFEST):
            digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return {"version": digest.hexdigest()[:12], "built": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def write_service_worker(site_dir: Path) -> dict:
    """Write ``offline.json`` and, with Workbox's generateSW, ``sw.js`` into a built site."""
    import subprocess

    manifest = _offline_manifest(site_dir)
    (site_dir / OFFLINE_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    node = shutil.which("node")
    if not node:
        raise RuntimeMissing("extra.offline needs Node.js to run Workbox (workbox-build from the npm lock)")
    done = subprocess.run([node, str(WORKBOX_SCRIPT), str(site_dir), SERVICE_WORKER],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Workbox could not write the service worker:\n{done.stdout}{done.stderr}")
    log.info("Offline copy %s: %s", manifest["version"], done.stdout.strip())
    return manifest


def _offline_copy(config) -> None:
    if config["extra"].get("offline"):
        write_service_worker(Path(config["site_dir"]))
