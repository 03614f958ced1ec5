"""The Content-Security-Policy exactly as deploy/nginx.conf sends it (and the Deployment page
gives it): the test server sends it with every answer, so every browser test runs under it."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def deployed_csp() -> str:
    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    policy = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', config).group(1)
    # frame-ancestors is a variable (the sites allowed to embed the pages); its default here.
    framing = re.search(r'^\s*set \$playbook_frame_ancestors "([^"]+)";', config, re.M).group(1)
    return policy.replace("$playbook_frame_ancestors", framing)
