//! `dyad explain EVENT_ID`: why an event was extracted.

use super::{Ctx, Outcome, UsageError};
use anyhow::Result;
use dyad::query;
use dyad::store::EventFilter;
use std::io::Write;

/// Show the rule, trigger, actor, target and date behind an event
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The event id (the `id` field of `dyad events`)
    id: i64,
}

pub fn run(args: &Args, ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let rows = store.events(&EventFilter {
        event_id: Some(args.id),
        ..EventFilter::default()
    })?;
    let Some(s) = rows.first() else {
        return Err(UsageError(format!("no event {} in {}", args.id, store.path())).into());
    };
    let art = store.article(s.article_id)?;
    let text = art.as_ref().map_or("", |a| a.text.as_str());
    let e = &s.event;
    let show = |sp: Option<dyad::model::Span>| {
        sp.and_then(|sp| text.get(sp.start..sp.end))
            .map(|t| format!("“{}”", t.split_whitespace().collect::<Vec<_>>().join(" ")))
            .unwrap_or_else(|| "(from the article context)".into())
    };
    let mut w = std::io::stdout().lock();
    writeln!(w, "event {}: {}", s.id, e.summary)?;
    writeln!(
        w,
        "type:       {} (CAMEO {})",
        e.event_type,
        e.cameo.as_deref().unwrap_or("none")
    )?;
    writeln!(w, "rule:       {}", e.rule)?;
    writeln!(w, "trigger:    {}", show(Some(e.trigger)))?;
    writeln!(w, "actor:      {} {}", e.actor, show(e.actor_span))?;
    writeln!(w, "target:     {} {}", e.target, show(e.target_span))?;
    writeln!(w, "roles:      {}", e.role_note)?;
    let date = e.date.map(|d| match d.end {
        Some(end) => format!("{}..{end}", d.start),
        None => d.start.to_string(),
    });
    writeln!(
        w,
        "date:       {} ({})",
        date.as_deref().unwrap_or("undated"),
        e.date_basis
    )?;
    writeln!(w, "how dated:  {}", e.date_note)?;
    writeln!(w, "status:     {}; action: {}", e.status, e.action)?;
    writeln!(w, "confidence: {}", e.confidence)?;
    writeln!(
        w,
        "article:    {} ({})",
        s.article_key,
        s.title.as_deref().unwrap_or("untitled")
    )?;
    writeln!(w, "evidence:   {}", e.evidence)?;
    // the entry of this event in its pair's timeline, when reports were merged into it
    let pair = store.events(&EventFilter {
        pair: Some((e.actor.clone(), e.target.clone())),
        ..EventFilter::default()
    })?;
    let window = query::DEFAULT_MERGE_WINDOW_DAYS;
    let entry = query::merge_entries(pair, window)
        .into_iter()
        .find(|en| en.members.iter().any(|m| m.id == s.id));
    if let Some(en) = entry.filter(|en| en.members.len() > 1) {
        writeln!(
            w,
            "merged with: {} other report{} ({} articles, {} sources) in the {}–{} timeline",
            en.members.len() - 1,
            if en.members.len() == 2 { "" } else { "s" },
            en.articles,
            en.sources,
            e.actor,
            e.target
        )?;
        for m in en.members.iter().filter(|m| m.id != s.id) {
            let date = m.event.date.map(|d| match d.end {
                Some(end) => format!("{}..{end}", d.start),
                None => d.start.to_string(),
            });
            let why = query::merge_reason(s, m, window).unwrap_or_default();
            writeln!(
                w,
                "  event {}  article {}  {} ({}): {why}",
                m.id,
                m.article_key,
                date.as_deref().unwrap_or("undated"),
                m.event.date_basis
            )?;
        }
    }
    Ok(Outcome::Success)
}
