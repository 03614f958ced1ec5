"""MkDocs hook: the opt-in offline copy (``extra.offline: true``).

* ``on_files``: the pages load ``javascripts/offline.js``, which registers the service worker.
* ``on_post_build`` (last of the hooks: the service worker precaches what the others wrote):
  run Workbox (workbox-build from the npm lock, under Node.js) to write ``sw.js``, which
  precaches every page, the search index, the runtime and our wheel, and ``offline.json``,
  the version that cache holds. Off by default: no service worker unless asked.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
from pathlib import Path

# MkDocs loads a hook by its path and puts only its folder on sys.path: the project folder
# (the engine, the other hook modules as the ``hooks`` package) is added here.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.runtime import RuntimeMissing  # noqa: E402 (after the path above)

log = logging.getLogger("mkdocs.hooks.offline")

SERVICE_WORKER = "sw.js"
OFFLINE_MANIFEST = "offline.json"
OFFLINE_SCRIPT = "javascripts/offline.js"  # registers sw.js; on pages only when asked
WORKBOX_SCRIPT = ROOT / "scripts" / "service-worker.cjs"


def on_files(files, config, **_):
    if config["extra"].get("offline") and OFFLINE_SCRIPT not in map(str, config["extra_javascript"]):
        from mkdocs.config.config_options import ExtraScriptValue

        script = ExtraScriptValue(OFFLINE_SCRIPT)
        script.type = "module"  # it imports the page kit
        config["extra_javascript"].append(script)
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


def on_post_build(config, **_):
    if config["extra"].get("offline"):
        write_service_worker(Path(config["site_dir"]))
