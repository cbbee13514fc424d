"""Post text: escaped whole, with only http(s) addresses made into links."""

from __future__ import annotations

import pytest

from famille.news.linkify import linkify


def test_addresses_become_links_and_punctuation_stays_outside() -> None:
    html = str(linkify("See https://example.org/a?b=1&c=2. And (http://x.org/y)!"))
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">' in html
    assert "</a>. And (" in html and '<a href="http://x.org/y"' in html and "</a>)!" in html


def test_a_parenthesis_belonging_to_the_address_is_kept() -> None:
    assert 'href="https://fr.wikipedia.org/wiki/A_(B)"' in str(linkify("https://fr.wikipedia.org/wiki/A_(B)"))


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        '<a href="javascript:alert(1)">click</a>',
        "<img src=x onerror=alert(1)>",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>alert(1)</script>",
        "vbscript:msgbox",
    ],
)
def test_no_script_and_no_markup_gets_through(text: str) -> None:
    html = str(linkify(text))
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html and 'href="vbscript' not in html
    assert '"onmouseover' not in html
    for tag in html.split("<a ")[1:]:
        assert tag.startswith('href="http')


def test_long_addresses_are_shortened_on_screen_only() -> None:
    address = "https://example.org/" + "x" * 100
    html = str(linkify(address))
    assert f'href="{address}"' in html and "…</a>" in html
