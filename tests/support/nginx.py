"""nginx serving a built site with deploy/nginx.conf, on a loopback port from a temporary
prefix: used by tests/test_nginx.py and by the benchmark's Lighthouse runs (a deployment
serves compressed pages, and Lighthouse's mobile profile weighs every byte)."""
from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class Nginx:
    """``with Nginx(site_dir, prefix_dir) as server: server.url`` -> 'http://127.0.0.1:PORT/'."""

    def __init__(self, site: Path, prefix: Path, port: int):
        self.site, self.prefix, self.port = site, prefix, port
        self.url = f"http://127.0.0.1:{port}/"
        self._process: subprocess.Popen | None = None

    def _write_config(self) -> Path:
        site_conf = CONFIG.read_text(encoding="utf-8")
        site_conf, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{self.port};", site_conf, flags=re.M)
        site_conf, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {self.site};", site_conf, flags=re.M)
        if listens != 1 or roots != 1:
            raise ValueError("deploy/nginx.conf should hold one listen and one root line")
        self.prefix.mkdir(parents=True, exist_ok=True)
        (self.prefix / "playbook.conf").write_text(site_conf)
        temp = " ".join(f"{name}_temp_path {self.prefix / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        main = self.prefix / "nginx.conf"
        main.write_text(
            ("user root;\n" if os.geteuid() == 0 else "")  # workers must read a root-only temp folder
            + f"worker_processes 1;\npid {self.prefix / 'nginx.pid'};\nerror_log {self.prefix / 'error.log'} warn;\n"
            + "events { worker_connections 64; }\n"
            + f"http {{\n    access_log off;\n    {temp}\n    include {self.prefix / 'playbook.conf'};\n}}\n")
        return main

    def _command(self, main: Path, *extra: str) -> list[str]:
        return [NGINX, "-p", str(self.prefix), "-c", str(main), "-e", str(self.prefix / "error.log"), *extra]

    def __enter__(self) -> "Nginx":
        if not Path(NGINX).exists():
            raise FileNotFoundError("nginx is not installed: `apt-get install nginx` (make test does it)")
        main = self._write_config()
        check = subprocess.run(self._command(main, "-t"), capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t refused deploy/nginx.conf:\n{check.stderr}")
        self._process = subprocess.Popen(self._command(main, "-g", "daemon off;"), stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            try:
                probe.request("HEAD", "/")
                probe.getresponse().read()
                return self
            except OSError:
                if time.monotonic() > deadline or self._process.poll() is not None:
                    self.__exit__()
                    raise RuntimeError(f"nginx did not start:\n{(self.prefix / 'error.log').read_text()}")
                time.sleep(0.05)
            finally:
                probe.close()

    def __exit__(self, *exc) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)
