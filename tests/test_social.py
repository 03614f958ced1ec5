"""Link cards (social.py): each page's image and the embed pages' oEmbed documents."""
from __future__ import annotations

import struct

from hooks import social


def test_a_card_is_a_1200_by_630_png_even_for_a_long_title(tmp_path):
    target = tmp_path / "card.png"
    social.draw_card("Business case: each option's cost over a contract term " * 3, "A description. " * 40,
                     "Support Sourcing Playbook", target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    # the same inputs give the same bytes: a rebuild leaves the file (and caches) alone
    again = tmp_path / "again.png"
    social.draw_card("Business case: each option's cost over a contract term " * 3, "A description. " * 40,
                     "Support Sourcing Playbook", again)
    assert again.read_bytes() == data


def test_card_paths_follow_page_urls():
    assert social.card_path("") == "assets/social/index/card.png"
    assert social.card_path("guide/costs/") == "assets/social/guide/costs/card.png"
    assert social.card_path("embed/cost/") == "assets/social/embed/cost/card.png"


def test_oembed_is_a_rich_answer_with_the_iframe():
    config = {"site_url": "https://playbook.example.org/", "site_name": "Support Sourcing Playbook"}
    answer = social.oembed(config, "cost", 'Cost "calculator"')
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["provider_url"] == "https://playbook.example.org/"
    assert answer["html"].startswith('<iframe src="https://playbook.example.org/embed/cost/" title="Cost &quot;calculator&quot;"')
    assert answer["thumbnail_url"] == "https://playbook.example.org/assets/social/embed/cost/card.png"
    assert (answer["width"], answer["height"]) == (800, social.EMBED_HEIGHT)


def test_oembed_documents_sit_at_the_root_where_materials_sitemap_lookup_finds_the_sitemap():
    from urllib.parse import urljoin

    assert social.oembed_path("cost") == "oembed-cost.json"
    # Material fetches sitemap.xml beside every <link rel="alternate">: it must be the site's own.
    assert urljoin("https://playbook.example.org/" + social.oembed_path("cost"), "sitemap.xml") \
        == "https://playbook.example.org/sitemap.xml"


def test_oembed_link_is_relative_so_a_site_served_elsewhere_fetches_its_own_sitemap():
    from types import SimpleNamespace
    from urllib.parse import urljoin

    config = {"site_url": "https://playbook.example.org/", "site_name": "Support Sourcing Playbook",
              "site_description": "A guide"}
    social._embeddable.clear()
    social._embeddable.add("cost")
    for src, url, meta in (("calculators/cost.md", "calculators/cost/", {}),
                           ("embed/cost.md", "embed/cost/", {"embed": "cost"})):
        page = SimpleNamespace(meta=dict(meta), title="Cost", url=url, canonical_url=None,
                               file=SimpleNamespace(src_uri=src))
        social.on_page_context({}, page, config, None)
        link = page.meta["social"]["oembed"]
        assert link == "../../oembed-cost.json"
        # served under an intranet alias, the link and Material's sitemap lookup stay on it
        here = "http://support-wiki.intranet:8080/" + url
        assert urljoin(here, link) == "http://support-wiki.intranet:8080/oembed-cost.json"
        assert urljoin(urljoin(here, link), "sitemap.xml") == "http://support-wiki.intranet:8080/sitemap.xml"
        # while the card's own addresses stay absolute (link cards need them)
        assert page.meta["social"]["image"].startswith("https://playbook.example.org/")
    social._embeddable.clear()
