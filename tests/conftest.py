"""Shared fixtures: the site built once, served on 127.0.0.1, and guarded browser pages.

Set SSP_SITE_DIR to a folder already built with `mkdocs build --strict` to skip the build
while iterating on tests (it is served on the port its SITE_URL named); the README's test
command always builds afresh.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.build import build_site
from tests.support.csp import deployed_csp
from tests.support.server import SiteServer, free_port, site_port

ROOT = Path(__file__).resolve().parent.parent


# The tiers (README, CONTRIBUTING): `make check` runs what needs neither a build, a browser,
# Node.js nor LibreOffice; `make test` everything but the `deep` tests; `make test-deep` all.
SITE_FIXTURES = {"built_site", "site_server", "site_url"}


# make test shares the tests that need the site between two pytest-xdist workers a file at a
# time (--dist loadfile, so a file's module fixtures and the offline build stay on one
# worker); these files take longest, so they start first and no core is left with one of
# them at the end. Only the order changes with this list.
LONGEST_FIRST = ("e2e/test_site_walk.py", "e2e/test_offline.py", "e2e/test_calculators.py",
                 "parity/test_parity.py", "e2e/test_trust.py", "e2e/test_worksheet.py")


def pytest_collection_modifyitems(config, items):
    """A test that uses the built site is marked `build` (unless it is a browser test), so the
    fast tier can leave it out, and `make test` can run the tests that need the site (marked
    browser, build or node) in their own processes beside the rest, without every such test
    having to say so."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.build)

    def rank(item) -> int:
        path = item.path.relative_to(ROOT / "tests").as_posix()
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    reuse = os.environ.get("SSP_SITE_DIR")
    if reuse:
        # One build is served on the one port its SITE_URL names: two pytest-xdist workers
        # (make test's `-n 2`) would both try to serve it there.
        assert int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) <= 1, \
            "SSP_SITE_DIR serves one build on one port: run the tests without -n (or unset it)"
        path = Path(reuse)
        assert (path / "index.html").is_file(), f"SSP_SITE_DIR={reuse} holds no built site"
        return path
    # Built for the loopback port it will be served on: Material's instant navigation
    # only treats links as internal on the origin that site_url names.
    port = free_port()
    return build_site(tmp_path_factory.mktemp("site") / "site", {"SITE_URL": f"http://127.0.0.1:{port}/"})


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> tuple[Path, int]:
    """The site built a second time with extra.offline on, for its own loopback port (the
    offline tests; test_build compares its runtime snapshot with the first build's)."""
    port = free_port()
    # Beside mkdocs.yml, since MkDocs resolves overrides/, hooks/ and macros.py from there.
    config = ROOT / f".mkdocs-offline-test-{os.getpid()}.yml"
    config.write_text("INHERIT: mkdocs.yml\nextra:\n  offline: true\n", encoding="utf-8")
    try:
        site = build_site(tmp_path_factory.mktemp("offline") / "site", {"SITE_URL": f"http://127.0.0.1:{port}/"}, config)
    finally:
        config.unlink()
    return site, port


@pytest.fixture(scope="session")
def site_server(built_site):
    # Every answer carries the deployed Content-Security-Policy, so every browser test runs
    # under it: a page that broke it would log a console error, which fails the test.
    with SiteServer(built_site, port=site_port(built_site),
                    headers={"Content-Security-Policy": deployed_csp()}) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site_server) -> str:
    return site_server.url


@pytest.fixture(autouse=True)
def _clear_server_faults(request):
    yield
    if "site_server" in request.fixturenames:
        server = request.getfixturevalue("site_server")
        server.clear_faults()
        server.reset_headers()


# Browsers come from pytest-playwright (its `browser`, `context` and `page`), pointed at
# Debian's chromium; the fixtures below add the guard every browser test runs under.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    from tests.support.browser import CHROMIUM, LAUNCH_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed: `apt-get install chromium` (make test does it)"
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def base_url():
    """No --base-url: tests name full URLs from site_url. (Replaces pytest-playwright's own
    base_url fixture, which pytest 9 warns about.)"""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True}


@pytest.fixture
def guard():
    from tests.support.browser import Guard

    return Guard()


@pytest.fixture
def context(context, guard):
    guard.attach(context)
    yield context
    guard.check(list(context.pages))  # pytest-playwright closes the context afterwards


@pytest.fixture
def page(page, guard):
    page.guard = guard
    page.set_default_timeout(30_000)
    return page


def pytest_terminal_summary(terminalreporter):
    """Print how many generated cases the property-based tests ran, per calculator: the
    fields reached (of all its fields), the cases, and the fewest one field was given."""
    from tests.unit.test_properties import RAN, RULES, SCOPE, SPECS

    if not RAN:
        return
    per_calculator: dict[str, list[int]] = {}
    for key, count in RAN.items():
        name, _, field = key.partition(".")
        if field != "*":
            per_calculator.setdefault(name, []).append(count)
    terminalreporter.section(f"property-based cases (one test per {SCOPE})")
    for name, counts in sorted(per_calculator.items()):
        fields = len(SPECS[name]["fields"])
        rules = sum(1 for n, _ in RULES if n == name)
        terminalreporter.write_line(
            f"{name}: {len(counts)} of {fields} fields reached ({rules} parsing rules), {sum(counts):,} cases "
            f"(fewest for one field: {min(counts):,}); all fields at once: {RAN.get(name + '.*', 0):,}")
    terminalreporter.write_line(f"total: {sum(RAN.values()):,} generated cases")
