//! Event patterns from `data/patterns/*.toml`: each rule has a trigger (a regular expression over
//! the lower-cased sentence) and ordered lists of role slots that say where to look for the actor
//! and the target. [`apply`] turns one sentence into candidate events; the pipeline then dates,
//! filters and merges them.

mod apply;
mod load;

pub use apply::{apply, Candidate, SentenceView};
pub use load::RuleSet;

use crate::model::EventType;

/// Where a rule looks for a country, relative to its trigger. See data/README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// "China's detention of…": the country owning the trigger noun.
    Possessor,
    /// The nearest country before the trigger in its clause (not after a preposition).
    Subject,
    /// A subject that is an authority: like `subject`, never a private person's nationality.
    AuthoritySubject,
    /// "imposed by the Netherlands".
    By,
    /// The first country after the trigger in its clause (not in a "by" phrase).
    Object,
    /// "condemned Israel's crackdown": a possessive after the trigger.
    PossessorAfter,
    /// A place: "in Beijing", "to Moscow".
    Location,
    /// "talks with Japan".
    With,
    /// "from Russia".
    From,
    /// "Japan and China signed": first and second of two countries before the trigger.
    SubjectPair,
    /// "visiting Australian Foreign Minister": the visitor named after "visiting".
    Visitor,
    /// "Beijing visit by…": a place named before the trigger.
    DestinationBefore,
    /// "a Japanese national", "Russian diplomats": the nationality of the people acted on.
    Nationality,
    /// The target of the last event of the same story the article told of before (restrictions;
    /// detentions and releases): "the man was sentenced" after "a Japanese national was held".
    AntecedentTarget,
    /// The actor of that event.
    AntecedentActor,
    /// Whoever last acted on the actor, in this sentence or before: the target of a protest
    /// ("China arrested a Japanese national and Japan protested").
    Grievance,
    /// The country the article names most, other than the actor (a weak fallback).
    ArticlePartner,
}

impl Slot {
    /// True for slots that guess from the article rather than read the sentence.
    pub fn is_fallback(self) -> bool {
        matches!(
            self,
            Slot::ArticlePartner | Slot::AntecedentTarget | Slot::AntecedentActor | Slot::Grievance
        )
    }
}

/// The type a rule gives, or "the type of the restriction told of before" for generic words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleType {
    Fixed(EventType),
    AnaphoricRestriction,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub rule_type: RuleType,
    pub cameo: Option<String>,
    pub trigger: regex::Regex,
    pub actor: Vec<Slot>,
    pub target: Vec<Slot>,
    pub confidence: f64,
    pub exclude: Option<regex::Regex>,
    pub require: Option<regex::Regex>,
    /// Where it was defined, for `dyad explain`.
    pub origin: String,
}
