-- dyad schema, version 3: indexes for `dyad stats`, which scanned whole tables.
--
-- On 1,000,000 events (bench/query.sh) the counts by type went from a scan of the events table
-- (0.31 s) to a covering index (0.03 s), and the counts by unordered pair from a temporary
-- b-tree over every event (0.43 s) to this expression index (0.06 s): the query must keep
-- writing the pair as MIN(actor, target), MAX(actor, target) to use it. The count of articles
-- by date basis no longer reads every article's text (overflow pages) to reach the column.

CREATE INDEX events_type ON events(type);
CREATE INDEX events_pair_unordered ON events(MIN(actor, target), MAX(actor, target));
CREATE INDEX articles_basis ON articles(pub_date_basis);
