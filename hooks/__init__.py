"""The site's build hooks, one module per concern, each listed under ``hooks:`` in
``mkdocs.yml`` in the order they run:

* ``runtime.py``: the self-hosted Pyodide runtime, our wheels and the site's lockfile;
* ``snapshot.py``: the memory snapshot of the booted engine;
* ``pages.py``: calculator pages in the nav, an embed page per calculator, the framing policy;
* ``journey.py``: the reader's journey through the decision (its steps, once), shown on each
  step's page and, through ``macros.py``, on the home page and after every result;
* ``social.py``: link cards (Open Graph and Twitter tags, an image per page, oEmbed documents);
* ``offline.py``: the opt-in service worker, written last.

Tests, the benchmark and the other hook modules import what they need from here.
"""
from hooks.offline import write_service_worker
from hooks.pages import calculator_pages, calculators_with_pages, frame_ancestors, with_calculator_pages
from hooks.runtime import ROOT, RuntimeMissing

__all__ = ["ROOT", "RuntimeMissing", "calculator_pages", "calculators_with_pages", "frame_ancestors",
           "with_calculator_pages", "write_service_worker"]
