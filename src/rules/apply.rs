//! Applying rules to one sentence: trigger matching, clause limits, role slots, modality.

use super::{Rule, RuleSet, RuleType, Slot};
use crate::gazetteer::TitleClass;
use crate::gazetteer::{Gazetteer, Mention, MentionKind};
use crate::model::{Action, EventType, Span, Status};
use crate::text::Token;

/// A sentence prepared for the rules: tokens, mentions and what the article told before it.
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub sentence: Span,
    pub tokens: Vec<Token>,
    /// Mentions in the sentence with their first and last token index.
    pub mentions: Vec<(Mention, usize, usize)>,
    /// The sentence lower-cased, apostrophes straightened, whitespace folded.
    pub lower: String,
    /// `lower` byte offset → article byte offset (one entry per byte, plus the end).
    pub map: Vec<usize>,
    /// The last official or introduced person before this sentence (for "he", "she").
    pub prev_person: Option<Mention>,
    /// Countries of the article by number of mentions, most first.
    pub article_countries: &'a [(String, usize)],
    /// Countries named in the sentence before.
    pub prev_codes: Vec<String>,
    /// The last event of each story the article told of before (restrictions; detentions and
    /// releases): type, actor, target.
    pub antecedents: &'a [(EventType, String, String)],
    pub gazetteer: &'a Gazetteer,
}

/// An event found by a rule before dating and merging.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub rule: usize,
    pub event_type: EventType,
    pub trigger: Span,
    pub trigger_tokens: (usize, usize),
    pub clause: (usize, usize),
    pub actor: String,
    pub actor_span: Option<Span>,
    pub actor_slot: Slot,
    pub target: String,
    pub target_span: Option<Span>,
    pub target_slot: Slot,
    pub status: Status,
    pub action: Action,
    pub confidence: f64,
}

const CLAUSE_BREAKS: &[&str] = &[
    ";",
    "—",
    "–",
    "that",
    "which",
    "who",
    "whom",
    "while",
    "whereas",
    "although",
    "though",
    "because",
    "but",
    "after",
    "before",
    "when",
    "where",
    "whose",
    "if",
    "unless",
    "(",
    ")",
    "following",
    "amid",
    "despite",
];

const BLOCKING: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "with",
    "against",
    "on",
    "of",
    "by",
    "for",
    "between",
    "toward",
    "towards",
    "into",
    "over",
    "about",
    "including",
    "like",
    "than",
    "across",
    "near",
    "among",
    "within",
    "amid",
    "via",
    "under",
    "per",
    "beyond",
    "around",
    "outside",
    "inside",
    "despite",
    "throughout",
    "upon",
    "besides",
    "except",
    "unlike",
];

const QUOTES: &[&str] = &["\"", "“", "”", "'", "’"];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "two", "three",
];

const HYPOTHETICAL: &[&str] = &[
    "must",
    "close",
    "speculation",
    "speculated",
    "face",
    "possibility",
    "risk",
    "prospect",
    "open",
    "ready",
    "willing",
    "prepared",
    "failed",
    "fail",
    "fails",
    "not",
    "n't",
    "never",
    "no",
    "denied",
    "deny",
    "denies",
    "denying",
    "refused",
    "refuses",
    "refuse",
    "may",
    "might",
    "could",
    "should",
    "threatened",
    "threatens",
    "threatening",
    "threaten",
    "urged",
    "urge",
    "urges",
    "urging",
    "demanded",
    "demand",
    "demands",
    "demanding",
    "considering",
    "consider",
    "considers",
    "considered",
    "weighing",
    "weighs",
    "proposed",
    "propose",
    "proposes",
    "possible",
    "potential",
    "seek",
    "seeking",
    "sought",
    "seeks",
    "want",
    "wants",
    "wanted",
    "asked",
    "ask",
    "asks",
    "without",
    "warned",
    "warns",
    "warning",
    "mulls",
    "mulling",
    "pushing",
    "push",
    "lobbying",
    "calls",
    "call",
    "called",
    "calling",
    "pressing",
    "pressed",
    "avoid",
    "avert",
    "stop",
    "prevent",
    "hypothetical",
    "rumored",
    "rumoured",
    "alleged",
    "reportedly",
    "ruled",
    "rule",
    "against",
    "opposes",
    "opposed",
    "oppose",
];

/// "the two countries", "both sides": the article's pair.
const PAIR_NOUNS: &[&str] = &[
    "countries",
    "governments",
    "sides",
    "nations",
    "leaders",
    "ministers",
    "neighbours",
    "neighbors",
    "delegations",
    "presidents",
    "capitals",
    "allies",
    "rivals",
];

/// "the leaders", "the prime ministers": the two sides' officials, the article's pair.
const PAIR_OFFICIALS: &[&str] = &[
    "leaders",
    "ministers",
    "prime ministers",
    "presidents",
    "foreign ministers",
    "defence ministers",
    "defense ministers",
    "trade ministers",
    "heads of state",
];

/// Verbs that make the clause they govern not an event: demands ("demanded that Ottawa drop
/// its tariff") and denials ("denied that it had arrested").
const DEMAND: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "demanded",
    "demands",
    "demanding",
    "urged",
    "urges",
    "insisted",
    "insists",
    "asked",
    "asks",
    "proposed",
    "proposes",
    "suggested",
    "suggests",
    "wants",
    "wanted",
    "hoped",
    "hopes",
];

const PLANNED: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "plans",
    "plan",
    "planning",
    "scheduled",
    "expected",
    "set",
    "due",
    "going",
    "intends",
    "intend",
    "intending",
    "to",
    "upcoming",
    "next",
    "would",
    "prepares",
    "preparing",
];

