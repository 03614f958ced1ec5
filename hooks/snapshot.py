"""MkDocs hook: the memory snapshot of the booted engine, which the browser's worker
restores instead of starting Python and installing our wheel (docs/javascripts/engine/snapshot.js).

``on_post_build`` (after ``runtime.py`` has put the runtime and the lockfile in the site):
when the runtime is self-hosted and ``extra.runtime_snapshot`` is not false, boot the pinned
runtime under Node.js with our wheel, import and run every calculator once, and save its
memory (``scripts/make-snapshot.mjs``):
``runtime/pyodide/<version>/snapshot-<version>-<sha256>.bin`` with ``.gz`` and ``.br``
copies, named by ``runtime/app/snapshot.json``. With a CDN there is none: a snapshot
restores only into the runtime build it was made with.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

# MkDocs loads a hook by its path and puts only its folder on sys.path: the project folder
# (the engine, the other hook modules as the ``hooks`` package) is added here.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.runtime import SNAPSHOT_MANIFEST  # noqa: E402 (after the path above)

log = logging.getLogger("mkdocs.hooks.snapshot")


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
    runtime = config["extra"]["runtime"]
    if runtime["snapshot_url"]:
        made = _make_snapshot(Path(config["site_dir"]), runtime["pyodide_version"])
        log.info("Runtime snapshot %s: %d bytes (%s)", made["sha256"][:16], made["bytes"],
                 ", ".join(f"{k} {v}" for k, v in made["encodings"].items()))
