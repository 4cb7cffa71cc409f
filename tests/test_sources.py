"""Feeds read by feedparser: what is kept of the hand-written reader's behaviour, and what is refused."""
from __future__ import annotations

import time

import pytest

pytest.importorskip("feedparser", reason="feeds need the 'store' extra")

from readouts.errors import InputError
from readouts.read.sources import parse_feed, read_feed

LONG = "<p>" + "The defence minister said the two sides had agreed to meet again in the spring. " * 6 + "</p>"


def _items(raw: bytes, source: str = "news.rss"):
    return list(read_feed(raw, source))


def test_rss_1_0_with_dublin_core_dates_and_full_content():
    raw = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           b'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           b'<channel rdf:about="http://example.org/"><title>t</title></channel>'
           b'<item rdf:about="http://example.org/a"><title>Talks</title><link>http://example.org/a</link>'
           b"<dc:date>2021-05-04T23:30:00-05:00</dc:date>"
           b"<content:encoded><![CDATA[" + LONG.encode() + b"]]></content:encoded></item></rdf:RDF>")
    ((where, article),) = _items(raw)
    assert where == "http://example.org/a" and article.id == "http://example.org/a"
    assert article.published == "2021-05-04"  # the date as written, not moved to UTC
    assert article.title == "Talks" and article.text.startswith("The defence minister said")


def test_a_stray_ampersand_does_not_lose_the_feed():
    raw = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>News & views</title>'
           b"<item><title>Q&A</title><guid>item-1</guid><description>" + LONG.replace("<p>", "").replace("</p>", "").encode()
           + b"</description></item></channel></rss>")
    ((where, article),) = _items(raw)
    assert where == "news.rss item 1" and article.id == "item-1" and "agreed to meet again" in article.text


def test_an_item_with_no_text_and_no_link_is_reported_in_place():
    raw = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Empty</title></item>'
           b"<item><title>Full</title><description>" + LONG.replace("<p>", "").replace("</p>", "").encode()
           + b"</description></item></channel></rss>")
    (empty, full) = _items(raw)
    assert isinstance(empty[1], InputError) and empty[1].problem == "the feed item has no text and no link"
    assert "defence minister" in full[1].text


@pytest.mark.parametrize(("raw", "problem"), [
    (b"<!doctype html><html><body><p>A page</p></body></html>", "not an RSS or Atom feed"),
    (b"<rss><channel><item>", "not a readable RSS or Atom feed"),
])
def test_what_is_not_a_feed_is_one_error_naming_the_source(raw, problem):
    with pytest.raises(InputError) as err:
        parse_feed(raw, "news.rss")
    assert err.value.source == "news.rss" and err.value.problem.startswith(problem)


def test_entity_expansion_is_refused_at_once():
    lol = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    raw = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]><rss version="2.0"><channel>'
           f"<item><title>&l9;</title><description>x</description></item></channel></rss>").encode()
    start = time.monotonic()
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(raw, "bomb.rss")
    assert time.monotonic() - start < 1.0  # feedparser alone lets expat expand it for about 1.5 s


def test_external_entities_are_refused():
    raw = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
           b'<rss version="2.0"><channel><item><title>&x;</title><description>y</description></item></channel></rss>')
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(raw, "xxe.rss")


def test_a_link_that_is_not_a_web_url_is_never_opened(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is swordfish, the admin said.", encoding="utf-8")
    raw = (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title><link>{secret}</link>'
           f"<description>Short.</description></item></channel></rss>").encode()
    ((where, article),) = _items(raw)
    assert where == "news.rss item 1" and article.text == "Short." and "swordfish" not in article.text
