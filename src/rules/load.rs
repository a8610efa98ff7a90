//! Reading and compiling pattern files, with `file:line` errors.

use super::{Rule, RuleType, Slot};
use crate::data::DataFile;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    cameo: Option<String>,
    trigger: String,
    actor: Vec<Slot>,
    target: Vec<Slot>,
    confidence: f64,
    exclude: Option<String>,
    require: Option<String>,
}

/// Every rule of every pattern file, in precedence order.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Every trigger in one pattern, to skip articles where no rule can fire.
    any: regex::Regex,
}

impl RuleSet {
    /// Whether any rule's trigger occurs in `lower` (an article lower-cased like sentences are).
    pub fn any_trigger(&self, lower: &str) -> bool {
        self.any.is_match(lower)
    }
}

fn line_of(content: &str, offset: usize) -> usize {
    content[..offset.min(content.len())].matches('\n').count() + 1
}

/// The line where `key = ...` for rule `id` is written, to point errors at it.
fn line_of_rule(content: &str, id: &str) -> usize {
    let needle_a = format!("id = \"{id}\"");
    let needle_b = format!("id = '{id}'");
    content
        .find(&needle_a)
        .or_else(|| content.find(&needle_b))
        .map_or(1, |o| line_of(content, o))
}

impl RuleSet {
    pub fn load(files: &[DataFile]) -> Result<RuleSet> {
        let mut rules = Vec::new();
        let mut ids = HashSet::new();
        for f in files {
            let raw: RawFile = toml::from_str(&f.content).map_err(|e| Error::Data {
                path: f.name.clone(),
                line: e.span().map_or(1, |s| line_of(&f.content, s.start)),
                message: e.message().to_string(),
            })?;
            for r in raw.rule {
                let line = line_of_rule(&f.content, &r.id);
                let err = |message: String| Error::Data {
                    path: f.name.clone(),
                    line,
                    message,
                };
                if !ids.insert(r.id.clone()) {
                    return Err(err(format!("duplicate rule id \"{}\"", r.id)));
                }
                let rule_type = if r.event_type == "anaphoric_restriction" {
                    RuleType::AnaphoricRestriction
                } else {
                    RuleType::Fixed(r.event_type.parse().map_err(&err)?)
                };
                let re = |what: &str, s: &str| {
                    regex::Regex::new(s)
                        .map_err(|e| err(format!("rule \"{}\": invalid {what} pattern: {e}", r.id)))
                };
                if !(0.0..=1.0).contains(&r.confidence) {
                    return Err(err(format!(
                        "rule \"{}\": confidence {} is not between 0 and 1",
                        r.id, r.confidence
                    )));
                }
                if r.actor.is_empty() || r.target.is_empty() {
                    return Err(err(format!(
                        "rule \"{}\": actor and target need a slot",
                        r.id
                    )));
                }
                rules.push(Rule {
                    trigger: re("trigger", &r.trigger)?,
                    exclude: r.exclude.as_deref().map(|s| re("exclude", s)).transpose()?,
                    require: r.require.as_deref().map(|s| re("require", s)).transpose()?,
                    id: r.id,
                    rule_type,
                    cameo: r.cameo,
                    actor: r.actor,
                    target: r.target,
                    confidence: r.confidence,
                    origin: format!("{}:{line}", f.name),
                });
            }
        }
        let any = regex::Regex::new(
            &rules
                .iter()
                .map(|r| format!("(?:{})", r.trigger.as_str()))
                .collect::<Vec<_>>()
                .join("|"),
        )
        .map_err(|e| Error::Invalid(format!("combining the rule triggers: {e}")))?;
        Ok(RuleSet { rules, any })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(content: &str) -> DataFile {
        DataFile {
            name: "p.toml".into(),
            content: content.into(),
        }
    }

    #[test]
    fn embedded_patterns_load() {
        let rs = RuleSet::load(&crate::data::DataFiles::embedded().patterns).unwrap();
        assert!(rs.rules.len() > 10);
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("[[rule]]\nid = \"a\"\ntype = \"visitt\"\ntrigger = 'x'\nactor = [\"subject\"]\ntarget = [\"object\"]\nconfidence = 0.5\n",
             "p.toml:2: unknown event type \"visitt\""),
            ("[[rule]]\nid = \"a\"\ntype = \"visit\"\ntrigger = '('\nactor = [\"subject\"]\ntarget = [\"object\"]\nconfidence = 0.5\n",
             "p.toml:2: rule \"a\": invalid trigger pattern"),
            ("[[rule]]\nid = \"a\"\ntype = \"visit\"\ntrigger = 'x'\nactor = [\"somewhere\"]\ntarget = [\"object\"]\nconfidence = 0.5\n",
             "p.toml:5: unknown variant `somewhere`"),
            ("[[rule]]\nid = \"a\"\ntype = \"visit\"\ntrigger = 'x'\nactor = [\"subject\"]\ntarget = [\"object\"]\nconfidence = 1.5\n",
             "p.toml:2: rule \"a\": confidence 1.5"),
        ];
        for (content, want) in cases {
            let e = RuleSet::load(&[file(content)]).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}\n wanted {want}");
        }
    }
}
