"""Tripwires on borrowed internals: where the site leans on a pinned version's own behavior
(Material's partials and inline scripts, its search index request, Pyodide's WebAssembly
start and its private snapshot option), a test here fails with a plain sentence when the
installed version moves or the thing leaned on is gone.

Each guarded place names the version it was checked against; when a pin moves, re-check
that place against the new release and move the version it names (and PINNED below).
"""
from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
PYODIDE = ROOT / "node_modules" / "pyodide"
PINNED = {"mkdocs-material": "9.8.1", "pyodide": "314.0.7"}

# Every file that leans on a pinned release, and the words naming that release in it.
GUARDED = {
    "overrides/partials/nav-item.html": "mkdocs-material 9.8.1",
    "overrides/partials/search.html": "mkdocs-material 9.8.1",
    "overrides/partials/progress.html": "mkdocs-material 9.8.1",
    "overrides/partials/javascripts/base.html": "mkdocs-material 9.8.1",
    "overrides/partials/javascripts/palette.html": "mkdocs-material 9.8.1",
    "overrides/partials/javascripts/content.html": "mkdocs-material 9.8.1",
    "docs/javascripts/theme-boot.js": "mkdocs-material\n * 9.8.1",
    "docs/javascripts/search-later.js": "Material for MkDocs (9.8.1)",
    "docs/javascripts/same-page-links.js": "mkdocs-material 9.8.1",
    "docs/javascripts/engine/pinned.js": "Pyodide 314.0.7",
}


def installed() -> dict[str, str]:
    manifest = PYODIDE / "package.json"
    assert manifest.is_file(), "node_modules/pyodide is missing: run `npm ci` (every make target does)"
    return {"mkdocs-material": version("mkdocs-material"),
            "pyodide": json.loads(manifest.read_text(encoding="utf-8"))["version"]}


@pytest.mark.parametrize("package", sorted(PINNED))
def test_the_pinned_versions_are_installed(package):
    now = installed()[package]
    places = ", ".join(path for path, words in GUARDED.items() if PINNED[package] in words)
    assert now == PINNED[package], (
        f"{package} is now {now}, but {places} were checked against {PINNED[package]}: re-check each against "
        f"{package} {now}, then move the version they name and PINNED in tests/test_pinned.py")


@pytest.mark.parametrize("path", sorted(GUARDED))
def test_each_guarded_place_names_the_version_it_was_checked_against(path):
    assert GUARDED[path] in (ROOT / path).read_text(encoding="utf-8"), (
        f"{path} must name the release it leans on ({GUARDED[path]!r}) in its header comment")


def _theme(path: str) -> str:
    """Material's own template, without the 'generated, do not edit' header it carries."""
    text = (MATERIAL / path).read_text(encoding="utf-8")
    return re.sub(r"\A\{#-\s*This file was automatically generated - do not edit\s*-#\}\n", "", text)


def _ours(path: str) -> str:
    """Our override, without its leading comment."""
    text = (ROOT / "overrides" / path).read_text(encoding="utf-8")
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


# Our copies of Material's partials, each with the lines we changed: (Material's, ours).
PARTIAL_CHANGES = {
    "partials/nav-item.html": [(
        '<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label" '
        'aria-expanded="{{ nav_item.active | tojson }}">',
        '<nav class="md-nav" data-md-level="{{ level }}" {% if index %}aria-label="{{ nav_item.title }}"'
        '{% else %}aria-labelledby="{{ path }}_label"{% endif %} aria-expanded="{{ nav_item.active | tojson }}">',
    )],
    "partials/search.html": [(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    )],
    "partials/progress.html": [(
        '<div class="md-progress" data-md-component="progress" role="progressbar"></div>',
        '<div class="md-progress" data-md-component="progress" aria-hidden="true"></div>',
    )],
}


@pytest.mark.parametrize("path", sorted(PARTIAL_CHANGES))
def test_our_partials_are_materials_with_only_our_change(path):
    theirs = _theme(path)
    for original, changed in PARTIAL_CHANGES[path]:
        assert original in theirs, (
            f"Material's {path} no longer has the line overrides/{path} changes; port the change to the new "
            f"partial by hand:\n{original}")
        theirs = theirs.replace(original, changed)
    assert theirs.strip() == _ours(path).strip(), (
        f"overrides/{path} is no longer Material's {path} with only our change: Material changed the partial "
        f"(or ours drifted). Copy the new partial and apply the change again.")


