-- dyad schema, version 2: articles known only from their events.
--
-- `dyad import-events` stores events extracted elsewhere (`dyad extract --jsonl` on another
-- machine) without their article's text. Each such article gets a row flagged `stub = 1`: its
-- id, title, source, URL and publication date as the events give them, an empty text and a
-- text_hash of 'stub:' followed by its id (never a real SHA-256). A later full import of the
-- same article (same id or URL) fills the row in, clears the flag and re-extracts its events;
-- `dyad extract --all` leaves stubs alone (there is no text to extract from).

ALTER TABLE articles ADD COLUMN stub INTEGER NOT NULL DEFAULT 0 CHECK (stub IN (0, 1));
