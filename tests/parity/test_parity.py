"""CPython, Pyodide (under Node.js, from the built site's wheel) and Python 3.11 agree.

Every result must be identical: the same ok/errors, the same html, markdown and csv text,
and the same outputs (floats equal to 1e-12 relative, in case two libm builds differ in
the last bit).
"""
from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from tests.parity.corpus import corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _same(a, b, where="result"):
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), f"{where}: {a!r} != {b!r}"
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), f"{where}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), f"{where}: keys {sorted(a)} != {sorted(b)}"
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{where}: {a!r} != {b!r}"
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    items = corpus()
    path = tmp_path_factory.mktemp("parity") / "corpus.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    expected = [json.loads(calculators.run_json(name, json.dumps(inputs))) for name, inputs in items]
    return items, path, expected


@pytest.mark.node
def test_pyodide_under_node_matches_cpython(built_site, cases):
    items, path, expected = cases
    node = shutil.which("node")
    assert node, "Node.js is needed for the parity test"
    done = subprocess.run([node, str(HERE / "run_pyodide.mjs"), str(built_site), str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["python"].startswith("3.14"), answer["python"]
    assert len(answer["results"]) == len(items)
    for (name, inputs), got, want in zip(items, answer["results"], expected):
        _same(got, want, f"{name} {inputs!r}")
    # The same corpus through the runtime restored from the site's snapshot: same results.
    restored = answer["snapshot"]
    assert restored["python"] == answer["python"]
    assert restored["wheel_on_disk"] is False
    assert len(restored["results"]) == len(items)
    for (name, inputs), got, want in zip(items, restored["results"], expected):
        _same(got, want, f"snapshot {name} {inputs!r}")
    # The site's currency, set after the restore, applies (the snapshot was made in USD).
    money = [(name, inputs) for name, inputs in items if name == "cost"]
    assert money and restored["currency"] == "EUR"
    calculators.configure(currency="EUR")
    try:
        in_euros = [json.loads(calculators.run_json(name, json.dumps(inputs))) for name, inputs in money]
    finally:
        calculators.configure(currency="USD")
    assert any("EUR" in json.dumps(r) or "€" in json.dumps(r, ensure_ascii=False) for r in in_euros)
    for (name, inputs), got, want in zip(money, restored["currency_results"], in_euros):
        _same(got, want, f"snapshot EUR {name} {inputs!r}")


def test_python_311_matches(cases):
    items, path, expected = cases
    python311 = shutil.which("python3.11")
    assert python311, "CPython 3.11 (the oldest supported) is needed: the engine promises 3.11+"
    script = ("import json, sys, calculators; items = json.load(open(sys.argv[1]));"
              "print(json.dumps({'python': sys.version, 'results': [json.loads(calculators.run_json(n, json.dumps(i))) for n, i in items]}))")
    done = subprocess.run([python311, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["python"].startswith("3.11"), answer["python"]
    for (name, inputs), got, want in zip(items, answer["results"], expected):
        _same(got, want, f"{name} {inputs!r}")
    assert sys.version_info >= (3, 11)