const CANCELLED: &[&str] = &[
    "called off",
    "cancelled",
    "canceled",
    "postponed",
    "scrapped",
    "supposed to",
    "shelved",
    "calls off",
    "cancels",
];

const LIFT: &[&str] = &[
    "lift",
    "lifted",
    "lifts",
    "lifting",
    "remove",
    "removed",
    "removes",
    "removing",
    "scrap",
    "scrapped",
    "drop",
    "dropped",
    "ended",
    "ending",
    "suspend",
    "suspended",
    "suspends",
    "waive",
    "waived",
    "revoke",
    "revoked",
    "rescind",
    "rescinded",
    "rolled",
    "repeal",
    "repealed",
    "forego",
    "forgo",
    "forgoes",
];
const EASE: &[&str] = &[
    "ease", "eased", "eases", "easing", "relax", "relaxed", "relaxes", "loosen", "loosened",
    "softened", "cut", "cuts", "cutting", "reduced", "reduce", "reduces", "reducing", "lowered",
    "lower", "lowers", "lowering", "slashed",
];

const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "according",
    "reported",
    "wrote",
    "tweeted",
    "announced",
];

impl SentenceView<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// Token index whose span contains byte `b` (or the next token after it).
    fn token_at(&self, b: usize) -> usize {
        self.tokens
            .iter()
            .position(|t| t.span.end > b)
            .unwrap_or(self.tokens.len())
    }

    /// "partner after Mexico, by imposing…": "after" as a preposition before a country closed
    /// by a comma does not open a clause.
    fn prepositional(&self, i: usize) -> bool {
        if !["after", "before", "following", "since"].contains(&self.word(i)) {
            return false;
        }
        match self.mentions.iter().find(|m| m.1 == i + 1) {
            Some(m) => [",", ".", ";"].contains(&self.word(m.2 + 1)),
            None => false,
        }
    }

    fn clause(&self, t0: usize, t1: usize) -> (usize, usize) {
        let mut c0 = 0;
        for i in (0..t0).rev() {
            if CLAUSE_BREAKS.contains(&self.word(i)) && !self.prepositional(i) {
                c0 = i + 1;
                break;
            }
        }
        let mut c1 = self.tokens.len();
        for i in t1..self.tokens.len() {
            if CLAUSE_BREAKS.contains(&self.word(i)) && !self.prepositional(i) {
                c1 = i;
                break;
            }
        }
        (c0, c1)
    }

    /// The word before token `i`, skipping determiners.
    fn governing(&self, i: usize) -> &str {
        let mut j = i;
        while j > 0 {
            j -= 1;
            let w = self.word(j);
            if !DETERMINERS.contains(&w) {
                return w;
            }
        }
        ""
    }

    /// The title (if any) right after mention `m` ("Japanese national", "Chinese authorities").
    fn title_after(&self, last: usize) -> Option<TitleClass> {
        // "South Korea's national team", "Yemen's Houthi rebels"
        let last = if self.word(last + 1) == "'s" {
            last + 1
        } else {
            last
        };
        for skip in 0..=2 {
            let from = last + 1 + skip;
            let words: Vec<&str> = (from..(from + 3).min(self.tokens.len()))
                .map(|i| self.word(i))
                .collect();
            if let Some((_, c)) = self.gazetteer.title_at(&words) {
                return Some(c);
            }
            // allow "-born", numbers and adjectives in between, not a verb ("Russia sentenced
            // American journalist…") nor another country
            let w = self.word(from);
            if w.is_empty()
                || !w.chars().all(|c| c.is_alphanumeric() || c == '-')
                || (w.ends_with("ed") && !w.contains('-'))
                || self.mentions.iter().any(|(_, f, _)| *f == from)
            {
                break;
            }
        }
        None
    }

    fn is_person(&self, mi: usize) -> bool {
        let (m, _, last) = &self.mentions[mi];
        matches!(
            m.kind,
            MentionKind::Demonym | MentionKind::Person | MentionKind::Company
        ) || (matches!(m.kind, MentionKind::Adjective | MentionKind::Name)
            && self.title_after(*last) == Some(TitleClass::Person))
    }

    fn possessive_after(&self, last: usize) -> bool {
        self.word(last + 1) == "'s"
    }

    fn passive(&self, t0: usize, t1: usize) -> bool {
        let verb_like =
            |w: &str| w.ends_with("ed") || ["held", "taken", "seen", "freed"].contains(&w);
        let aux = ["was", "were", "been", "being", "is", "are", "be", "got"];
        // "was detained", "was quickly detained", a trigger that holds its own auxiliary
        // ("has been held"), or a reduced relative after the person: "Americans detained in
        // China", "a Japanese national held since March"
        let last = self.word(t1.saturating_sub(1));
        let after_aux = t0 > 0
            && (aux.contains(&self.word(t0 - 1))
                || (t0 > 1
                    && aux.contains(&self.word(t0 - 2))
                    && self.word(t0 - 1).ends_with("ly")));
        let own_aux = (t0..t1).any(|k| aux.contains(&self.word(k))) && verb_like(last);
        // …but "Militants abducted three workers" is active: an object follows
        let object_follows = {
            let w = self.word(t1);
            [
                "a", "an", "the", "his", "her", "their", "its", "two", "three", "several", "dozens",
            ]
            .contains(&w)
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || self.mentions.iter().any(|m| m.1 == t1)
        };
        let reduced = t0 > 0
            && t1 == t0 + 1
            && !object_follows
            && verb_like(self.word(t0))
            && (self
                .mentions
                .iter()
                .enumerate()
                .any(|(i, m)| m.2 + 1 == t0 && self.is_person(i))
                || self.gazetteer.title_at(&[self.word(t0 - 1)]).map(|x| x.1)
                    == Some(TitleClass::Person));
        // "a Chinese diplomat accused of targeting…": "accused of" with no object between is
        // always passive
        let accused_of = self.word(t0) == "accused" && self.word(t1) == "of";
        (verb_like(self.word(t0)) && after_aux) || own_aux || reduced || accused_of
    }

    /// Mentions satisfying `slot`, best first, as indices into `self.mentions`. A private
    /// person stands for a country only as the one acted upon (nationality, object).
    fn slot(
        &self,
        slot: Slot,
        t0: usize,
        t1: usize,
        clause: (usize, usize),
        for_actor: bool,
    ) -> Vec<usize> {
        let mut out = self.slot_raw(slot, t0, t1, clause, for_actor);
        if for_actor
            || !matches!(
                slot,
                Slot::Nationality | Slot::Object | Slot::Possessor | Slot::PossessorAfter
            )
        {
            // "Chinese students", "Japanese carmaker Toyota": private parties do not act
            out.retain(|&i| i >= self.mentions.len() || !self.is_person(i));
        }
        if slot == Slot::Location {
            // a place far from the trigger is the scene of something else
            out.retain(|&i| i >= self.mentions.len() || self.mentions[i].1.abs_diff(t0) <= 12);
        }
        out
    }

    fn slot_raw(
        &self,
        slot: Slot,
        t0: usize,
        t1: usize,
        clause: (usize, usize),
        for_actor: bool,
    ) -> Vec<usize> {
        let (c0, c1) = clause;
        let ms = &self.mentions;
        let in_clause = |i: usize| ms[i].1 >= c0 && ms[i].2 < c1;
        let before: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].2 < t0).collect();
        let after: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].1 >= t1).collect();
        match slot {
            Slot::Possessor => {
                // "China's (recent) detention", "Japanese foreign minister's visit"
                let mut out = Vec::new();
                for &i in before.iter().rev() {
                    let last = ms[i].2;
                    if t0 - last > 6 {
                        break;
                    }
                    if for_actor && self.is_person(i) {
                        continue;
                    }
                    let mut j = last + 1;
                    // skip a title after an adjective: "Japanese foreign minister's"
                    while j < t0
                        && self.word(j) != "'s"
                        && self.word(j).chars().all(|c| c.is_alphabetic())
                        && t0 - j <= 5
                    {
                        j += 1;
                    }
                    if self.word(j) == "'s"
                        && t0 - j <= 4
                        && (j + 1..t0).all(|k| {
                            self.word(k)
                                .chars()
                                .all(|c| c.is_alphanumeric() || c == '-')
                        })
                    {
                        out.push(i);
                        break;
                    }
                }
                out
            }
            Slot::Subject | Slot::AuthoritySubject => {
                if for_actor && self.passive(t0, t1) {
                    return Vec::new();
                }
                let mut out: Vec<usize> = before
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| in_clause(i))
                    .filter(|&i| !BLOCKING.contains(&self.governing(ms[i].1)))
                    // "partner after Mexico, by imposing…": "after" used as a preposition
                    .filter(|&i| {
                        !(["after", "before", "following", "since", "amid", "despite"]
                            .contains(&self.governing(ms[i].1))
                            && [",", ".", ";", ""].contains(&self.word(ms[i].2 + 1)))
                    })
                    .filter(|&i| !self.is_person(i))
                    .collect();
                // "he", "she" or "who" opening the clause: the nearest official named before
                // in the sentence ("Hayashi raised it when he visited Beijing", "Wang Qishan,
                // who was in Tokyo"), else the last one of the sentences before
                let opener = [self.word(c0), self.word(c0.saturating_sub(1))];
                if out.is_empty() && opener.iter().any(|w| ["he", "she", "who"].contains(w)) {
                    let here = before
                        .iter()
                        .rev()
                        .copied()
                        .find(|&i| ms[i].0.kind == MentionKind::Official);
                    if let Some(i) = here {
                        return vec![i];
                    }
                    if self.prev_person.is_some()
                        && opener.iter().any(|w| ["he", "she"].contains(w))
                    {
                        return vec![usize::MAX - 1];
                    }
                }
                // "The Netherlands announced that it would tighten…": "it" or "they" opening a
                // clause is the country that governs the sentence before it
                if out.is_empty() && c0 > 0 && ["it", "they"].contains(&self.word(c0)) {
                    if let Some(i) = before.iter().copied().find(|&i| {
                        !self.is_person(i) && !BLOCKING.contains(&self.governing(ms[i].1))
                    }) {
                        return vec![i];
                    }
                }
                // "Asked while en route Monday to Jeddah whether…, Rubio said": a sentence
                // opened by a participle or "while" clause has its subject after the clause,
                // where a speaker follows a comma
                if out.is_empty()
                    && for_actor
                    && (["asked", "while", "speaking", "talking"].contains(&self.word(0))
                        || QUOTES.contains(&self.word(0)))
                    && !(1..t0).any(|k| self.word(k) == ",")
                {
                    if let Some(i) = after.iter().copied().find(|&i| {
                        let (first, last) = (ms[i].1, ms[i].2);
                        // the comma, past closing quotes and a title ("…," Secretary of State X)
                        let mut k = first;
                        while k > t1
                            && k + 4 > first
                            && (QUOTES.contains(&self.word(k - 1))
                                || self.word(k - 1).chars().all(|c| c.is_alphabetic()))
                        {
                            k -= 1;
                        }
                        while k > t1 && QUOTES.contains(&self.word(k - 1)) {
                            k -= 1;
                        }
                        k > t1
                            && self.word(k - 1) == ","
                            && !(0..ms.len()).any(|j| ms[j].2 + 2 == k)
                            // "Rubio said", "the U.S. statement said"
                            && (last + 1..last + 3).any(|k| {
                                ["said", "says", "told", "added", "replied"]
                                    .contains(&self.word(k))
                                    && (last + 1..k).all(|j| {
                                        ["statement", "mission", "embassy", "spokesperson",
                                         "spokesman", "spokeswoman", "ministry"]
                                            .contains(&self.word(j))
                                    })
                            })
                            && !self.is_person(i)
                    }) {
                        return vec![i];
                    }
                }
                // "Pakistani officials blamed India, accusing it of…": a participle after a
                // comma shares the subject of the main clause, the first country named
                if t0 > 0 && self.word(t0 - 1) == "," && self.word(t0).ends_with("ing") {
                    out.reverse();
                }
                out.truncate(3);
                out
            }
            // "by the Netherlands", "by President Xi Jinping"
            Slot::By => after
                .iter()
                .copied()
                .filter(|&i| {
                    in_clause(i)
                        && (ms[i].1.saturating_sub(4)..ms[i].1).any(|k| self.word(k) == "by")
                })
                .collect(),
            Slot::Object if !for_actor && self.passive(t0, t1) => {
                // "X was sanctioned by Y": the target is the grammatical subject
                before
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| in_clause(i))
                    .collect()
            }
            Slot::Object => {
                // "on China", "against Russia" and "China's access" before plain mentions; an
                // adjective that ends a long trigger counts too ("barred Japanese products")
                let mut out: Vec<usize> = (0..ms.len())
                    .filter(|&i| {
                        ms[i].1 >= t1
                            || (ms[i].1 > t0
                                && ms[i].0.kind == MentionKind::Adjective
                                && ms[i].2 + 3 >= t1)
                    })
                    .filter(|&i| in_clause(i) && ms[i].1.saturating_sub(t1) <= 15)
                    // "militants on Afghan soil": a place, not a party
                    .filter(|&i| {
                        !(ms[i].0.kind == MentionKind::Adjective
                            && [
                                "soil",
                                "territory",
                                "airspace",
                                "waters",
                                "land",
                                "capital",
                                "city",
                                "border",
                            ]
                            .contains(&self.word(ms[i].2 + 1)))
                    })
                    // not an agent ("sanctioned by Japan") nor a source, but "disappointed by
                    // Somalia's decision" names the one it is about
                    .filter(|&i| {
                        !["by", "from"].contains(&self.governing(ms[i].1))
                            || self.possessive_after(ms[i].2)
                    })
                    .collect();
                out.sort_by_key(|&i| {
                    let g = self.governing(ms[i].1);
                    let rank = if [
                        "on",
                        "against",
                        "at",
                        "targeting",
                        "to",
                        "toward",
                        "towards",
                        "with",
                    ]
                    .contains(&g)
                        // the direct object: "denounced a U.S. attack on an Iranian platform"
                        || (t1..ms[i].1).all(|k| DETERMINERS.contains(&self.word(k)))
                    {
                        0
                    } else if self.possessive_after(ms[i].2) {
                        1
                    } else {
                        2
                    };
                    (rank, ms[i].1)
                });
                out
            }
            Slot::PossessorAfter => after
                .iter()
                .copied()
                .filter(|&i| in_clause(i) && self.possessive_after(ms[i].2))
                .collect(),
            Slot::Location => {
                let mut out: Vec<usize> = (0..ms.len())
                    .filter(|&i| {
                        let g = self.governing(ms[i].1);
                        (matches!(
                            ms[i].0.kind,
                            MentionKind::Name | MentionKind::Capital | MentionKind::Former
                        ) && ["in", "to", "at", "inside", "visiting"].contains(&g))
                            // "in Chinese custody", "in the Chinese border city of Dandong"
                            || (ms[i].0.kind == MentionKind::Adjective
                                && ["in", "inside", "from"].contains(&g))
                    })
                    .collect();
                out.sort_by_key(|&i| (ms[i].1 as isize - t0 as isize).unsigned_abs());
                out
            }
            Slot::With | Slot::From => {
                let word = if slot == Slot::With { "with" } else { "from" };
                let mut out = Vec::new();
                for &i in &after {
                    let lo = ms[i].1.saturating_sub(4).max(t1);
                    if (lo..ms[i].1).any(|k| self.word(k) == word)
                        && ms[i].1 - t1 <= 10
                        && in_clause(i)
                    {
                        out.push(i);
                    }
                }
                out
            }
            Slot::SubjectPair => {
                // "Japan's Kishida and China's Xi met": a list of countries that ends right
                // before the trigger (titles and names between allowed)
                let mut codes: Vec<usize> = Vec::new();
                for &i in before.iter().filter(|&&i| in_clause(i)) {
                    if BLOCKING.contains(&self.governing(ms[i].1))
                        && self.governing(ms[i].1) != "and"
                    {
                        continue;
                    }
                    let mut chain = vec![i];
                    chain.extend(
                        self.coordinated(Some(ms[i].0.span))
                            .into_iter()
                            .filter(|&j| ms[j].2 < t0),
                    );
                    let last = ms[*chain.last().unwrap_or(&i)].2;
                    let mut distinct: Vec<usize> = Vec::new();
                    for &j in &chain {
                        if !distinct.iter().any(|&k| ms[k].0.code == ms[j].0.code) {
                            distinct.push(j);
                        }
                    }
                    // "Tokyo and Washington shared concerns over China's … and agreed to": a
                    // second verb shares the pair that opens the clause
                    let shared = t0 > 0 && self.word(t0 - 1) == "and";
                    if distinct.len() >= 2 && (t0 - last <= 5 || shared) {
                        codes = distinct;
                        break;
                    }
                }
                if codes.len() < 2 {
                    // "the group that South Korea and the United States established": the pair
                    // inside a relative trigger
                    if let Some(i) = (0..ms.len()).find(|&i| ms[i].1 > t0 && ms[i].2 < t1) {
                        let mut chain = vec![i];
                        chain.extend(
                            self.coordinated(Some(ms[i].0.span))
                                .into_iter()
                                .filter(|&j| ms[j].2 < t1),
                        );
                        let mut distinct: Vec<usize> = Vec::new();
                        for &j in &chain {
                            if !distinct.iter().any(|&k| ms[k].0.code == ms[j].0.code) {
                                distinct.push(j);
                            }
                        }
                        if distinct.len() >= 2 {
                            codes = distinct;
                        }
                    }
                }
                if codes.len() < 2 {
                    // "between A and B" after the trigger
                    codes = after
                        .iter()
                        .copied()
                        .filter(|&i| {
                            in_clause(i) && ["between", "and"].contains(&self.governing(ms[i].1))
                        })
                        .collect();
                }
                if codes.len() < 2 {
                    // "the two countries signed…", "both sides agreed": the pair the article
                    // is about, its two most named countries
                    let words = self.window(c0, c1.max(t1));
                    // also "the leaders", "the prime ministers", "the ministers'"
                    let pair_phrase = words
                        .windows(3)
                        .any(|w| w[0] == "the" && w[1] == "two" && PAIR_NOUNS.contains(&w[2]))
                        || words.windows(2).any(|w| {
                            (w[0] == "both" && PAIR_NOUNS.contains(&w[1]))
                                || (w[0] == "the" && PAIR_OFFICIALS.contains(&w[1]))
                        })
                        || words.windows(3).any(|w| {
                            w[0] == "the"
                                && PAIR_OFFICIALS.contains(&format!("{} {}", w[1], w[2]).as_str())
                        });
                    if pair_phrase && self.article_countries.len() >= 2 {
                        return if for_actor {
                            vec![usize::MAX - 4]
                        } else {
                            vec![usize::MAX - 4, usize::MAX - 5]
                        };
                    }
                    return Vec::new();
                }
                if for_actor {
                    vec![codes[0]]
                } else {
                    // the other party: whichever of the pair is not the actor
                    codes
                }
            }
            Slot::Visitor => {
                if self.word(t0) == "visiting" {
                    after
                        .iter()
                        .copied()
                        .filter(|&i| ms[i].1 <= t1 + 1)
                        .collect()
                } else {
                    Vec::new()
                }
            }
            Slot::DestinationBefore => before
                .iter()
                .rev()
                .copied()
                .filter(|&i| {
                    t0 - ms[i].2 <= 2
                        && matches!(ms[i].0.kind, MentionKind::Name | MentionKind::Capital)
                })
                .collect(),
            Slot::Nationality => {
                // after the trigger's first word: "ordered a Canadian diplomat to leave"
                let persons_after: Vec<usize> = (0..ms.len())
                    .filter(|&i| ms[i].1 > t0)
                    .filter(|&i| {
                        self.is_person(i) && (in_clause(i) || ms[i].1.saturating_sub(t1) <= 6)
                    })
                    .collect();
                // "a Japanese employee …, who was taken into custody": the person the relative
                // clause hangs on
                let relative = c0 > 0 && self.word(c0 - 1) == "who";
                let persons_before: Vec<usize> = before
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&i| self.is_person(i) && (in_clause(i) || relative))
                    .collect();
                let officials_after: Vec<usize> = (0..ms.len())
                    .filter(|&i| ms[i].1 > t0)
                    .filter(|&i| {
                        matches!(ms[i].0.kind, MentionKind::Adjective)
                            && self.title_after(ms[i].2) == Some(TitleClass::Official)
                            && ms[i].1.saturating_sub(t1) <= 6
                    })
                    .collect();
                // "expelled two Russian diplomats … the killing of a Georgian man": the people
                // nearest after the trigger, private or official
                let mut out = persons_after;
                out.extend(officials_after);
                out.sort_by_key(|&i| ms[i].1);
                out.dedup();
                out.extend(persons_before);
                out
            }
            Slot::AntecedentTarget | Slot::AntecedentActor => vec![usize::MAX - 2],
            Slot::ArticlePartner => vec![usize::MAX - 3],
            // resolved in `candidate` from the events told before
            Slot::Grievance => Vec::new(),
        }
    }

    /// Country and span of a slot result (pseudo-indices stand for context guesses).
    fn resolve(
        &self,
        i: usize,
        slot: Slot,
        event_type: EventType,
        actor: Option<&str>,
    ) -> Option<(String, Option<Span>)> {
        match i {
            x if x == usize::MAX - 1 => self.prev_person.as_ref().map(|p| (p.code.clone(), None)),
            // a detention story goes on only in a sentence that names no other country
            // ("similar restrictions imposed by the Netherlands" still aim at the same target)
            x if x == usize::MAX - 2 => self
                .antecedent_for(event_type)
                .filter(|(_, a, t)| {
                    !matches!(event_type, EventType::Detention | EventType::Release)
                        || self
                            .mentions
                            .iter()
                            .all(|(m, _, _)| &m.code == a || &m.code == t)
                })
                .map(|(_, a, t)| {
                    (
                        if slot == Slot::AntecedentActor { a } else { t }.clone(),
                        None,
                    )
                }),
            x if x == usize::MAX - 4 => self
                .article_countries
                .first()
                .map(|(c, _)| (c.clone(), None)),
            x if x == usize::MAX - 5 => self
                .article_countries
                .get(1)
                .map(|(c, _)| (c.clone(), None)),
            x if x == usize::MAX - 3 => {
                // a country of this sentence, else of the one before, that the article names
                // at least twice: the most named first
                let here: Vec<&str> = self
                    .mentions
                    .iter()
                    .map(|(m, _, _)| m.code.as_str())
                    .collect();
                let pick = |codes: &[&str]| {
                    self.article_countries
                        .iter()
                        .find(|(c, n)| {
                            Some(c.as_str()) != actor && *n >= 2 && codes.contains(&c.as_str())
                        })
                        .map(|(c, _)| (c.clone(), None))
                };
                pick(&here)
                    .or_else(|| {
                        let prev: Vec<&str> = self.prev_codes.iter().map(String::as_str).collect();
                        pick(&prev)
                    })
                    .or_else(|| {
                        // "the United States is deeply disappointed by the approval of the
                        // bill": a protest about the country the article is about, when it
                        // dominates the article; so is an export control ("the U.S. has banned
                        // the supply of advanced chips" in a story about China)
                        let (top, n) = self.article_countries.first()?;
                        let second = self.article_countries.get(1).map_or(0, |x| x.1);
                        (matches!(event_type, EventType::Protest | EventType::ExportControl)
                            && Some(top.as_str()) != actor
                            && *n >= 4
                            && *n >= 2 * second)
                            .then(|| (top.clone(), None))
                    })
            }
            _ => self
                .mentions
                .get(i)
                .map(|(m, _, _)| (m.code.clone(), Some(m.span))),
        }
    }

    fn window(&self, from: usize, to: usize) -> Vec<&str> {
        (from..to.min(self.tokens.len()))
            .map(|i| self.word(i))
            .collect()
    }

    fn status(&self, t0: usize, t1: usize, clause: (usize, usize)) -> Option<Status> {
        let lo = t0.saturating_sub(7).max(clause.0);
        let win = self.window(lo, t0);
        let joined = self.lower.as_str();
        if CANCELLED.iter().any(|c| joined.contains(c)) {
            return Some(Status::Cancelled);
        }
        // "…without delay, as the two leaders met": the words before ", as" are another clause's
        let from = win
            .windows(2)
            .rposition(|w| w[0] == "," && ["as", "while", "when"].contains(&w[1]))
            .map_or(0, |k| k + 2);
        if win[from..].iter().any(|w| HYPOTHETICAL.contains(w)) {
            return None;
        }
        // "If Japan imposes sanctions…": a condition is not an event
        if clause.0 > 0 && ["if", "unless"].contains(&self.word(clause.0 - 1)) {
            return None;
        }
        // "Kishida urged Xi on Thursday to lift the ban": what a demand asks for, after its "to"
        let before = self.window(clause.0, t0);
        if let Some(d) = before.iter().position(|w| {
            DEMAND.contains(w) || ["called", "calls", "pressed", "presses", "pushed"].contains(w)
        }) {
            // "urged Xi to lift the ban, as the two leaders met": the demand ends at ", as"
            let ended = before[d..]
                .windows(2)
                .any(|w| w[0] == "," && ["as", "while", "when"].contains(&w[1]));
            if before[d..].contains(&"to") && !ended {
                return None;
            }
        }
        // "Trump demanded that Ottawa drop its tariff": a clause governed by a demand ("Asked
        // while en route to…", opening the sentence, is a question put to the speaker)
        let from = clause.0.saturating_sub(6);
        let governed = self.window(from, clause.0);
        if governed
            .iter()
            .enumerate()
            .any(|(k, w)| DEMAND.contains(w) && !(from + k == 0 && *w == "asked"))
        {
            return None;
        }
        // "releasing Lai may be in Beijing's interest": a modal right after a noun-like trigger
        let after = self.window(t1, t1 + 3);
        if !self.word(t0).ends_with("ed")
            && after
                .iter()
                .any(|w| ["may", "might", "could", "would", "should"].contains(w))
        {
            return None;
        }
        let near_lo = t0.saturating_sub(4).max(clause.0);
        let near = self.window(near_lo, t0);
        // "The next day, China detained…": "the next" with a unit of time tells a story on
        let narrated = |k: usize| {
            near_lo + k > 0
                && self.word(near_lo + k - 1) == "the"
                && near_lo + k + 1 < t0
                && [
                    "day",
                    "morning",
                    "afternoon",
                    "evening",
                    "night",
                    "week",
                    "month",
                    "year",
                ]
                .contains(&self.word(near_lo + k + 1))
        };
        let planned = near.iter().enumerate().any(|(k, w)| {
            PLANNED.contains(w)
                && !(*w == "next" && narrated(k))
                && (*w != "to"
                    || k > 0
                        && [
                            "plans",
                            "scheduled",
                            "expected",
                            "set",
                            "due",
                            "going",
                            "is",
                            "are",
                            "intends",
                            "planning",
                            "prepares",
                            "preparing",
                            "plan",
                        ]
                        .contains(&near[k - 1]))
                && *w != "would"
        }) || (near.contains(&"would")
            && win
                .iter()
                .any(|w| ["said", "says", "announced"].contains(w)));
        Some(if planned {
            Status::Planned
        } else {
            Status::Occurred
        })
    }

    fn action(&self, t0: usize, t1: usize) -> Action {
        // the trigger's own words count only when they lift a measure ("lifted the ban"), not
        // when they are the measure ("suspended imports" imposes a ban)
        let own = self.window(t0, t1);
        let measure = [
            "ban",
            "bans",
            "embargo",
            "tariff",
            "tariffs",
            "duties",
            "sanctions",
            "restrictions",
        ];
        if own.iter().any(|w| measure.contains(w)) {
            if EASE.contains(&self.word(t0)) {
                return Action::Eased;
            }
            if LIFT.contains(&self.word(t0)) {
                return Action::Lifted;
            }
        }
        let mut win = self.window(t0.saturating_sub(5), t0);
        win.extend(self.window(t1, t1 + 4));
        if win.iter().any(|w| EASE.contains(w)) {
            Action::Eased
        } else if win.iter().any(|w| LIFT.contains(w)) {
            Action::Lifted
        } else {
            Action::Imposed
        }
    }

    /// The last event of the same story as `t`: restrictions go with restrictions, detentions
    /// with releases.
    pub fn antecedent(&self, t: EventType) -> Option<&(EventType, String, String)> {
        let story = |t: EventType| match t {
            EventType::Release => "detention",
            other => other.family(),
        };
        self.antecedents
            .iter()
            .rev()
            .find(|(x, _, _)| story(*x) == story(t))
    }

    /// The antecedent for this sentence: in a story of several detainees, the last event whose
    /// target is the nationality of a person named here ("Gershkovich, who was detained…").
    fn antecedent_for(&self, t: EventType) -> Option<&(EventType, String, String)> {
        let people: Vec<&str> = (0..self.mentions.len())
            .filter(|&i| self.is_person(i))
            .map(|i| self.mentions[i].0.code.as_str())
            .collect();
        if people.is_empty() {
            return self.antecedent(t);
        }
        let story = |x: EventType| match x {
            EventType::Release => "detention",
            other => other.family(),
        };
        self.antecedents
            .iter()
            .rev()
            .find(|(x, _, tg)| story(*x) == story(t) && people.contains(&tg.as_str()))
    }

    /// Mentions listed with the one at `span`: "Mexico, Canada, China and the EU".
    fn coordinated(&self, span: Option<Span>) -> Vec<usize> {
        let Some(span) = span else { return Vec::new() };
        let Some(start) = self.mentions.iter().position(|(m, _, _)| m.span == span) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut last = self.mentions[start].2;
        for j in start + 1..self.mentions.len() {
            let (_, first, end) = self.mentions[j];
            let between: Vec<&str> = self.window(last + 1, first);
            let joins = !between.is_empty()
                && between.len() <= 3
                && between
                    .iter()
                    .all(|w| [",", "and", "or", "the", "as", "well"].contains(w));
            if !joins {
                break;
            }
            out.push(j);
            last = end;
        }
        out
    }

    /// True when the date expression at token `i` belongs to a reporting verb ("said on Monday").
    pub fn near_reporting_verb(&self, i: usize) -> bool {
        let lo = i.saturating_sub(5);
        (lo..(i + 3).min(self.tokens.len())).any(|k| REPORTING.contains(&self.word(k)))
    }

    /// The lower-cased words of tokens `from..to`.
    pub fn window_words(&self, from: usize, to: usize) -> Vec<&str> {
        self.window(from, to)
    }

    /// Token index for an article byte offset.
    pub fn token_index(&self, b: usize) -> usize {
        self.token_at(b)
    }
}

