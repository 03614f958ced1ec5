"""MkDocs hooks: what a link shows when it is pasted into a wiki or a chat (Confluence, Notion,
Teams, Slack).

* ``on_page_context``: every page gets the Open Graph and Twitter card values that
  ``overrides/main.html`` writes into its head (title, description, address, an image), and
  a calculator's page and its embed page the address of the embed's oEmbed document.
* ``on_post_build``: the image of every page, ``assets/social/<page>/card.png`` (1200 × 630
  pixels: the site's name, the page's title and description), drawn with Pillow and its
  built-in font, so the build makes no request anywhere; and ``oembed-NAME.json``, a
  static oEmbed "rich" answer with the iframe, for every embed page, at the site's root
  (``oembed-NAME.json``): Material's instant navigation fetches ``sitemap.xml`` beside every
  ``<link rel="alternate">`` it finds (for its language switcher), and at the root that is the
  site's own sitemap; beside the embed page it would be a 404 on every page load.

Addresses are absolute (link cards need them): they start with ``site_url``; only the oEmbed
discovery link is relative to its page (see ``on_page_context``).
"""
from __future__ import annotations

import json
import logging
import textwrap
from pathlib import Path

from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.social")

CARD_SIZE = (1200, 630)
CARD_DIR = "assets/social"


def oembed_path(name: str) -> str:
    """Where embed/NAME/'s oEmbed document is written (see the module's docstring: the root)."""
    return f"oembed-{name}.json"

# The theme's indigo (primary) and the text on it.
BACKGROUND, TEXT, MUTED, ACCENT = (48, 63, 159), (255, 255, 255), (197, 202, 233), (255, 255, 255)
EMBED_HEIGHT = 900  # the iframe height an oEmbed consumer starts with; the page tells the rest

_cards: dict[str, tuple[str, str]] = {}  # card path under the site -> (title, description)
_embeds: dict[str, str] = {}  # calculator name -> its title
_embeddable: set[str] = set()  # calculators with an embed page (hooks.py adds them in its on_files)


def _absolute(config, path: str) -> str:
    return (config["site_url"] or "/").rstrip("/") + "/" + path.lstrip("/")


def card_path(page_url: str) -> str:
    """Where a page's image is written, from its URL ("guide/costs/" -> assets/social/guide/costs/card.png)."""
    return f"{CARD_DIR}/{page_url.strip('/') or 'index'}/card.png"


def _calculator_of(page) -> str | None:
    """The calculator a page shows alone: its embed page's, or its own page's."""
    if page.meta.get("embed"):
        return page.meta["embed"]
    folder, _, name = page.file.src_uri.rpartition("/")
    return name.removesuffix(".md") if folder == "calculators" and name != "index.md" else None


def on_pre_build(config, **_):
    _cards.clear()
    _embeds.clear()


def on_files(files, config, **_):
    # Listed after hooks.py in mkdocs.yml, so the embed pages it generates are here.
    _embeddable.clear()
    _embeddable.update(f.src_uri.removeprefix("embed/").removesuffix(".md")
                       for f in files if f.src_uri.startswith("embed/") and f.src_uri.endswith(".md"))
    return files


def on_page_context(context, page, config, nav, **_):
    title = page.meta.get("title") or page.title or config["site_name"]  # the page's own title, not its nav label
    description = page.meta.get("description") or config["site_description"] or ""
    path = card_path(page.url)
    _cards[path] = (title, description)
    social = {"title": title, "description": description, "image": _absolute(config, path),
              "url": page.canonical_url or _absolute(config, page.url), "alt": f"{title}: {config['site_name']}"}
    name = _calculator_of(page)
    if name and name in _embeddable:
        # Relative to the page, unlike the card's addresses: Material fetches sitemap.xml beside
        # this link on every page, and a site served under another address than site_url (an
        # intranet alias, a test server) would otherwise fetch it cross-origin, which the CSP
        # (connect-src 'self') refuses with a console error on every page. Consumers resolve it
        # against the page's address, as a browser does.
        social["oembed"] = get_relative_url(oembed_path(name), page.url)
        if page.meta.get("embed"):
            _embeds[name] = title
    page.meta["social"] = social
    return context


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)  # Pillow's own font: nothing fetched, nothing installed


def _lines(draw, text: str, font, width: int, most: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels in at most ``most`` lines (the last one cut with …)."""
    average = max(1, int(draw.textlength("abcdefghijklmnopqrstuvwxyz", font=font) / 26))
    lines = textwrap.wrap(text, width=max(10, width // average))
    while any(draw.textlength(line, font=font) > width for line in lines):
        lines = textwrap.wrap(text, width=max(5, len(max(lines, key=len)) - 2))
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return lines


def draw_card(title: str, description: str, site_name: str, target: Path) -> None:
    """A 1200 × 630 PNG: site name, title (up to three lines) and description (up to three)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin, width = 72, CARD_SIZE[0] - 2 * 72
    draw.rectangle((0, 0, 16, CARD_SIZE[1]), fill=ACCENT)
    draw.text((margin, 56), site_name, font=_font(34), fill=MUTED)
    y = 130
    title_font = _font(64)
    for line in _lines(draw, title, title_font, width, 3):
        draw.text((margin, y), line, font=title_font, fill=TEXT)
        y += 78
    y += 24
    body = _font(34)
    for line in _lines(draw, description, body, width, 3):
        draw.text((margin, y), line, font=body, fill=MUTED)
        y += 46
    draw.text((margin, CARD_SIZE[1] - 80), "Calculators that run in your browser", font=_font(28), fill=MUTED)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, format="PNG", optimize=True)


def oembed(config, name: str, title: str) -> dict:
    """The oEmbed "rich" answer for embed/NAME/: an iframe of the page, as Copy embed code makes it."""
    from html import escape

    src = _absolute(config, f"embed/{name}/")
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": config["site_name"],
        "provider_url": _absolute(config, ""),
        "html": f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{EMBED_HEIGHT}" '
                'style="width: 100%; border: 0" loading="lazy" allow="clipboard-write"></iframe>',
        "width": 800,
        "height": EMBED_HEIGHT,
        "thumbnail_url": _absolute(config, card_path(f"embed/{name}/")),
        "thumbnail_width": CARD_SIZE[0],
        "thumbnail_height": CARD_SIZE[1],
    }


def on_post_build(config, **_):
    site = Path(config["site_dir"])
    for path, (title, description) in _cards.items():
        draw_card(title, description, config["site_name"], site / path)
    for name, title in _embeds.items():
        (site / oembed_path(name)).write_text(json.dumps(oembed(config, name, title), indent=1), encoding="utf-8")
    log.info("Link cards: %d images, %d oEmbed documents", len(_cards), len(_embeds))
