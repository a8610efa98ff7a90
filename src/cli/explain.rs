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
    if s.origin != dyad::model::Origin::Extracted || s.review.is_some() {
        let origin = match s.origin {
            dyad::model::Origin::Extracted => "extracted",
            dyad::model::Origin::Kept => {
                "kept by a decision: the current rules no longer extract it"
            }
            dyad::model::Origin::User => "added by a person",
        };
        writeln!(
            w,
            "review:     {} ({origin})",
            s.review.map_or("not reviewed", |r| r.as_str())
        )?;
    }
    let decisions: Vec<_> = store
        .decisions(Some(s.article_id))?
        .into_iter()
        .filter(|d| d.snapshot.evidence == e.evidence || d.kind == dyad::model::DecisionKind::Add)
        .collect();
    for d in decisions.iter().rev() {
        writeln!(
            w,
            "decision {}: {} at {}{}{}",
            d.id,
            d.kind,
            d.decided_at,
            d.changes
                .as_ref()
                .map(|c| format!(" ({})", c.describe()))
                .unwrap_or_default(),
            d.note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        )?;
    }
    // the entry of this event in its pair's timeline, when reports were merged into it
    let window = query::DEFAULT_MERGE_WINDOW_DAYS;
    let entry = dyad::curate::entry_of_event(&store, s.id)?;
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
            let why = query::merge_reason(s, m, window).unwrap_or_else(|| {
                if m.merge_group.is_some() && m.merge_group == s.merge_group {
                    "merged by a person (dyad event merge)".into()
                } else {
                    String::new()
                }
            });
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
