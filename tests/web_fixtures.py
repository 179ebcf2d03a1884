"""A small store shared by the web tests: two outlets on the Doha talks, a dock strike, and a hostile page."""

from __future__ import annotations

from pathlib import Path

from test_cli_fuse import ARTICLES

# Article text is untrusted: markup in it must reach the browser as text, never as markup.
HOSTILE = """\
Mediators report progress <script>window.__pwned = true</script> in Nairobi talks
Published: 2025-08-02
Kenya's foreign ministry said on Saturday that the mediators had met both delegations in Nairobi.
The rebels demand a 90-day ceasefire <img src=x onerror="window.__pwned = true"> before any talks on disarmament.
The government offered a 30-day ceasefire, the ministry said.
"We will not accept <b>conditions</b> set by the rebels," the army spokesman said.
"""

WEB_ARTICLES = {**ARTICLES, "hostile.txt": HOSTILE}

# A new article a user pastes: another negotiation than the stored ones.
NURSES = """\
Nurses reject hospital pay offer as strike looms
Published: 2025-09-03
The Riverside Nurses Union demanded a 12% raise on Monday.
St Mary's Hospital offered a 5% raise on Tuesday, a hospital spokesperson said.
"We will not accept 5%," the union's president Maria Lopez said.
"""


def build_store(folder: Path, articles: dict[str, str] = WEB_ARTICLES) -> str:
    """Analyse and store the articles in a new SQLite store in `folder`; its path."""
    from pourparler.model import Document
    from pourparler.pipeline import analyse_one, documents
    from pourparler.store import Store

    paths = []
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    db = str(folder / "web.db")
    with Store(db) as store:
        for document in documents(paths):
            assert isinstance(document, Document), document
            store.add(document, analyse_one(document))
    return db
