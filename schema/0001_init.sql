-- dyad schema, version 1. Never edit this file once released: add 0002_*.sql instead.

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    ext_id          TEXT UNIQUE,              -- the id given at import, if any
    title           TEXT,
    text            TEXT NOT NULL,
    text_hash       TEXT NOT NULL UNIQUE,     -- sha256 of the normalized text
    url             TEXT UNIQUE,
    source          TEXT,
    pub_date        TEXT,                     -- YYYY-MM-DD, or NULL when undated
    pub_date_basis  TEXT NOT NULL CHECK (pub_date_basis IN ('given', 'inferred', 'undated')),
    anchor_date     TEXT,                     -- dateline date when it differs from pub_date
    origin          TEXT,                     -- file:line it was imported from
    imported_at     TEXT NOT NULL
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type            TEXT NOT NULL,
    cameo           TEXT,
    actor           TEXT NOT NULL,
    target          TEXT NOT NULL,
    date_start      TEXT,                     -- YYYY, YYYY-MM or YYYY-MM-DD
    date_end        TEXT,
    sort_date       TEXT,                     -- first day covered, for ordering
    date_basis      TEXT NOT NULL CHECK (date_basis IN ('text', 'publication', 'inferred')),
    status          TEXT NOT NULL,
    action          TEXT NOT NULL,
    summary         TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    actor_start     INTEGER,
    actor_end       INTEGER,
    target_start    INTEGER,
    target_end      INTEGER,
    date_text_start INTEGER,
    date_text_end   INTEGER,
    date_note       TEXT NOT NULL,
    role_note       TEXT NOT NULL,
    rule            TEXT NOT NULL,
    confidence      REAL NOT NULL
);

CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_pair ON events(actor, target, sort_date);
CREATE INDEX events_target ON events(target, actor, sort_date);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
