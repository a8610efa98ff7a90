//! `dyad review A B`: walk the unreviewed entries of a pair's timeline and decide on each.
//!
//! The dialog goes to stderr and the answers come from stdin, one line each, so it works in a
//! terminal and with answers piped in (`printf 'c\nr\nq\n' | dyad review JP CN`).

use super::event::{changes, Fields};
use super::{Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::curate;
use dyad::model::DecisionKind;
use dyad::query;
use std::io::{BufRead, Write};

/// Walk a pair's unreviewed timeline entries: confirm, reject, edit or skip each
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pair: super::timeline::PairArgs,
    /// Also entries already reviewed
    #[arg(long)]
    all: bool,
}

const HELP: &str = "  c  confirm: the entry is right
  r  reject: not an event between these countries, leave it out
  e  edit: correct fields, one field=value a line (type, actor, target, date, until,
     status, action, summary), an empty line to finish
  n  note: a note kept with the next decision on this entry
  s  skip: decide later
  q  quit";

fn field(f: &mut Fields, line: &str) -> std::result::Result<(), String> {
    let (k, v) = line
        .split_once('=')
        .ok_or_else(|| format!("expected field=value, got \"{line}\""))?;
    let v = Some(v.trim().to_string());
    match k.trim() {
        "type" => f.event_type = v,
        "actor" => f.actor = v,
        "target" => f.target = v,
        "date" => f.date = v,
        "until" => f.until = v,
        "status" => f.status = v,
        "action" => f.action = v,
        "summary" => f.summary = v,
        other => return Err(format!("unknown field \"{other}\"")),
    }
    Ok(())
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let gaz = ctx.extractor()?.gazetteer;
    let q = args.pair.query(&gaz)?;
    let mut store = ctx.open_store()?;
    let entries = query::merge_entries(
        query::timeline(&store, &q)?,
        query::DEFAULT_MERGE_WINDOW_DAYS,
    );
    let todo: Vec<i64> = entries
        .iter()
        .filter(|e| args.all || e.members.iter().all(|m| m.review.is_none()))
        .map(|e| e.event.id)
        .collect();
    let mut err = std::io::stderr().lock();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut read = |prompt: &str, err: &mut std::io::StderrLock<'_>| -> Result<Option<String>> {
        write!(err, "{prompt}")?;
        err.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim().to_string()))
    };
    writeln!(
        err,
        "{} of {} entries between {} and {} to review (? for help)",
        todo.len(),
        entries.len(),
        q.a,
        q.b
    )?;
    let (mut decided, mut skipped) = (0, 0);
    'entries: for (i, &id) in todo.iter().enumerate() {
        // decisions on earlier entries may have merged this one elsewhere: take it afresh
        let Some(entry) = curate::entry_of_event(&store, id)? else {
            continue;
        };
        let e = &entry.event;
        let date = e.event.date.map_or("undated".to_string(), |d| match d.end {
            Some(end) => format!("{}..{end}", d.start),
            None => d.start.to_string(),
        });
        writeln!(err)?;
        writeln!(
            err,
            "[{}/{}] event {}  {date}  {}  {} → {}{}",
            i + 1,
            todo.len(),
            e.id,
            e.event.event_type,
            e.event.actor,
            e.event.target,
            e.review.map(|r| format!("  ({r})")).unwrap_or_default()
        )?;
        writeln!(err, "  {}", e.event.summary)?;
        writeln!(
            err,
            "  {} report{} in {} article{}, {} source{}",
            entry.members.len(),
            if entry.members.len() == 1 { "" } else { "s" },
            entry.articles,
            if entry.articles == 1 { "" } else { "s" },
            entry.sources,
            if entry.sources == 1 { "" } else { "s" }
        )?;
        for m in entry.members.iter().take(3) {
            writeln!(
                err,
                "  · {} ({}): {}",
                m.source
                    .as_deref()
                    .or(m.title.as_deref())
                    .unwrap_or(&m.article_key),
                m.pub_date.as_deref().unwrap_or("undated"),
                m.event.evidence
            )?;
        }
        let mut note: Option<String> = None;
        loop {
            let Some(answer) = read(
                "confirm, reject, edit, note, skip, quit [c/r/e/n/s/q/?] ",
                &mut err,
            )?
            else {
                break 'entries;
            };
            let kind = match answer.to_lowercase().as_str() {
                "c" | "confirm" => DecisionKind::Confirm,
                "r" | "reject" => DecisionKind::Reject,
                "e" | "edit" => DecisionKind::Edit,
                "s" | "skip" | "" => {
                    skipped += 1;
                    continue 'entries;
                }
                "q" | "quit" => break 'entries,
                "n" | "note" => {
                    note = read("  note: ", &mut err)?.filter(|n| !n.is_empty());
                    continue;
                }
                "?" | "h" | "help" => {
                    writeln!(err, "{HELP}")?;
                    continue;
                }
                other => {
                    writeln!(err, "  unknown answer \"{other}\" (? for help)")?;
                    continue;
                }
            };
            let edits = if kind == DecisionKind::Edit {
                let mut f = Fields::default();
                while let Some(line) = read("  field=value (empty line: done) ", &mut err)? {
                    if line.is_empty() {
                        break;
                    }
                    if let Err(m) = field(&mut f, &line) {
                        writeln!(err, "  {m}")?;
                    }
                }
                match changes(&gaz, &f, Some(&e.event)) {
                    Ok(c) if !c.is_empty() => Some(c),
                    Ok(_) => {
                        writeln!(err, "  nothing changed")?;
                        continue;
                    }
                    Err(UsageError(m)) => {
                        writeln!(err, "  {m}")?;
                        continue;
                    }
                }
            } else {
                None
            };
            let ids = curate::decide(&mut store, kind, id, false, edits.as_ref(), note.as_deref())?;
            writeln!(
                err,
                "  {} ({} report{})",
                match kind {
                    DecisionKind::Confirm => "confirmed",
                    DecisionKind::Reject => "rejected",
                    _ => "edited",
                },
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            )?;
            decided += 1;
            continue 'entries;
        }
    }
    writeln!(err)?;
    writeln!(err, "{decided} decided, {skipped} skipped")?;
    Ok(Outcome::Success)
}
