"""MkDocs hook: the self-hosted Pyodide runtime and our wheels in the site.

* ``on_config``: read the pinned Pyodide version from the npm lock install, set the runtime
  URLs the pages advertise (``config.extra.runtime``: with ``extra.pyodide_cdn`` the
  runtime comes from that CDN, opted into; by default from this site), and the
  calculators' currency from ``extra.currency``.
* ``on_post_build``: copy only the runtime files Pyodide needs into
  ``site/runtime/pyodide/<version>/`` (unless a CDN was opted into), with ``.gz`` copies for
  servers that send a pre-compressed file; build the ``calculators`` wheel with flit_core and
  register it with pyodide-lock in ``site/runtime/app/pyodide-lock.json`` (beside PyPI's
  tzdata wheel, loaded on demand), so ``loadPyodide({packages: [...]})`` fetches it while the
  runtime boots and checks its sha256; and add the decision pack's workbook wheels, loaded
  only when a reader asks for the workbook.

Runtime files and the wheels live in versioned or content-addressed folders, so a host can
cache them for a year; only the lockfile and the pages need revalidation. The memory
snapshot of the booted runtime is ``snapshot.py``'s, run after this one.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

# MkDocs loads a hook by its path and puts only its folder on sys.path: the project folder
# (the engine, the other hook modules as the ``hooks`` package) is added here.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.runtime")

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
SNAPSHOT_MANIFEST = "runtime/app/snapshot.json"  # written by snapshot.py; its URL set here


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
EXTRA_WHEELS = ROOT / ".venv" / "wheels"
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
    log.info("Pyodide %s %s; calculators wheel registered in %s", runtime["pyodide_version"],
             "self-hosted" if runtime["self_hosted"] else f"from {runtime['index_url']}", LOCKFILE)
