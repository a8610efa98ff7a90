#!/usr/bin/env python3
"""Builds a dyad database with N synthetic events (default 1,000,000) for bench/query.sh.

The schema is dyad's own: the database is created by the dyad binary (`dyad --db OUT stats`
applies every migration), then filled with articles (10 events each) and events whose pairs
follow a skewed distribution over 60 countries (US-CN, CN-JP and a few more are frequent, as in
news), with dates over 1985-2025 at day, month or year precision.

usage: gen_events.py DYAD_BINARY OUT.db [N]
"""
import random
import sqlite3
import subprocess
import sys

COUNTRIES = ("US CN JP KR KP RU UA GB FR DE NL IT ES PL TR IR IQ IL PS SY SA AE EG IN PK AF BD "
             "ID MY PH VN TH AU NZ CA MX BR AR CL CO VE ZA NG ET KE SD LY DZ MA TW HK SG MM KZ "
             "BY RS GR SE NO").split()
TYPES = [("visit", "042"), ("meeting", "040"), ("export_control", None), ("sanction", "163"),
         ("detention", "173"), ("release", "0841"), ("agreement", "057"), ("protest", "111"),
         ("expulsion", "1663")]
PER_ARTICLE = 10


def main():
    dyad, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    subprocess.run([dyad, "--db", out, "--quiet", "stats"], check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(6)
    # Zipf-like weights: the first countries appear far more often
    weights = [1 / (i + 1) ** 1.1 for i in range(len(COUNTRIES))]
    db = sqlite3.connect(out)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    articles, events = [], []
    n_articles = (n + PER_ARTICLE - 1) // PER_ARTICLE
    for a in range(1, n_articles + 1):
        y = rng.randint(1985, 2025)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        pub = f"{y:04d}-{m:02d}-{d:02d}"
        text = f"Synthetic article {a}. " * 20
        articles.append((a, f"gen-{a}", f"Article {a}", text, f"gen{a:064d}", f"https://example.org/{a}",
                         "generator", pub, "given", f"gen:{a}", "2025-01-01T00:00:00Z"))
        for _ in range(min(PER_ARTICLE, n - (a - 1) * PER_ARTICLE)):
            actor, target = rng.choices(COUNTRIES, weights, k=2)
            if actor == target:
                target = COUNTRIES[(COUNTRIES.index(actor) + 1) % len(COUNTRIES)]
            t, cameo = rng.choice(TYPES)
            p = rng.random()
            if p < 0.7:
                start = pub
            elif p < 0.9:
                start = pub[:7]
            elif p < 0.97:
                start = pub[:4]
            else:
                start = None
            sort = None if start is None else (start + "-01-01")[:10] if len(start) == 4 else \
                (start + "-01")[:10]
            sentence = "Synthetic sentence about %s and %s." % (actor, target)
            events.append((a, t, cameo, actor, target, start, None, sort,
                           "text" if start else "publication", "occurred", "imposed",
                           f"{actor} {t} {target}", sentence, 0, len(sentence), 0, 9, None, None,
                           None, None, None, None, "generated", "generated", f"gen.{t}",
                           round(rng.uniform(0.5, 1.0), 2)))
        if len(events) >= 100_000:
            flush(db, articles, events)
    flush(db, articles, events)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"{out}: {n_articles} articles, {n} events")


def flush(db, articles, events):
    db.executemany(
        "INSERT INTO articles (id, ext_id, title, text, text_hash, url, source, pub_date, "
        "pub_date_basis, origin, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", articles)
    db.executemany(
        "INSERT INTO events (article_id, type, cameo, actor, target, date_start, date_end, "
        "sort_date, date_basis, status, action, summary, evidence, sentence_start, sentence_end, "
        "trigger_start, trigger_end, actor_start, actor_end, target_start, target_end, "
        "date_text_start, date_text_end, date_note, role_note, rule, confidence) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
    articles.clear()
    events.clear()


if __name__ == "__main__":
    main()
