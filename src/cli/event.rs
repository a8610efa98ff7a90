//! `dyad event confirm|reject|edit|add|merge|split|log`: people's decisions on the timeline.
//!
//! A decision on an event id applies to its whole timeline entry (every report merged with
//! it) unless `--only` is given. Decisions are stored with a timestamp and an optional note,
//! and survive `dyad extract --all`, re-imports and rule changes.

use super::{output_writer, usage, Ctx, Outcome, UsageError};
use anyhow::{Context, Result};
use dyad::curate::{self, Report};
use dyad::gazetteer::Gazetteer;
use dyad::model::{
    Action, DateBasis, DateSpan, DecisionKind, Event, EventType, PartialDate, Span, Status,
};
use dyad::store::{EventChanges, Store, UserArticle};

/// Confirm, reject, edit, add, merge or split timeline entries; list the decisions taken
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Mark entries as checked by a person
    Confirm(Decide),
    /// Leave entries out of the timeline (`dyad timeline --rejected` still shows them)
    Reject(Decide),
    /// Correct the type, countries, date, status, action or summary of an entry
    Edit(Edit),
    /// Add an event the extractor missed
    Add(Add),
    /// Make the entries of these events one entry
    Merge(Merge),
    /// Take reports out of their entry: each becomes an entry of its own
    Split(Split),
    /// List the decisions taken, newest first
    Log(Log),
}

