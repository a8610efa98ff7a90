-- dyad schema, version 6: a pair's timeline straight off an index, in timeline order.
--
-- On 1,000,000 events (bench/query.sh) the 124,268 events of the busiest pair were read
-- through two index searches (one per direction) and sorted in a temporary b-tree: 0.7 s
-- before the first row. With this index the rows come in the order of the timeline (the
-- query must write the pair as MIN(actor, target), MAX(actor, target) and order by these
-- columns), so `dyad timeline` streams: the first rows in milliseconds, memory flat.
-- A date filter (`--from`) seeks in it to the first of January of its year for events with
-- one date; events_periods finds the few with a period (date_end set) of a pair.
-- events_merge_group finds the few events people merged by hand (`dyad event merge`).

CREATE INDEX events_timeline ON events(
    MIN(actor, target), MAX(actor, target), sort_date IS NULL, sort_date, length(date_start),
    article_id, id
);
CREATE INDEX events_merge_group ON events(merge_group) WHERE merge_group IS NOT NULL;
CREATE INDEX events_periods ON events(MIN(actor, target), MAX(actor, target))
    WHERE date_end IS NOT NULL;
