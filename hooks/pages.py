"""MkDocs hook: the pages every calculator gets without an edit anywhere else.

* ``on_config``: every calculator page that the "Calculators" section of the nav does not
  list yet joins it (listing it in ``mkdocs.yml`` by hand still sets its place and title).
* ``on_files``: ``embed/NAME/`` for every calculator that has a page of its own: the
  calculator alone, for an iframe in a wiki, through ``overrides/embed.html``; and
  ``extra.frame_ancestors`` from ``extra.embed_origins`` (the sites allowed to frame the
  pages), which the Deployment page shows and the server sends.

:func:`calculators_with_pages` is the one answer to "which calculators have a page", read
by these hooks, the tests and the benchmark.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# MkDocs loads a hook by its path and puts only its folder on sys.path: the project folder
# (the engine, the other hook modules as the ``hooks`` package) is added here.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NAV_SECTION = "Calculators"  # the nav section calculator pages join
EMBED_TEMPLATE = "embed.html"


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
    config["nav"] = with_calculator_pages(config["nav"], calculator_pages(Path(config["docs_dir"])))
    return config


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
    for name in calculators_with_pages(Path(config["docs_dir"])):  # each gets an embed page
        files.append(File.generated(config, f"embed/{name}.md", content=_embed_markdown(name),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files