#[derive(Debug, clap::Args)]
struct Decide {
    /// Event ids (the `id` column of `dyad timeline`): each one's whole entry
    #[arg(required = true)]
    ids: Vec<i64>,
    /// Only these reports, not the other reports merged with them
    #[arg(long)]
    only: bool,
    /// Why: kept with the decision
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

/// The fields of an event a person may set.
#[derive(Debug, Default, clap::Args)]
pub(super) struct Fields {
    /// Event type (visit, meeting, export_control, sanction, detention, release, agreement,
    /// protest, expulsion)
    #[arg(long = "type", value_name = "TYPE")]
    pub(super) event_type: Option<String>,
    /// The country that acted: ISO code or name
    #[arg(long, value_name = "COUNTRY")]
    pub(super) actor: Option<String>,
    /// The country acted on
    #[arg(long, value_name = "COUNTRY")]
    pub(super) target: Option<String>,
    /// When it happened: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub(super) date: Option<String>,
    /// Last day of a period, with --date
    #[arg(long, value_name = "DATE", requires = "date")]
    pub(super) until: Option<String>,
    /// occurred, planned or cancelled
    #[arg(long)]
    pub(super) status: Option<String>,
    /// For restrictions: imposed, lifted or eased
    #[arg(long)]
    pub(super) action: Option<String>,
    /// One line for the timeline [default: written from type and countries]
    #[arg(long, value_name = "TEXT")]
    pub(super) summary: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Edit {
    /// Event id
    id: i64,
    #[command(flatten)]
    fields: Fields,
    /// Only this report, not the other reports merged with it
    #[arg(long)]
    only: bool,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Add {
    #[command(flatten)]
    fields: Fields,
    /// The sentence that tells of it
    #[arg(long, value_name = "TEXT")]
    evidence: Option<String>,
    /// The stored article that reports it (its id as imported, or its row id)
    #[arg(long, value_name = "ID", conflicts_with_all = ["title", "source", "url", "published"])]
    article: Option<String>,
    /// Else where it was reported: title
    #[arg(long)]
    title: Option<String>,
    /// … source (outlet)
    #[arg(long)]
    source: Option<String>,
    /// … URL (a later import of the article at this URL fills it in; the event stays)
    #[arg(long)]
    url: Option<String>,
    /// … publication date, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Merge {
    /// Event ids of two entries or more
    #[arg(required = true, num_args = 2..)]
    ids: Vec<i64>,
    /// Merge only these reports, not the other reports of their entries
    #[arg(long)]
    only: bool,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Split {
    /// Event ids of reports to take out of their entries
    #[arg(required = true)]
    ids: Vec<i64>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
struct Log {
    /// Only the decisions on events of this article (its id as imported, or its row id)
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// table, json or jsonl
    #[arg(long, default_value = "table")]
    format: String,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    match &args.command {
        Command::Confirm(d) => decide(ctx, DecisionKind::Confirm, d),
        Command::Reject(d) => decide(ctx, DecisionKind::Reject, d),
        Command::Edit(e) => edit(ctx, e),
        Command::Add(a) => add(ctx, a),
        Command::Merge(m) => merge(ctx, m),
        Command::Split(s) => split(ctx, s),
        Command::Log(l) => log(ctx, l),
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn ids_text(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn decide(ctx: &Ctx, kind: DecisionKind, d: &Decide) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    let done = match kind {
        DecisionKind::Confirm => "confirmed",
        _ => "rejected",
    };
    for &id in &d.ids {
        let ids =
            curate::decide(&mut store, kind, id, d.only, None, d.note.as_deref()).map_err(usage)?;
        ctx.note(format!(
            "{done} event {id}: {} ({})",
            plural(ids.len(), "report"),
            ids_text(&ids)
        ));
    }
    Ok(Outcome::Success)
}

/// Parses the fields given; `base` is the event they change (for the summary).
pub(super) fn changes(
    gaz: &Gazetteer,
    f: &Fields,
    base: Option<&Event>,
) -> Result<EventChanges, UsageError> {
    let country = |flag: &str, s: &Option<String>| {
        s.as_deref()
            .map(|s| {
                gaz.lookup(s).map(|c| c.alpha2.clone()).ok_or_else(|| {
                    UsageError(format!(
                        "unknown country \"{s}\" for {flag}: give an ISO code (JP, JPN) or a \
                         name (Japan)"
                    ))
                })
            })
            .transpose()
    };
    let date = |flag: &str, s: &Option<String>| {
        s.as_deref()
            .map(|s| {
                s.parse::<PartialDate>()
                    .map_err(|e| UsageError(format!("invalid {flag}: {e}")))
            })
            .transpose()
    };
    let (start, end) = (date("--date", &f.date)?, date("--until", &f.until)?);
    if let (Some(s), Some(e)) = (start, end) {
        if s.first_day() > e.last_day() {
            return Err(UsageError(format!("--date {s} is after --until {e}")));
        }
    }
    let mut c = EventChanges {
        event_type: f
            .event_type
            .as_deref()
            .map(str::parse::<EventType>)
            .transpose()
            .map_err(UsageError)?,
        actor: country("--actor", &f.actor)?,
        target: country("--target", &f.target)?,
        date: start.map(|start| DateSpan { start, end }),
        status: f
            .status
            .as_deref()
            .map(str::parse::<Status>)
            .transpose()
            .map_err(UsageError)?,
        action: f
            .action
            .as_deref()
            .map(str::parse::<Action>)
            .transpose()
            .map_err(UsageError)?,
        summary: f.summary.clone(),
    };
    if let Some(base) = base {
        let mut e = base.clone();
        c.apply(&mut e);
        if e.actor == e.target {
            return Err(UsageError(format!(
                "an event needs two different countries, got {} twice",
                e.actor
            )));
        }
        let retold = c.event_type.is_some()
            || c.actor.is_some()
            || c.target.is_some()
            || c.status.is_some()
            || c.action.is_some();
        if c.summary.is_none() && retold {
            c.summary = Some(dyad::pipeline::summary(gaz, &e));
        }
    }
    Ok(c)
}

fn edit(ctx: &Ctx, e: &Edit) -> Result<Outcome> {
    let gaz = ctx.extractor()?.gazetteer;
    let mut store = ctx.open_store()?;
    let base = store
        .event(e.id)?
        .ok_or_else(|| UsageError(format!("no event with id {}", e.id)))?;
    let c = changes(&gaz, &e.fields, Some(&base.event))?;
    let ids = curate::decide(
        &mut store,
        DecisionKind::Edit,
        e.id,
        e.only,
        Some(&c),
        e.note.as_deref(),
    )
    .map_err(usage)?;
    ctx.note(format!(
        "edited event {}: {} ({})",
        e.id,
        plural(ids.len(), "report"),
        ids_text(&ids)
    ));
    Ok(Outcome::Success)
}

/// The stored article `key` names: its id as imported, else its row id.
fn find_article(store: &Store, key: &str) -> Result<i64> {
    if let Some(a) = store.find_article(key)? {
        return Ok(a.id);
    }
    Err(UsageError(format!("no article \"{key}\" in {}", store.path())).into())
}

fn add(ctx: &Ctx, a: &Add) -> Result<Outcome> {
    let gaz = ctx.extractor()?.gazetteer;
    let f = &a.fields;
    let missing: Vec<&str> = [
        ("--type", f.event_type.is_none()),
        ("--actor", f.actor.is_none()),
        ("--target", f.target.is_none()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(UsageError(format!("an added event needs {}", missing.join(", "))).into());
    }
    let c = changes(&gaz, f, None)?;
    let published = a
        .published
        .as_deref()
        .map(|s| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|e| UsageError(format!("invalid --published \"{s}\": {e}")))
        })
        .transpose()?;
    let event_type = c.event_type.context("type")?;
    let mut e = Event {
        event_type,
        cameo: event_type.cameo().map(String::from),
        actor: c.actor.clone().context("actor")?,
        target: c.target.clone().context("target")?,
        date: c.date,
        date_basis: DateBasis::Text,
        status: c.status.unwrap_or(Status::Occurred),
        action: c.action.unwrap_or(Action::Imposed),
        summary: String::new(),
        evidence: a.evidence.clone().unwrap_or_default(),
        sentence: Span::default(),
        trigger: Span::default(),
        actor_span: None,
        target_span: None,
        date_span: None,
        date_note: if c.date.is_some() {
            "date set by a person (dyad event add)".into()
        } else {
            "undated".into()
        },
        role_note: "added by a person (dyad event add)".into(),
        rule: "user".into(),
        confidence: 1.0,
    };
    e.summary = c
        .summary
        .clone()
        .unwrap_or_else(|| dyad::pipeline::summary(&gaz, &e));
    let mut store = ctx.open_store()?;
    let report = match &a.article {
        Some(key) => Report::Article(find_article(&store, key)?),
        None => Report::Elsewhere(UserArticle {
            title: a.title.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            pub_date: published,
        }),
    };
    let id = curate::add(&mut store, &e, &report, a.note.as_deref()).map_err(usage)?;
    ctx.note(format!("added event {id}: {}", e.summary));
    let mut w = output_writer(None)?;
    writeln!(w, "{id}")?;
    w.flush()?;
    Ok(Outcome::Success)
}

use std::io::Write;

fn merge(ctx: &Ctx, m: &Merge) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    let ids = curate::merge(&mut store, &m.ids, m.only, m.note.as_deref()).map_err(usage)?;
    ctx.note(format!(
        "merged {} into one entry ({})",
        plural(ids.len(), "report"),
        ids_text(&ids)
    ));
    Ok(Outcome::Success)
}

fn split(ctx: &Ctx, s: &Split) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    for &id in &s.ids {
        curate::split(&mut store, id, s.note.as_deref()).map_err(usage)?;
        ctx.note(format!("event {id} is now an entry of its own"));
    }
    Ok(Outcome::Success)
}

fn log(ctx: &Ctx, l: &Log) -> Result<Outcome> {
    if !["table", "json", "jsonl"].contains(&l.format.as_str()) {
        return Err(UsageError(format!(
            "unknown format \"{}\": expected table, json or jsonl",
            l.format
        ))
        .into());
    }
    let store = ctx.open_store()?;
    let article = l
        .article
        .as_deref()
        .map(|k| find_article(&store, k))
        .transpose()?;
    let ds = store.decisions(article)?;
    let mut w = output_writer(None)?;
    dyad::output::write_decisions(&ds, &l.format, &mut w)?;
    w.flush()?;
    Ok(Outcome::Success)
}
