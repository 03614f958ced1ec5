"""MkDocs hooks: put the self-hosted Pyodide runtime and our calculators wheel in the site.

* ``on_config``: read the pinned Pyodide version from the npm lock install, set the
  runtime URLs the pages advertise (``config.extra.runtime``), and the calculators'
  currency from ``extra.currency``.
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
PACKAGE = "support-sourcing-playbook"
LOCKFILE = "runtime/app/pyodide-lock.json"
SNAPSHOT_MANIFEST = "runtime/app/snapshot.json"


class RuntimeMissing(Exception):
    """The npm package is not installed: the site cannot self-host Pyodide."""


def _pyodide_version() -> str:
    manifest = PYODIDE_NPM / "package.json"
    if not manifest.is_file():
        raise RuntimeMissing(f"{manifest} is missing: run `npm ci` (the Makefile does) to install the pinned Pyodide")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def on_config(config, **_):
    import calculators

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
    spec = add_wheels_to_spec(spec, [placed], base_path=app_dir)
    # Our wheel needs nothing but the standard library, so the site's lockfile lists it
    # alone: a few hundred bytes for the browser to fetch instead of the full index.
    ours = {name: pkg for name, pkg in spec.packages.items() if name == PACKAGE}
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


def on_post_build(config, **_):
    site_dir = Path(config["site_dir"])
    runtime = config["extra"]["runtime"]
    if runtime["self_hosted"]:
        _copy_runtime(site_dir, runtime["pyodide_version"])
    with tempfile.TemporaryDirectory() as tmp:
        wheel = _build_wheel(Path(tmp))
        _write_lockfile(site_dir, wheel)
    if runtime["snapshot_url"]:
        made = _make_snapshot(site_dir, runtime["pyodide_version"])
        log.info("Runtime snapshot %s: %d bytes (%s)", made["sha256"][:16], made["bytes"],
                 ", ".join(f"{k} {v}" for k, v in made["encodings"].items()))
    log.info("Pyodide %s %s; calculators wheel registered in %s", runtime["pyodide_version"],
             "self-hosted" if runtime["self_hosted"] else f"from {runtime['index_url']}", LOCKFILE)
