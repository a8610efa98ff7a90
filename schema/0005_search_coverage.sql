-- dyad schema, version 5: full-text search over articles, the countries each article
-- mentions, and event counts by pair and year kept current.
--
-- articles_fts indexes the title and text of every article (`dyad search`); it is an
-- external-content FTS5 table kept in step with `articles` by triggers.
--
-- article_countries lists, for each article, the countries it mentions and how often (found
-- by the gazetteer during extraction), for `dyad coverage A B`: articles that mention both
-- countries, month by month, beside the events found. Every scanned article has at least one
-- row: one with country '' when it mentions none, so "not scanned yet" (articles stored
-- before version 5, until `dyad extract --all`) can be told from "mentions no country".
--
-- pair_years counts the events of each unordered pair (a < b) by year of their first day
-- ('' when undated), rejected events left out; triggers on `events` keep it current, so
-- `dyad pairs` reads a few hundred rows instead of every event.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

CREATE TABLE article_countries (
    country     TEXT NOT NULL,   -- alpha-2, or '' for an article that mentions none
    article_id  INTEGER NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (country, article_id)
) WITHOUT ROWID;
CREATE INDEX article_countries_article ON article_countries(article_id);

CREATE TABLE pair_years (
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    year    TEXT NOT NULL,
    events  INTEGER NOT NULL,
    PRIMARY KEY (a, b, year)
) WITHOUT ROWID;
INSERT INTO pair_years (a, b, year, events)
    SELECT MIN(actor, target), MAX(actor, target), COALESCE(substr(sort_date, 1, 4), ''), COUNT(*)
    FROM events WHERE review IS NOT 'rejected' GROUP BY 1, 2, 3;
CREATE TRIGGER pair_years_insert AFTER INSERT ON events
WHEN new.review IS NOT 'rejected' BEGIN
    INSERT INTO pair_years (a, b, year, events)
        VALUES (MIN(new.actor, new.target), MAX(new.actor, new.target),
                COALESCE(substr(new.sort_date, 1, 4), ''), 1)
        ON CONFLICT (a, b, year) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER pair_years_delete AFTER DELETE ON events
WHEN old.review IS NOT 'rejected' BEGIN
    UPDATE pair_years SET events = events - 1
        WHERE a = MIN(old.actor, old.target) AND b = MAX(old.actor, old.target)
          AND year = COALESCE(substr(old.sort_date, 1, 4), '');
END;
CREATE TRIGGER pair_years_update_old AFTER UPDATE OF actor, target, sort_date, review ON events
WHEN old.review IS NOT 'rejected' BEGIN
    UPDATE pair_years SET events = events - 1
        WHERE a = MIN(old.actor, old.target) AND b = MAX(old.actor, old.target)
          AND year = COALESCE(substr(old.sort_date, 1, 4), '');
END;
CREATE TRIGGER pair_years_update_new AFTER UPDATE OF actor, target, sort_date, review ON events
WHEN new.review IS NOT 'rejected' BEGIN
    INSERT INTO pair_years (a, b, year, events)
        VALUES (MIN(new.actor, new.target), MAX(new.actor, new.target),
                COALESCE(substr(new.sort_date, 1, 4), ''), 1)
        ON CONFLICT (a, b, year) DO UPDATE SET events = events + 1;
END;
