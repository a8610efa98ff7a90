#!/usr/bin/env python3
"""The baseline of bench/import.sh: load JSONL articles into SQLite with full-text search and
nothing else (no date handling, no de-duplication, no extraction).

One table and one FTS5 index over its title and text, inserts batched 1,000 at a time in one
transaction. Same field aliases as dyad for id, title, text, date and url. Prints the number of
articles loaded.

usage: bare_load.py ARTICLES.jsonl OUT.db
"""
import json
import sqlite3
import sys

ALIASES = {
    "id": ["id", "article_id", "guid", "uuid"],
    "title": ["title", "headline"],
    "text": ["text", "body", "content", "article", "story"],
    "date": ["date", "pub_date", "published", "published_at", "publication_date", "pubdate",
             "datetime", "date_published", "created_at"],
    "url": ["url", "link"],
}


def field(rec, name):
    for k in ALIASES[name]:
        v = rec.get(k)
        if v not in (None, ""):
            return str(v)
    return None


def main():
    src, out = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(out)
    db.executescript(
        """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        CREATE TABLE articles (id INTEGER PRIMARY KEY, ext_id TEXT, title TEXT, text TEXT NOT NULL,
                               date TEXT, url TEXT);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
                                                     content_rowid='id');
        """
    )
    n = 0
    batch = []

    def flush():
        db.executemany(
            "INSERT INTO articles (id, ext_id, title, text, date, url) VALUES (?, ?, ?, ?, ?, ?)",
            batch,
        )
        db.executemany(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            [(b[0], b[2], b[3]) for b in batch],
        )
        batch.clear()

    db.execute("BEGIN")
    with open(src, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            text = field(rec, "text")
            if not isinstance(rec, dict) or text is None:
                continue
            n += 1
            batch.append((n, field(rec, "id"), field(rec, "title"), text, field(rec, "date"),
                          field(rec, "url")))
            if len(batch) >= 1000:
                flush()
    if batch:
        flush()
    db.commit()
    db.close()
    print(n)


if __name__ == "__main__":
    main()
