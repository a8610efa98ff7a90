-- dyad schema, version 7: the full-text index merges its segments eight at a time (FTS5's
-- default is four). An import appends many segments; merging them in larger, fewer steps took
-- the index's share of a Reuters-21578 import from 0.73 to 0.61 CPU seconds (bench/import.sh:
-- the writer thread, mostly busy with this index, is what bounds an import on two cores).
-- Searches read at most a few more segments.

INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