# Material's inline scripts that overrides/partials/javascripts/ replace with
# docs/javascripts/theme-boot.js (the same code, unminified), by a fragment of each.
INLINE_SCRIPTS = {
    "partials/javascripts/base.html": ['__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)',
                                        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e))',
                                        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'],
    "partials/javascripts/palette.html": ['var palette=__md_get("__palette");if(palette&&palette.color)',
                                           'document.body.setAttribute("data-md-color-"+key,value)'],
    "partials/javascripts/content.html": ['var tabs=__md_get("__tabs");if(Array.isArray(tabs))',
                                           'target.checked=target.name.startsWith("__tabbed_")'],
}


@pytest.mark.parametrize("path", sorted(INLINE_SCRIPTS))
def test_theme_boot_reimplements_materials_inline_scripts(path):
    theirs = _theme(path)
    for fragment in INLINE_SCRIPTS[path]:
        assert fragment in theirs, (
            f"Material's {path} changed its inline script (no longer has {fragment!r}): docs/javascripts/"
            "theme-boot.js runs a copy of it under the strict CSP; port the change there")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", theirs, re.S)
    assert len([s for s in scripts if s.strip()]) == {"partials/javascripts/content.html": 2}.get(path, 1), (
        f"Material's {path} now has another inline script: theme-boot.js must run it too")


def _bundle() -> str:
    """Material's one minified bundle, the code search-later.js and same-page-links.js lean on."""
    bundles = list((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, (
        "Material's bundle moved: re-check docs/javascripts/search-later.js and same-page-links.js")
    return bundles[0].read_text(encoding="utf-8")


def test_material_still_requests_its_search_index_with_xmlhttprequest():
    bundle = _bundle()
    assert "XMLHttpRequest" in bundle and "search_index.json" in bundle, (
        "Material's bundle no longer fetches search/search_index.json with XMLHttpRequest: "
        "docs/javascripts/search-later.js holds back that request and would now hold nothing")


def test_material_still_leaves_links_with_a_target_and_pages_by_path_to_the_browser():
    """What docs/javascripts/same-page-links.js leans on, in the minified bundle: instant
    navigation skips a link that has a target, pages by the path alone (the bug it works
    around) and hears the back button as popstate on window."""
    bundle = _bundle()
    why = "re-check docs/javascripts/same-page-links.js against this Material"
    assert re.search(r"if\(\w+\.target\|\|\w+\.metaKey\|\|\w+\.ctrlKey\)return", bundle), (
        f"Material's instant navigation no longer skips links that have a target the way it did: {why}")
    assert re.search(r"\.pipe\(\w+\(\"pathname\"\),\w+\(\w+=>\w+\(\w+,\{progress\$", bundle), (
        "Material no longer fetches a page whenever the path differs from the last one it heard "
        f"(fixed upstream, as in zensical/ui#154?): {why}, and drop it if it is no longer needed")
    assert 'window,"popstate"' in bundle, f"Material no longer listens for popstate on window: {why}"


def test_pyodide_still_has_what_pinned_js_leans_on():
    loader = (PYODIDE / "pyodide.mjs").read_text(encoding="utf-8")
    glue = (PYODIDE / "pyodide.asm.mjs").read_text(encoding="utf-8")
    assert "_loadSnapshot" in loader, (
        "Pyodide's loadPyodide no longer reads the _loadSnapshot option: the build-time snapshot would be ignored "
        "(docs/javascripts/engine/pinned.js, snapshotOptions)")
    assert "makeMemorySnapshot" in glue, "Pyodide no longer has makeMemorySnapshot (scripts/make-snapshot.mjs)"
    assert "stdLibURL" in loader, "Pyodide no longer reads stdLibURL (docs/javascripts/engine/snapshot.js)"
    assert "instantiateStreaming" in glue or "WebAssembly.instantiate" in glue, (
        "Pyodide no longer starts its WebAssembly through WebAssembly.instantiate*: failFastOnBadWasm would "
        "never see a failure (docs/javascripts/engine/pinned.js)")
    assert "pyodide.asm.wasm" in glue + loader and "fetch(" in glue, (
        "Pyodide no longer fetches pyodide.asm.wasm with fetch(): prefetchWasm's early request would go unused")