/// Candidate events of one sentence.
pub fn apply(view: &SentenceView<'_>, rules: &RuleSet) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (ri, rule) in rules.rules.iter().enumerate() {
        if let Some(req) = &rule.require {
            if !req.is_match(&view.lower) {
                continue;
            }
        }
        for m in rule.trigger.find_iter(&view.lower) {
            if let Some(c) = candidate(view, ri, rule, m.start(), m.end(), &out) {
                // "tariffs on Mexico, Canada and China": one event per country of the list;
                // but a meeting or pact of three or more is not bilateral
                let listed = view.coordinated(c.target_span);
                let multilateral = listed.iter().any(|&j| {
                    view.mentions[j].0.code != c.actor && view.mentions[j].0.code != c.target
                });
                if multilateral && matches!(c.event_type, EventType::Meeting | EventType::Agreement)
                {
                    continue;
                }
                let first = out.len();
                out.push(c.clone());
                for j in listed {
                    let code = view.mentions[j].0.code.clone();
                    if code != c.actor && !out[first..].iter().any(|o: &Candidate| o.target == code)
                    {
                        let mut extra = c.clone();
                        extra.target = code;
                        extra.target_span = Some(view.mentions[j].0.span);
                        extra.confidence *= 0.95;
                        out.push(extra);
                    }
                }
            }
        }
    }
    out
}

