//! `dyad explain EVENT_ID`: why an event was extracted.

use super::{Ctx, Outcome, UsageError};
use anyhow::Result;
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
    Ok(Outcome::Success)
}
