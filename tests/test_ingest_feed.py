"""Tests for the RSS and Atom reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from pourparler.ingest import ReadOptions, read_sources
from pourparler.ingest.feed import sniff_feed
from pourparler.ingest.registry import Item
from pourparler.model import Failure, RawDocument

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Caliber.Az</title>
  <link>https://caliber.az/</link>
  <description>News</description>
  <item>
    <title>Hamas “surprised” as US, Israel withdraw from Gaza talks</title>
    <link>https://caliber.az/en/post/hamas-surprised</link>
    <pubDate>Thu, 24 Jul 2025 18:30:00 +0000</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Both delegations left the Qatari capital on July 24.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://caliber.az/en/post/summary-only</link>
    <pubDate>Fri, 25 Jul 2025 08:00:00 +0000</pubDate>
    <description>&lt;p&gt;Talks resume in Doha.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline without a body</title>
    <link>https://caliber.az/en/post/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ynetnews</title>
  <id>urn:uuid:feed</id>
  <updated>2025-05-22T12:00:00Z</updated>
  <entry>
    <title>Hostage talks falter</title>
    <link href="https://www.ynetnews.com/article/talks"/>
    <id>urn:uuid:1</id>
    <updated>2025-05-22T12:00:00Z</updated>
    <content type="html">&lt;p&gt;Israel recalled its delegation from Doha.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain text entry</title>
    <link href="https://www.ynetnews.com/article/plain"/>
    <id>urn:uuid:2</id>
    <published>2025-05-21T09:00:00Z</published>
    <updated>2025-05-23T09:00:00Z</updated>
    <summary type="text">Negotiators met on Wednesday.</summary>
  </entry>
</feed>
"""


def read(path: Path) -> list[Item]:
    return list(read_sources([str(path)], ReadOptions()))


@pytest.mark.parametrize("name", ["wire.rss", "wire.xml", "wire"])
def test_rss_entries_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(RSS, encoding="utf-8")
    items = read(path)
    assert items == [
        RawDocument(
            source=f"{path}#entry-1",
            html="<p>Both delegations left the Qatari capital on July 24.</p>",
            url="https://caliber.az/en/post/hamas-surprised",
            title="Hamas “surprised” as US, Israel withdraw from Gaza talks",
            published="2025-07-24",
            outlet="Caliber.Az",
        ),
        RawDocument(
            source=f"{path}#entry-2",
            html="<p>Talks resume in Doha.</p>",
            url="https://caliber.az/en/post/summary-only",
            title="Summary only",
            published="2025-07-25",
            outlet="Caliber.Az",
        ),
        Failure(f"{path}#entry-3", "entry 3 has no body text"),
    ]


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "ynet.atom"
    path.write_text(ATOM, encoding="utf-8")
    items = read(path)
    assert items == [
        RawDocument(
            source=f"{path}#entry-1",
            html="<p>Israel recalled its delegation from Doha.</p>",
            url="https://www.ynetnews.com/article/talks",
            title="Hostage talks falter",
            published="2025-05-22",
            outlet="Ynetnews",
        ),
        RawDocument(
            source=f"{path}#entry-2",
            text="Negotiators met on Wednesday.",
            url="https://www.ynetnews.com/article/plain",
            title="Plain text entry",
            published="2025-05-21",
            outlet="Ynetnews",
        ),
    ]


def test_feed_without_entries_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>Nothing</title></channel></rss>', encoding="utf-8")
    assert read(path) == [Failure(str(path), "the feed has no entries")]


def test_broken_feed_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Broken &", encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("not a valid")


def test_xml_file_that_is_not_a_feed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?>\n<urlset><url><loc>https://example.com/</loc></url></urlset>')
    assert read(path) == [
        Failure(str(path), "an XML file that is neither an RSS or Atom feed nor a web page")
    ]


def test_xml_that_is_not_a_feed_is_not_sniffed_as_one() -> None:
    assert sniff_feed(b'<?xml version="1.0"?>\n<!-- a feed -->\n<rss version="2.0">')
    assert sniff_feed(b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">')
    assert sniff_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert not sniff_feed(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/">')
    assert not sniff_feed(b"The feed was <rss> in the article text")