fn candidate(
    view: &SentenceView<'_>,
    ri: usize,
    rule: &Rule,
    ls: usize,
    le: usize,
    earlier: &[Candidate],
) -> Option<Candidate> {
    if let Some(ex) = &rule.exclude {
        let lo = ls.saturating_sub(30);
        if ex
            .find_iter(&view.lower)
            // near the trigger, or a longer phrase that holds it ("a charge the Afghan
            // foreign ministry spokesman rejected")
            .any(|x| {
                (x.start() >= lo && x.start() <= le + 30) || (x.start() <= ls && x.end() >= le)
            })
        {
            return None;
        }
    }
    let trigger = Span::new(view.map[ls], view.map[le.min(view.map.len() - 1)]);
    let t0 = view.token_at(trigger.start);
    let t1 = view.token_at(trigger.end.saturating_sub(1)) + 1;
    // a trigger inside a country mention ("Visit Japan" campaigns aside) is not a trigger
    if view
        .mentions
        .iter()
        .any(|(m, _, _)| m.span.start <= trigger.start && trigger.end <= m.span.end)
    {
        return None;
    }
    let event_type = match rule.rule_type {
        RuleType::Fixed(t) => t,
        RuleType::AnaphoricRestriction => view.antecedent(EventType::Sanction)?.0,
    };
    let clause = view.clause(t0, t1);
    // "the threatened area", "a detained man": a participle used as an adjective
    if t0 > 0
        && ["the", "a", "an"].contains(&view.word(t0 - 1))
        && (view.word(t0).ends_with("ed") || view.word(t0).ends_with("ing"))
        && t1 == t0 + 1
    {
        return None;
    }
    // "Militants abducted…", "Japanese tourists visited…": private or non-state doers
    if t0 > 0
        && !view.passive(t0, t1)
        && view.gazetteer.title_at(&[view.word(t0 - 1)]).map(|x| x.1) == Some(TitleClass::Person)
    {
        return None;
    }
    let status = view.status(t0, t1, clause)?;

    // "Blinken assured visiting Australian Foreign Minister Payne": the one called visiting is
    // the visitor, whoever else the clause names before
    let visiting_official = rule.actor.contains(&Slot::Visitor)
        && view
            .slot(Slot::Visitor, t0, t1, clause, true)
            .first()
            .is_some_and(|&i| {
                matches!(
                    view.mentions[i].0.kind,
                    MentionKind::Adjective | MentionKind::Official
                )
            });
    let actor_slots: Vec<Slot> = if visiting_official {
        std::iter::once(Slot::Visitor)
            .chain(rule.actor.iter().copied().filter(|&s| s != Slot::Visitor))
            .collect()
    } else {
        rule.actor.clone()
    };
    let mut actor: Option<(String, Option<Span>, Slot)> = None;
    for &slot in &actor_slots {
        if let Some(i) = view.slot(slot, t0, t1, clause, true).into_iter().next() {
            if let Some((code, span)) = view.resolve(i, slot, event_type, None) {
                actor = Some((code, span, slot));
                break;
            }
        }
    }
    let (actor, actor_span, actor_slot) = actor?;
    let mut target: Option<(String, Option<Span>, Slot)> = None;
    'slots: for &slot in &rule.target {
        if slot == Slot::Grievance {
            // "China arrested a Japanese national and Japan protested": the protest is
            // against whoever last acted on the protester, in this sentence or before
            let here = earlier
                .iter()
                .rev()
                .find(|c| c.target == actor && c.actor != actor)
                .map(|c| c.actor.clone());
            let before = || {
                view.antecedents
                    .iter()
                    .rev()
                    .find(|(_, a, t)| t == &actor && a != &actor)
                    .map(|(_, a, _)| a.clone())
            };
            if let Some(code) = here.or_else(before) {
                target = Some((code, None, slot));
                break 'slots;
            }
            continue;
        }
        if slot == Slot::Object
            && ["it", "them"].contains(&view.word(t1))
            && [
                "of", "for", "over", "as", "with", "on", "in", "to", ",", ".", ";", "and",
            ]
            .contains(&view.word(t1 + 1))
        {
            // "blamed India, accusing it of…": the pronoun object is the one acted on just
            // before in the sentence; no later country stands in for it
            let before = earlier
                .iter()
                .rev()
                .find(|c| c.trigger.end <= trigger.start && c.actor == actor)
                .map(|c| (c.target.clone(), c.target_span));
            if let Some((code, span)) = before {
                target = Some((code, span, slot));
                break 'slots;
            }
            continue;
        }
        if slot == Slot::Nationality && ["him", "her", "them"].contains(&view.word(t1)) {
            // "Mr Qin said that Japan detained him": the person named before, in this sentence
            // or the one before
            let named = view
                .mentions
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, m)| m.2 < t0)
                .find(|(i, m)| {
                    m.0.code != actor && (m.0.kind == MentionKind::Official || view.is_person(*i))
                })
                .map(|(_, m)| (m.0.code.clone(), Some(m.0.span)))
                .or_else(|| {
                    view.prev_person
                        .as_ref()
                        .filter(|p| p.code != actor)
                        .map(|p| (p.code.clone(), None))
                });
            if let Some((code, span)) = named {
                target = Some((code, span, slot));
                break 'slots;
            }
            continue;
        }
        for i in view.slot(slot, t0, t1, clause, false) {
            // "Xi met American business executives": private people are no counterpart of a
            // meeting, visit or pact
            if i < view.mentions.len()
                && view.is_person(i)
                && matches!(
                    event_type,
                    EventType::Meeting | EventType::Visit | EventType::Agreement
                )
            {
                continue;
            }
            if let Some((code, span)) = view.resolve(i, slot, event_type, Some(&actor)) {
                if code != actor && !(span.is_some() && span == actor_span) {
                    target = Some((code, span, slot));
                    break 'slots;
                }
            }
        }
    }
    let (target, target_span, target_slot) = target?;
    if actor == target {
        return None;
    }
    // "The arrest comes as…": a definite noun that takes its people from the story told before
    // is that event told again, not a new one
    if target_slot == Slot::AntecedentTarget
        && t0 > 0
        && ["the", "this"].contains(&view.word(t0 - 1))
        && ["arrest", "detention", "release"].contains(&view.word(t0))
        && t1 == t0 + 1
        && matches!(event_type, EventType::Detention | EventType::Release)
    {
        return None;
    }
    let action = if matches!(event_type, EventType::Sanction | EventType::ExportControl) {
        view.action(t0, t1)
    } else {
        Action::Imposed
    };
    let mut confidence = rule.confidence;
    if target_slot.is_fallback() {
        confidence *= 0.75;
    }
    if actor_slot == Slot::Subject && view.prev_person.is_some() && actor_span.is_none() {
        confidence *= 0.85;
    }
    Some(Candidate {
        rule: ri,
        event_type,
        trigger,
        trigger_tokens: (t0, t1),
        clause,
        actor,
        actor_span,
        actor_slot,
        target,
        target_span,
        target_slot,
        status,
        action,
        confidence,
    })
}
