-- dyad schema, version 4: people's decisions on the timeline (`dyad event ...`, `dyad review`).
--
-- A decision is stored apart from the events it is about, keyed by the event's identity in
-- its article (`event_key`: family, unordered pair, a hash of the evidence sentence and an
-- ordinal), never by the event's row id: `dyad extract --all`, a re-import or a rule change
-- deletes and re-inserts an article's extracted events with new ids, and the store then
-- applies the article's decisions again, in the order they were taken, to the new rows.
-- A confirmed or edited event that the current rules no longer extract is put back from the
-- decision's snapshot (origin 'kept'); an added event (origin 'user') is never re-extracted.

ALTER TABLE events ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted'
    CHECK (origin IN ('extracted', 'kept', 'user'));
-- NULL: not reviewed
ALTER TABLE events ADD COLUMN review TEXT
    CHECK (review IN ('confirmed', 'rejected', 'edited', 'added'));
-- NULL for events stored before version 4 until a decision needs it
ALTER TABLE events ADD COLUMN event_key TEXT;
-- events forced into one timeline entry share the id of the merge decision
ALTER TABLE events ADD COLUMN merge_group INTEGER;
-- 1: never merged with other reports (`dyad event split`)
ALTER TABLE events ADD COLUMN apart INTEGER NOT NULL DEFAULT 0 CHECK (apart IN (0, 1));

CREATE INDEX events_key ON events(article_id, event_key);

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('confirm', 'reject', 'edit', 'add', 'merge', 'split')),
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_key   TEXT NOT NULL,
    changes     TEXT,            -- JSON object of the edited fields (edit, add)
    snapshot    TEXT NOT NULL,   -- JSON of the event as it stood after the decision
    group_id    INTEGER,         -- merge: the id shared by the members merged together
    note        TEXT,
    decided_at  TEXT NOT NULL    -- RFC 3339, UTC
);

CREATE INDEX decisions_article ON decisions(article_id, id);
