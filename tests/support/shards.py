"""Split the tests that need the built site between two pytest processes (``make test``).

Browser tests spend much of their time waiting (an engine starting, a debounce, a print), so
two processes, each with its own built site and server on its own port, finish in about half
the time of one on a two-core machine. Whole files go to one process (a module's fixtures are
set up once), placed largest first on the lighter process by the seconds each file took in a
profiled run (``pytest --durations=0``, 2026-12-07, a quiet two-core machine). A file not
listed counts as ``DEFAULT`` seconds: the split stays whole and deterministic, only less even.
"""
from __future__ import annotations

WEIGHTS = {
    "tests/e2e/test_site_walk.py": 190,
    "tests/e2e/test_offline.py": 135,
    "tests/e2e/test_calculators.py": 90,
    "tests/parity/test_parity.py": 60,
    "tests/e2e/test_trust.py": 55,
    "tests/e2e/test_worksheet.py": 50,
    "tests/e2e/test_embed.py": 45,
    "tests/e2e/test_phone.py": 40,
    "tests/e2e/test_snapshot.py": 37,
    "tests/e2e/test_decision_pack.py": 36,
    "tests/e2e/test_fit.py": 34,
    "tests/e2e/test_drills.py": 33,
    "tests/e2e/test_week_plan.py": 30,
    "tests/test_build.py": 25,
    "tests/test_nginx.py": 20,
    "tests/e2e/test_scorecard.py": 20,
    "tests/e2e/test_business_case.py": 15,
    "tests/e2e/test_embed_wiki.py": 12,
    "tests/e2e/test_staffing.py": 12,
    "tests/e2e/test_cost.py": 12,
    "tests/e2e/test_shifts.py": 10,
    "tests/e2e/test_csp.py": 10,
    "tests/e2e/test_search.py": 8,
    "tests/e2e/test_journey.py": 8,
    "tests/e2e/test_forecast.py": 6,
    "tests/e2e/test_worked_company.py": 5,
    "tests/e2e/test_kpi_sla.py": 3,
}
DEFAULT = 10


def parse(value: str) -> tuple[int, int]:
    """``"1/2"`` -> (1, 2): this process's share, counted from 1, and how many there are."""
    share, _, count = value.partition("/")
    k, n = int(share), int(count)
    if not 1 <= k <= n:
        raise ValueError(f"SSP_SHARD={value!r}: give k/n with 1 <= k <= n, e.g. 1/2")
    return k, n


def assign(files: list[str], count: int) -> dict[str, int]:
    """Each file's share (1..count): largest first, each on the share with the fewest seconds so far.

    >>> assign(["a", "tests/e2e/test_site_walk.py", "tests/e2e/test_offline.py"], 2)
    {'tests/e2e/test_site_walk.py': 1, 'tests/e2e/test_offline.py': 2, 'a': 2}
    """
    load = [0] * count
    placed = {}
    for file in sorted(set(files), key=lambda f: (-WEIGHTS.get(f, DEFAULT), f)):
        share = min(range(count), key=lambda s: (load[s], s))
        placed[file] = share + 1
        load[share] += WEIGHTS.get(file, DEFAULT)
    return placed
