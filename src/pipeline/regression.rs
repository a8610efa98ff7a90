//! Regression suite: short sentences written for this project, one positive per rule id of
//! `data/patterns/*.toml`, a near-miss per rule where one makes sense, and one sentence per trap of
//! GUIDELINES.md. Expected values follow GUIDELINES.md, not what dyad happens to print: a case that
//! dyad gets wrong sits in a test marked `#[ignore = "known failure: ..."]` with the correct
//! expected value, so `cargo test -- --ignored` lists the gaps.
//!
//! Format of an expected event: "type ACTOR>TARGET date status[ action]", date "-" when the text
//! gives none and the event is dated by publication, "start..end" for a range.

use super::*;

/// `check`, and also that `rule` is among the rules that produced the events: a rule's positive
/// case must go through that rule.
#[track_caller]
fn check_rule(rule: &str, text: &str, date: &str, want: &[&str]) {
    check(text, date, want);
    let rules: Vec<String> = extractor()
        .extract(&article(text, date))
        .into_iter()
        .map(|e| e.rule)
        .collect();
    assert!(
        rules.iter().any(|r| r == rule),
        "rule {rule} did not fire (rules: {rules:?})\n  text: {text}"
    );
}

/// Contact: visits and meetings (10-contact.toml).
mod contact {
    use super::*;

    /// visit.noun: "a two-day visit to Beijing"; "no plans for a trip" is no visit.
    #[test]
    fn visit_noun() {
        check_rule(
            "visit.noun",
            "Japanese Foreign Minister Yoshimasa Hayashi began a two-day visit to Beijing on Sunday.",
            "2023-04-04",
            &["visit JP>CN 2023-04-02 occurred"],
        );
        check(
            "Hayashi has no plans for a trip to China.",
            "2023-04-04",
            &[],
        );
    }

    /// visit.noun.by: "the trip by X to Tokyo", and the destination before the noun ("the Beijing
    /// visit by").
    #[test]
    fn visit_noun_by() {
        check_rule(
            "visit.noun.by",
            "The trip by South Korean President Yoon Suk Yeol to Tokyo on Thursday was the first in 12 years.",
            "2023-03-17",
            &["visit KR>JP 2023-03-16 occurred"],
        );
        check_rule(
            "visit.noun.by",
            "The Beijing visit by German Chancellor Olaf Scholz on Friday drew criticism.",
            "2022-11-05",
            &["visit DE>CN 2022-11-04 occurred"],
        );
    }

    /// visit.noun.by near-miss: a visit by private people (students) is no state visit.
    #[test]
    fn visit_noun_by_private_people() {
        check(
            "A visit by Chinese students to Tokyo on Monday drew little attention.",
            "2023-04-04",
            &[],
        );
    }

    /// visit.verb: "travelled to China", "landed in Beijing" (official known by title and name).
    #[test]
    fn visit_verb() {
        check_rule(
            "visit.verb",
            "German Foreign Minister Annalena Baerbock travelled to China on Thursday.",
            "2023-04-15",
            &["visit DE>CN 2023-04-13 occurred"],
        );
        check_rule(
            "visit.verb",
            "Secretary of State Antony Blinken landed in Beijing on Sunday.",
            "2023-06-20",
            &["visit US>CN 2023-06-18 occurred"],
        );
    }

    /// visit.verb: "en route to", "on his way to" are travel to the place.
    #[test]
    fn visit_verb_en_route() {
        check_rule(
            "visit.verb",
            "The U.S. secretary of state was en route to Saudi Arabia on Monday.",
            "2025-03-11",
            &["visit US>SA 2025-03-10 occurred"],
        );
        check_rule(
            "visit.verb",
            "Japan's prime minister was on his way to Washington on Monday.",
            "2025-03-11",
            &["visit JP>US 2025-03-10 occurred"],
        );
    }

    /// meeting.verb: "had spoken by phone with".
    #[test]
    fn meeting_verb_spoken() {
        check_rule(
            "meeting.verb",
            "Britain's foreign secretary said he had spoken by phone with Iran's foreign minister on Saturday.",
            "2019-07-21",
            &["meeting GB>IR 2019-07-20 occurred"],
        );
    }

    /// visit.verb near-miss: a ban on travel to a country is no trip (it is a sanction).
    #[test]
    fn visit_verb_travel_ban() {
        check(
            "Canada on Tuesday announced bans on travel to Canada against four Russian generals.",
            "2015-06-10",
            &["sanction CA>RU 2015-06-09 occurred"],
        );
    }

    /// visit.verb near-miss: a figurative "visit" ("visited destruction on") is no trip.
    #[test]
    fn visit_verb_figurative() {
        check(
            "The Turkish earthquake visited destruction on northern Syria as well.",
            "2023-02-08",
            &[],
        );
    }

    /// visit.host: the guest is the actor and the host the target; a multilateral gathering
    /// hosted (G7 leaders) is not a bilateral visit.
    #[test]
    fn visit_host() {
        check_rule(
            "visit.host",
            "Chinese President Xi Jinping hosted Brazilian President Luiz Inacio Lula da Silva in Beijing on Friday.",
            "2023-04-15",
            &["visit BR>CN 2023-04-14 occurred"],
        );
        check_rule(
            "visit.host",
            "Vietnam welcomed U.S. President Joe Biden in Hanoi on Sunday.",
            "2023-09-12",
            &["visit US>VN 2023-09-10 occurred"],
        );
        check(
            "Japan hosted G7 leaders in Hiroshima on Friday.",
            "2023-05-22",
            &[],
        );
    }

    /// meeting.verb: "spoke by phone with", "met", "held talks"; "met with criticism" is no
    /// meeting.
    #[test]
    fn meeting_verb() {
        check_rule(
            "meeting.verb",
            "Chinese Foreign Minister Wang Yi spoke by phone with Russian Foreign Minister Sergei Lavrov on Wednesday.",
            "2024-02-09",
            &["meeting CN>RU 2024-02-07 occurred"],
        );
        check_rule(
            "meeting.verb",
            "U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday.",
            "2022-11-15",
            &["meeting US>CN 2022-11-14 occurred"],
        );
        check_rule(
            "meeting.verb",
            "Japanese and Chinese officials held talks by video on Monday.",
            "2023-04-04",
            &["meeting JP>CN 2023-04-03 occurred"],
        );
        check(
            "Japan's plan met with criticism from China on Monday.",
            "2023-04-04",
            &[],
        );
    }

    /// meeting.noun: "Australia's talks with China".
    #[test]
    fn meeting_noun() {
        check_rule(
            "meeting.noun",
            "Australia's talks with China on Monday focused on trade.",
            "2023-04-04",
            &["meeting AU>CN 2023-04-03 occurred"],
        );
    }

    /// meeting.noun near-miss: being "open to talks" is no meeting.
    #[test]
    fn meeting_noun_open_to_talks() {
        check("Japan is open to talks with China.", "2023-04-04", &[]);
    }

    /// visit.delegation: a government sending a delegation is a visit to the destination.
    #[test]
    fn visit_delegation() {
        check_rule(
            "visit.delegation",
            "Washington dispatched an unofficial delegation to Taipei on Sunday.",
            "2024-01-16",
            &["visit US>TW 2024-01-14 occurred"],
        );
    }

    /// visit.delegation near-miss: a company's delegation is no state visit.
    #[test]
    fn visit_delegation_company() {
        check(
            "Japanese carmaker Toyota sent a delegation to China on Monday.",
            "2023-04-04",
            &[],
        );
    }
}

/// Restriction: export controls and sanctions (20-restriction.toml).
mod restriction {
    use super::*;

    /// export_control.noun: "chip export controls aimed at China", "the entity list" with a
    /// company standing for its country.
    #[test]
    fn export_control_noun() {
        check_rule(
            "export_control.noun",
            "The Netherlands on Wednesday announced new chip export controls aimed at China.",
            "2023-03-09",
            &["export_control NL>CN 2023-03-08 occurred"],
        );
        check_rule(
            "export_control.noun",
            "Washington added Chinese chipmaker SMIC to the entity list in December 2020.",
            "2021-01-10",
            &["export_control US>CN 2020-12 occurred"],
        );
    }

    /// export_control.verb: "restricted the export of", "banned exports of"; "may restrict" is
    /// no event.
    #[test]
    fn export_control_verb() {
        check_rule(
            "export_control.verb",
            "Japan restricted the export of chipmaking tools to China in July.",
            "2023-08-10",
            &["export_control JP>CN 2023-07 occurred"],
        );
        check_rule(
            "export_control.verb",
            "China banned exports of gallium to the United States on Tuesday.",
            "2024-12-05",
            &["export_control CN>US 2024-12-03 occurred"],
        );
        check(
            "Japan may restrict exports of chip materials to South Korea.",
            "2023-04-04",
            &[],
        );
    }

    /// sanction.noun: sanctions, a tariff on a country's goods, anti-dumping duties.
    #[test]
    fn sanction_noun() {
        check_rule(
            "sanction.noun",
            "The European Union imposed sanctions on Iran on Monday.",
            "2023-04-25",
            &["sanction EU>IR 2023-04-24 occurred"],
        );
        check_rule(
            "sanction.noun",
            "Canada imposed a 100% tariff on Chinese electric vehicles on Monday.",
            "2024-08-27",
            &["sanction CA>CN 2024-08-26 occurred"],
        );
        check_rule(
            "sanction.noun",
            "China imposed anti-dumping duties on Australian wine in March.",
            "2021-04-01",
            &["sanction CN>AU 2021-03 occurred"],
        );
    }

    /// sanction.noun near-miss: a conditional ("if Japan imposes sanctions") is a hypothetical.
    #[test]
    fn sanction_noun_conditional() {
        check(
            "If Japan imposes sanctions on China, Beijing would retaliate.",
            "2023-04-04",
            &[],
        );
    }

    /// sanction.verb: "sanctioned two Chinese companies", "blacklisted", "banned imports of".
    #[test]
    fn sanction_verb() {
        check_rule(
            "sanction.verb",
            "The U.S. Treasury sanctioned two Chinese companies on Thursday.",
            "2023-04-04",
            &["sanction US>CN 2023-03-30 occurred"],
        );
        check_rule(
            "sanction.verb",
            "China blacklisted two American defense firms on Thursday.",
            "2023-04-04",
            &["sanction CN>US 2023-03-30 occurred"],
        );
        check_rule(
            "sanction.verb",
            "China banned imports of Japanese seafood on Thursday.",
            "2023-08-25",
            &["sanction CN>JP 2023-08-24 occurred"],
        );
    }

    /// restriction.anaphor: "similar controls" after an export control takes its type and target;
    /// "measures" with no restriction told before is nothing.
    #[test]
    fn restriction_anaphor() {
        check_rule(
            "restriction.anaphor",
            "Washington imposed chip export controls on China in October. Tokyo followed with similar controls in July.",
            "2023-08-01",
            &[
                "export_control US>CN 2022-10 occurred",
                "export_control JP>CN 2023-07 occurred",
            ],
        );
        check(
            "Beijing unveiled measures to attract American investment on Monday.",
            "2023-04-04",
            &[],
        );
    }
}

/// Detention, release and expulsion (30-detention.toml).
mod detention {
    use super::*;

    /// detention.verb: the actor is the state, the target the nationality of the person held.
    #[test]
    fn detention_verb() {
        check_rule(
            "detention.verb",
            "Chinese authorities detained a Japanese employee of Astellas Pharma in Beijing in March.",
            "2023-04-04",
            &["detention CN>JP 2023-03 occurred"],
        );
        check_rule(
            "detention.verb",
            "A Chinese court sentenced Australian writer Yang Hengjun to death on Monday.",
            "2024-02-06",
            &["detention CN>AU 2024-02-05 occurred"],
        );
    }

    /// detention.verb near-miss: seizing goods is not detaining a national.
    #[test]
    fn detention_verb_goods_seized() {
        check(
            "Chinese customs seized a shipment of Japanese seafood on Monday.",
            "2023-04-04",
            &[],
        );
    }

    /// detention.noun: "China's detention of a Japanese national".
    #[test]
    fn detention_noun() {
        check_rule(
            "detention.noun",
            "China's detention of a Japanese national last month alarmed Japanese businesses.",
            "2023-04-04",
            &["detention CN>JP 2023-03 occurred"],
        );
    }

    /// detention.noun near-miss: a "trial" of equipment is no trial of a person.
    #[test]
    fn detention_noun_equipment_trial() {
        check(
            "South Korea conducted a trial of a U.S. missile defence radar on Monday.",
            "2023-04-04",
            &[],
        );
    }

    /// release.verb: "released", "pardoned"; releasing data is no release.
    #[test]
    fn release_verb() {
        check_rule(
            "release.verb",
            "Russia released American basketball player Brittney Griner on Thursday.",
            "2022-12-09",
            &["release RU>US 2022-12-08 occurred"],
        );
        check_rule(
            "release.verb",
            "Belarus pardoned a German national on Tuesday.",
            "2024-07-31",
            &["release BY>DE 2024-07-30 occurred"],
        );
        check("China released trade data on Monday.", "2023-04-04", &[]);
    }

    /// release.verb near-miss: releasing treated water is no release of a person.
    #[test]
    fn release_verb_water() {
        check(
            "Japan began releasing treated water from Fukushima on Thursday, angering China.",
            "2023-08-25",
            &[],
        );
    }

    /// release.noun: "the release of the Canadians by China", "Iran's release of five Americans";
    /// "the release of treated water" is none (only the protest counts).
    #[test]
    fn release_noun() {
        check_rule(
            "release.noun",
            "The release of the Canadians by China on Friday ended a long dispute.",
            "2021-09-27",
            &["release CN>CA 2021-09-24 occurred"],
        );
        check_rule(
            "release.noun",
            "Iran's release of five Americans on Monday came after months of talks.",
            "2023-09-19",
            &["release IR>US 2023-09-18 occurred"],
        );
        check(
            "China lodged a protest with Japan on Thursday over the release of treated water from Fukushima.",
            "2023-08-25",
            &["protest CN>JP 2023-08-24 occurred"],
        );
    }

    /// release.noun: a prisoner swap between two states is a release (one record per pair).
    #[test]
    fn release_noun_prisoner_swap() {
        check(
            "Russia and the United States carried out a prisoner swap on Thursday.",
            "2024-08-02",
            &["release RU>US 2024-08-01 occurred"],
        );
    }

    /// expulsion.verb: "expelled two Russian diplomats"; deporting people not said to be held is
    /// an expulsion; a team "kicked out" of a tournament is not.
    #[test]
    fn expulsion_verb() {
        check_rule(
            "expulsion.verb",
            "Germany expelled two Russian diplomats on Tuesday.",
            "2023-04-06",
            &["expulsion DE>RU 2023-04-04 occurred"],
        );
        check_rule(
            "expulsion.verb",
            "Japan deported two Vietnamese nationals on Friday.",
            "2023-04-04",
            &["expulsion JP>VN 2023-03-31 occurred"],
        );
        check(
            "Japan's team was kicked out of the tournament by South Korea.",
            "2023-04-04",
            &[],
        );
    }

    /// expulsion.verb: "ordered a Canadian diplomat to leave".
    #[test]
    fn expulsion_ordered_to_leave() {
        check(
            "China ordered a Canadian diplomat to leave the country on Tuesday.",
            "2023-05-10",
            &["expulsion CN>CA 2023-05-09 occurred"],
        );
    }

    /// expulsion.verb: "declared ... persona non grata".
    #[test]
    fn expulsion_persona_non_grata() {
        check(
            "Canada declared Chinese diplomat Zhao Wei persona non grata on Monday.",
            "2023-05-10",
            &["expulsion CA>CN 2023-05-08 occurred"],
        );
    }
}

/// Agreements (40-agreement.toml).
mod agreement {
    use super::*;

    /// agreement.relative: "the Treaty of … that Japan and China signed in August 1978" (the
    /// pair inside the trigger; the date after the trigger's verb, not the sentence's "next
    /// year"), "the group that Japan and Australia established".
    #[test]
    fn agreement_relative() {
        check_rule(
            "agreement.relative",
            "Next year marks the 45th anniversary of the Treaty of Peace and Friendship that Japan and China signed in August 1978.",
            "2022-11-18",
            &["agreement JP>CN 1978-08 occurred"],
        );
        check_rule(
            "agreement.relative",
            "It resembles the group that Japan and Australia established in April 2023.",
            "2024-09-11",
            &["agreement JP>AU 2023-04 occurred"],
        );
    }

    /// agreement.verb: "signed a defence pact", "issued a joint statement", "signed ... last
    /// October"; "reached out to Seoul about the deal" is no agreement.
    #[test]
    fn agreement_verb() {
        check_rule(
            "agreement.verb",
            "Japan and the Philippines signed a defence pact in Manila on Monday.",
            "2024-07-09",
            &["agreement JP>PH 2024-07-08 occurred"],
        );
        check_rule(
            "agreement.verb",
            "China and Russia issued a joint statement on Tuesday.",
            "2023-03-22",
            &["agreement CN>RU 2023-03-21 occurred"],
        );
        check_rule(
            "agreement.verb",
            "Japan and Britain signed a trade deal last October.",
            "2021-01-01",
            &["agreement JP>GB 2020-10 occurred"],
        );
        check(
            "Japan reached out to Seoul about the deal.",
            "2023-04-04",
            &[],
        );
    }

    /// agreement.agreed: "agreed to a resumption of diplomatic ties".
    #[test]
    fn agreement_agreed() {
        check_rule(
            "agreement.agreed",
            "Saudi Arabia and Iran agreed to a resumption of diplomatic ties on Friday.",
            "2023-03-11",
            &["agreement SA>IR 2023-03-10 occurred"],
        );
    }

    /// agreement.agreed near-miss: "failed to agree" is no agreement.
    #[test]
    fn agreement_agreed_failed() {
        check(
            "Ukraine and Russia failed to agree on a ceasefire on Thursday.",
            "2023-04-04",
            &[],
        );
    }

    /// agreement.agreed: a date between "agreed" and "to".
    #[test]
    fn agreement_agreed_date_inside() {
        check(
            "Japan and China agreed on Monday to set up a maritime hotline.",
            "2023-04-04",
            &["agreement JP>CN 2023-04-03 occurred"],
        );
    }

    /// agreement.established: "launched a technology partnership".
    #[test]
    fn agreement_established() {
        check_rule(
            "agreement.established",
            "The United States and India launched a technology partnership in January.",
            "2023-03-01",
            &["agreement US>IN 2023-01 occurred"],
        );
    }

    /// agreement.established near-miss: companies forming an alliance is no state agreement.
    #[test]
    fn agreement_established_companies() {
        check(
            "Japanese and South Korean chipmakers formed an alliance on Monday.",
            "2023-04-04",
            &[],
        );
    }
}

/// Protests (50-protest.toml).
mod protest {
    use super::*;

    /// protest.verb: "summoned the Japanese ambassador", "condemned Washington's ...", capitals
    /// for governments, "lodged a protest"; protesters in the street are no state.
    #[test]
    fn protest_verb() {
        check_rule(
            "protest.verb",
            "China summoned the Japanese ambassador on Monday.",
            "2023-04-04",
            &["protest CN>JP 2023-04-03 occurred"],
        );
        check_rule(
            "protest.verb",
            "Beijing condemned Washington's latest arms sale to Taiwan on Saturday.",
            "2023-04-04",
            &["protest CN>US 2023-04-01 occurred"],
        );
        check_rule(
            "protest.verb",
            "Tokyo protested to Beijing on Friday.",
            "2023-04-04",
            &["protest JP>CN 2023-03-31 occurred"],
        );
        check(
            "Protesters in Seoul denounced Japan on Monday.",
            "2023-04-04",
            &[],
        );
    }

    /// protest.verb in the passive: "was condemned by Japan" is Japan's protest.
    #[test]
    fn protest_verb_passive() {
        check(
            "China was condemned by Japan on Friday for the detention.",
            "2023-04-04",
            &["protest JP>CN 2023-03-31 occurred"],
        );
    }

    /// protest.recall: recalling one's ambassador, cutting ties; "will not recall" is nothing.
    #[test]
    fn protest_recall() {
        check_rule(
            "protest.recall",
            "China recalled its ambassador to Lithuania on Tuesday.",
            "2021-08-11",
            &["protest CN>LT 2021-08-10 occurred"],
        );
        check_rule(
            "protest.recall",
            "Honduras cut diplomatic ties with Taiwan on Sunday.",
            "2023-03-28",
            &["protest HN>TW 2023-03-26 occurred"],
        );
        check(
            "Japan will not recall its ambassador from China, Kishida said.",
            "2023-04-04",
            &[],
        );
    }

    /// protest.complaint: disappointment, a WTO case; disappointed fans are no state.
    #[test]
    fn protest_complaint() {
        check_rule(
            "protest.complaint",
            "Japan expressed disappointment with South Korea's decision on Friday.",
            "2023-04-04",
            &["protest JP>KR 2023-03-31 occurred"],
        );
        check_rule(
            "protest.complaint",
            "China filed a WTO case against Canada on Friday.",
            "2024-09-16",
            &["protest CN>CA 2024-09-13 occurred"],
        );
        check(
            "Japanese fans were disappointed with the loss to South Korea.",
            "2023-04-04",
            &[],
        );
    }
}

/// The traps of GUIDELINES.md: none of these is an event.
mod traps {
    use super::*;

    /// Police arresting their own citizens is a domestic arrest.
    #[test]
    fn domestic_arrest() {
        check(
            "Chinese police arrested three Chinese activists in Beijing on Sunday.",
            "2023-04-04",
            &[],
        );
    }

    /// A regulator punishing a firm of its own country is not a sanction between states.
    #[test]
    fn regulator_sanctions_domestic_firm() {
        check(
            "South Korea's financial regulator imposed sanctions on a South Korean bank on Friday.",
            "2023-04-04",
            &[],
        );
        check(
            "Japan's financial regulator sanctioned a Japanese brokerage on Friday.",
            "2023-04-04",
            &[],
        );
    }

    /// Tourists visiting a country make no visit.
    #[test]
    fn tourists_visit() {
        check(
            "Thousands of Chinese tourists visited Japan during the holiday.",
            "2023-04-04",
            &[],
        );
    }

    /// Company executives visiting a country make no visit.
    #[test]
    fn company_visit() {
        check(
            "Executives of Japanese carmaker Toyota visited China last week.",
            "2023-04-04",
            &[],
        );
    }

    /// Matches between national teams are sport, not contact between states.
    #[test]
    fn sports_teams() {
        check(
            "South Korea's national football team travelled to Japan for a friendly on Monday.",
            "2023-04-04",
            &[],
        );
        check(
            "Japan will meet Spain in the World Cup on Thursday.",
            "2022-11-30",
            &[],
        );
    }

    /// "could impose" is a hypothetical.
    #[test]
    fn hypothetical() {
        check("Japan could impose sanctions on Russia.", "2023-04-04", &[]);
    }

    /// A denied detention is no event.
    #[test]
    fn denial() {
        check(
            "China denied that it had arrested a Canadian citizen.",
            "2023-04-04",
            &[],
        );
    }

    /// A call for sanctions or an easing is not a measure.
    #[test]
    fn call_for_action() {
        check(
            "U.S. lawmakers urged sanctions on Chinese chipmakers.",
            "2023-04-04",
            &[],
        );
        check(
            "U.S. chipmakers urged the government to ease export controls on China.",
            "2023-04-04",
            &[],
        );
    }

    /// Threats ("may retaliate", "may expel") are not events.
    #[test]
    fn threats() {
        check(
            "China said it may retaliate against the Netherlands.",
            "2023-04-04",
            &[],
        );
        check("Russia may expel American diplomats.", "2023-04-04", &[]);
    }

    /// A pact merely named is not an agreement event.
    #[test]
    fn pact_merely_named() {
        check(
            "The Netherlands said its agreement with the United States covers only advanced tools.",
            "2023-04-04",
            &[],
        );
        check(
            "Japan's security pact with the United States remains strong.",
            "2023-04-04",
            &[],
        );
    }

    /// A multilateral summit is not bilateral; a bilateral meeting on its sidelines is.
    #[test]
    fn multilateral_summit() {
        check("G7 leaders met in Hiroshima on Friday.", "2023-05-22", &[]);
        check(
            "U.S. President Joe Biden met Chinese President Xi Jinping on the sidelines of the G20 summit in Bali on Monday.",
            "2022-11-15",
            &["meeting US>CN 2022-11-14 occurred"],
        );
    }

    /// Tariffs on all steel imports are a global measure, not aimed at a country.
    #[test]
    fn global_measure() {
        check(
            "The United States imposed tariffs on all steel imports on Thursday.",
            "2018-03-10",
            &[],
        );
    }

    /// A bill passing a committee is a step short of a measure.
    #[test]
    fn bill_passes_committee() {
        check(
            "A bill to sanction Chinese officials passed a Senate committee on Wednesday.",
            "2023-04-04",
            &[],
        );
    }

    /// The Taliban before 2021 are a non-state group; as Afghanistan's authorities since 2021
    /// they act for Afghanistan.
    #[test]
    fn taliban_before_and_after_2021() {
        check(
            "The Taliban detained two American contractors in 2019.",
            "2019-11-20",
            &[],
        );
        check(
            "The Taliban freed American professor Kevin King on Tuesday.",
            "2019-11-20",
            &[],
        );
        check(
            "Taliban authorities detained an American citizen in Kabul on Monday.",
            "2023-04-04",
            &["detention AF>US 2023-04-03 occurred"],
        );
    }

    /// Rebels seizing a ship are a non-state group, not Yemen.
    #[test]
    fn rebels_act() {
        check(
            "Yemen's Houthi rebels seized a Japanese-operated cargo ship on Sunday.",
            "2023-11-21",
            &[],
        );
    }

    /// Kidnapping by militants is not a detention by the country where it happens.
    #[test]
    fn kidnapping_by_non_state_group() {
        check(
            "Militants abducted three Chinese workers in Pakistan on Sunday.",
            "2023-04-04",
            &[],
        );
    }
}

/// Status (planned, cancelled) and action (lifted, eased).
mod status {
    use super::*;

    /// "will visit next week" is planned, dated by the next week's range.
    #[test]
    fn planned_will_visit_next_week() {
        check(
            "U.S. Secretary of State Antony Blinken will visit China next week.",
            "2023-01-31",
            &["visit US>CN 2023-02-06..2023-02-12 planned"],
        );
        check(
            "China's Foreign Minister Qin Gang will travel to Japan next week.",
            "2023-04-04",
            &["visit CN>JP 2023-04-10..2023-04-16 planned"],
        );
    }

    /// "is scheduled to visit" is planned; "said it will impose tariffs on April 17" is planned
    /// on that day.
    #[test]
    fn planned_scheduled() {
        check(
            "Japanese Prime Minister Fumio Kishida is scheduled to visit Seoul on Sunday.",
            "2023-05-02",
            &["visit JP>KR 2023-05-07 planned"],
        );
        check(
            "China said it will impose tariffs on American goods on April 17.",
            "2025-04-10",
            &["sanction CN>US 2025-04-17 planned"],
        );
    }

    /// "called off" makes a cancelled visit.
    #[test]
    fn cancelled_called_off() {
        check(
            "U.S. Secretary of State Antony Blinken called off his trip to China.",
            "2023-02-04",
            &["visit US>CN - cancelled"],
        );
        check(
            "Japan called off its planned visit to South Korea.",
            "2023-04-04",
            &["visit JP>KR - cancelled"],
        );
    }

    /// Lifting export curbs or sanctions is an event of the same type with action lifted.
    #[test]
    fn action_lifted() {
        check(
            "Japan lifted export curbs on three chipmaking chemicals to South Korea in March.",
            "2023-04-04",
            &["export_control JP>KR 2023-03 occurred lifted"],
        );
        check(
            "The United States lifted sanctions on Sudan in October 2017.",
            "2018-01-01",
            &["sanction US>SD 2017-10 occurred lifted"],
        );
    }

    /// Easing sanctions is action eased.
    #[test]
    fn action_eased() {
        check(
            "The United States eased sanctions on Venezuela's oil sector on Wednesday.",
            "2023-10-19",
            &["sanction US>VE 2023-10-18 occurred eased"],
        );
    }

    /// "suspended imports" imposes a ban: it is not a lifting.
    #[test]
    fn suspended_imports_is_imposed() {
        check(
            "China suspended imports of Japanese seafood on Thursday.",
            "2023-08-25",
            &["sanction CN>JP 2023-08-24 occurred"],
        );
    }
}

/// Who is actor and who target: passive voice, possessives, nationality of people and companies,
/// capitals, officials by name and date.
mod roles {
    use super::*;

    /// Passive voice: "was detained by", "were expelled by", "was summoned by".
    #[test]
    fn passive_voice() {
        check(
            "A Japanese national was detained by Chinese authorities in March.",
            "2023-04-04",
            &["detention CN>JP 2023-03 occurred"],
        );
        check(
            "Two Russian diplomats were expelled by Poland on Tuesday.",
            "2023-04-06",
            &["expulsion PL>RU 2023-04-04 occurred"],
        );
        check(
            "The Chinese ambassador was summoned by Japan's foreign ministry on Friday.",
            "2023-04-04",
            &["protest JP>CN 2023-03-31 occurred"],
        );
        check(
            "A Japanese man was arrested by Chinese police on Monday.",
            "2023-04-04",
            &["detention CN>JP 2023-04-03 occurred"],
        );
    }

    /// "assured visiting Australian Foreign Minister …": the official called visiting is the
    /// visitor, the country of the scene the host, whoever is the clause's subject.
    #[test]
    fn visiting_official_is_the_visitor() {
        check(
            "On Thursday in Washington, the U.S. secretary of state assured visiting Australian Foreign Minister Jane Doe of continued support.",
            "2021-05-15",
            &["visit AU>US 2021-05-13 occurred"],
        );
        check(
            "The Chinese premier greeted visiting German Chancellor Olaf Scholz in Beijing on Friday.",
            "2022-11-05",
            &["visit DE>CN 2022-11-04 occurred"],
        );
    }

    /// A second verb joined by "and" shares the pair that opens the clause, however far:
    /// "Seoul and Tokyo voiced concern over North Korea's missiles and agreed to…".
    #[test]
    fn coordinated_verb_shares_subject_pair() {
        check(
            "On Friday, Seoul and Tokyo voiced concern over North Korea's missile launches and agreed to share warning data.",
            "2024-09-14",
            &["agreement KR>JP 2024-09-13 occurred"],
        );
    }

    /// protest.called: "called the verdict absolutely unacceptable" is a protest against whoever
    /// acted; calling claims baseless is a denial.
    #[test]
    fn protest_called() {
        check_rule(
            "protest.called",
            "A Chinese court on Wednesday sentenced a Canadian man to prison. Canada's prime minister called the verdict absolutely unacceptable.",
            "2021-08-12",
            &[
                "detention CN>CA 2021-08-11 occurred",
                "protest CA>CN 2021-08-11 occurred",
            ],
        );
        check(
            "Afghanistan's foreign ministry called Pakistan's claims baseless on Thursday.",
            "2025-03-13",
            &[],
        );
    }

    /// protest.complaint: "would file a complaint", "had taken the dispute to the WTO"; two
    /// protest words of one sentence are one protest.
    #[test]
    fn protest_complaint_forms() {
        check(
            "Japan imposed curbs on exports to South Korea. Seoul said it would file a complaint with the WTO, calling the curbs economic retaliation.",
            "2019-07-04",
            &[
                "export_control JP>KR - occurred",
                "protest KR>JP - planned",
            ],
        );
        check(
            "China imposed tariffs on Australian barley in May 2020. Canberra had taken the dispute to the WTO in December 2020.",
            "2023-04-12",
            &[
                "sanction CN>AU 2020-05 occurred",
                "protest AU>CN 2020-12 occurred",
            ],
        );
    }

    /// A pronoun object ("accusing it of") is the country acted on just before, not a later
    /// one; a charge that someone "firmly rejected" after several words is still a denial.
    #[test]
    fn pronoun_object_and_rejected_charge() {
        check(
            "Pakistani officials on Tuesday blamed India, accusing it of arming militants in Afghanistan.",
            "2025-03-14",
            &["protest PK>IN 2025-03-11 occurred"],
        );
        check(
            "Pakistan on Tuesday accused Afghanistan of sheltering militants, a charge the Afghan foreign ministry spokesman firmly rejected on Thursday.",
            "2025-03-14",
            &["protest PK>AF 2025-03-11 occurred"],
        );
    }

    /// Quotation marks inside a trigger ("“deeply disappointed” by") do not hide it, and "by"
    /// before a possessive is not an agent; "decrying" is a protest.
    #[test]
    fn quoted_trigger_and_decrying() {
        check(
            "The United States on Tuesday said it was \u{201c}deeply disappointed\u{201d} by Somalia\u{2019}s decision.",
            "2021-04-15",
            &["protest US>SO 2021-04-13 occurred"],
        );
        check(
            "On Friday, Pakistan's government passed a motion decrying the U.S. resolution as interference.",
            "2024-06-30",
            &["protest PK>US 2024-06-28 occurred"],
        );
    }

    /// A protest that names nobody is about the country the article is about, when one
    /// dominates it; without such a country it is no event.
    #[test]
    fn protest_about_the_article_country() {
        check(
            "Somalia's parliament voted to extend the president's term by two years. Lawmakers in Somalia backed the bill. Analysts say Somalia now faces a deep crisis. Many Somalis fear violence. The United States on Tuesday said it was deeply disappointed by the approval of the bill.",
            "2021-04-15",
            &["protest US>SO 2021-04-13 occurred"],
        );
        check(
            "The United States on Tuesday said it was deeply disappointed by the approval of the bill.",
            "2021-04-15",
            &[],
        );
    }

    /// The nationals acted on are the nearest after the trigger ("two Russian diplomats"), not a
    /// person named later; private people are no counterpart of a meeting; "the Peruvian
    /// capital", "the Ukrainian border" are places.
    #[test]
    fn nearest_nationals_private_counterparts_and_places() {
        check(
            "Germany on Wednesday expelled two Russian diplomats over the killing of a Georgian man in Berlin.",
            "2019-12-05",
            &["expulsion DE>RU 2019-12-04 occurred"],
        );
        check(
            "On Tuesday, Xi also met a group of American business executives in Beijing.",
            "2024-03-28",
            &[],
        );
        check(
            "Japan's prime minister held talks with China's president on Friday in the Peruvian capital.",
            "2024-11-16",
            &["meeting JP>CN 2024-11-15 occurred"],
        );
        check(
            "The U.S. president will travel to Poland on Friday to meet troops near the Ukrainian border.",
            "2022-03-23",
            &["visit US>PL 2022-03-25 planned"],
        );
    }

    /// "on Afghan soil", "Afghan airspace": a place, not the party acted on.
    #[test]
    fn adjective_place_is_not_a_target() {
        check(
            "Islamabad has blamed several recent attacks on militants based on Afghan soil.",
            "2025-03-12",
            &[],
        );
        check(
            "Kabul on Monday condemned Pakistan's violation of Afghan airspace.",
            "2025-03-12",
            &["protest AF>PK 2025-03-10 occurred"],
        );
    }

    /// "after Mexico," is a preposition: it neither opens a clause nor makes Mexico the actor.
    #[test]
    fn after_as_preposition() {
        check(
            "On Tuesday, Canada, the largest buyer of steel after Mexico, imposed tariffs on U.S. steel.",
            "2025-03-12",
            &["sanction CA>US 2025-03-11 occurred"],
        );
    }

    /// "had been tried in March" is a detention (trial); "the release last month of" a release.
    #[test]
    fn tried_and_release_with_date_inside() {
        check(
            "A Canadian businessman had been tried in March in a Chinese court.",
            "2021-09-25",
            &["detention CN>CA 2021-03 occurred"],
        );
        check(
            "The trip follows the release last month of an Australian journalist held in China.",
            "2023-11-06",
            &["release CN>AU 2023-10 occurred"],
        );
    }

    /// "a former U.S. Marine", "an American correspondent" are private people, the nationals
    /// acted on; accusing such a person of spying is a charge, not a protest.
    #[test]
    fn private_people_titles_and_accused_him() {
        check(
            "Russia on Thursday freed a former U.S. Marine held since 2018.",
            "2024-08-02",
            &["release RU>US 2024-08-01 occurred"],
        );
        check(
            "Russian agents on Wednesday detained an American correspondent and accused him of spying for the United States.",
            "2023-03-31",
            &["detention RU>US 2023-03-29 occurred"],
        );
    }

    /// "The arrest comes as…" after the arrest was told is the same event, not a new one dated
    /// by the later sentence.
    #[test]
    fn definite_arrest_is_the_one_told_before() {
        check(
            "Chinese police detained a Japanese national in March. The arrest comes as ties are strained by other disputes that flared in August.",
            "2023-10-20",
            &["detention CN>JP 2023-03 occurred"],
        );
    }

    /// "a Chinese diplomat accused of …" is passive: nobody protests; a court rejecting an
    /// appeal is no protest.
    #[test]
    fn accused_of_is_passive() {
        check(
            "Canada on Monday expelled a Chinese diplomat accused of intimidating a lawmaker.",
            "2023-05-10",
            &["expulsion CA>CN 2023-05-08 occurred"],
        );
        check(
            "A Chinese court rejected an appeal by a Canadian man on Tuesday.",
            "2021-08-12",
            &[],
        );
    }

    /// Possessives: "China's detention of", "Japan's new sanctions on Russia".
    #[test]
    fn possessives() {
        check(
            "China's detention of a Japanese national last month alarmed Japanese businesses.",
            "2023-04-04",
            &["detention CN>JP 2023-03 occurred"],
        );
        check(
            "Japan's new sanctions on Russia took effect on Friday.",
            "2023-04-04",
            &["sanction JP>RU 2023-03-31 occurred"],
        );
    }

    /// The nationality of the person held is the target, whoever arrests where.
    #[test]
    fn nationality_of_people() {
        check(
            "U.S. authorities arrested a Chinese national in Boston on Monday.",
            "2023-04-04",
            &["detention US>CN 2023-04-03 occurred"],
        );
        check(
            "Chinese police arrested a Japanese man on Monday.",
            "2023-04-04",
            &["detention CN>JP 2023-04-03 occurred"],
        );
    }

    /// A named person after nationality and occupation ("American journalist Evan Gershkovich")
    /// still gives the target, when the actor is the country itself.
    #[test]
    fn nationality_of_named_people() {
        check(
            "Russia sentenced American journalist Evan Gershkovich to 16 years on Friday.",
            "2024-07-20",
            &["detention RU>US 2024-07-19 occurred"],
        );
        check(
            "Russia freed American journalist Evan Gershkovich on Thursday in a prisoner swap with the United States.",
            "2024-08-02",
            &["release RU>US 2024-08-01 occurred"],
        );
    }

    /// A company stands for its country when the measure is aimed at the country through it.
    #[test]
    fn nationality_of_companies() {
        check(
            "Washington added Chinese chipmaker SMIC to the entity list in December 2020.",
            "2021-01-10",
            &["export_control US>CN 2020-12 occurred"],
        );
        check(
            "The U.S. Treasury sanctioned two Chinese companies on Thursday.",
            "2023-04-04",
            &["sanction US>CN 2023-03-30 occurred"],
        );
    }

    /// "Mr Qin" is China's foreign minister in 2023 and nobody in 2021; "Mr Hayashi" is Japan's.
    #[test]
    fn officials_by_name_and_date() {
        check(
            "Mr Qin spoke with Mr Hayashi by phone on Sunday.",
            "2023-04-04",
            &["meeting CN>JP 2023-04-02 occurred"],
        );
        check(
            "Mr Qin spoke with Mr Hayashi by phone on Sunday.",
            "2021-12-07",
            &[],
        );
        check("Mr Qin visited Japan on Sunday.", "2021-06-01", &[]);
        check(
            "President Biden met President Xi on Monday.",
            "2022-11-15",
            &["meeting US>CN 2022-11-14 occurred"],
        );
    }

    /// Surnames alone of leaders in office ("Biden met Xi", "Blinken visited") name their
    /// countries for an analyst (GUIDELINES: an official whose country is clear).
    #[test]
    fn bare_surnames_of_officials() {
        check("Lee met Japanese officials on Monday.", "2025-07-15", &[]);
        check(
            "On the sidelines of the G20 summit in Bali, Biden met Xi on Monday.",
            "2022-11-15",
            &["meeting US>CN 2022-11-14 occurred"],
        );
        check(
            "Blinken visited Japan and South Korea last week.",
            "2023-03-22",
            &[
                "visit US>JP 2023-03-13..2023-03-19 occurred",
                "visit US>KR 2023-03-13..2023-03-19 occurred",
            ],
        );
    }
}

/// Several events in one sentence.
mod several {
    use super::*;

    /// A sanction and a summons in one sentence, both dated by "On Monday".
    #[test]
    fn sanction_and_summons() {
        check(
            "On Monday China sanctioned two American defense firms and summoned the U.S. ambassador.",
            "2023-04-04",
            &[
                "sanction CN>US 2023-04-03 occurred",
                "protest CN>US 2023-04-03 occurred",
            ],
        );
    }

    /// A tour of two countries is one visit per destination.
    #[test]
    fn tour_of_two_countries() {
        check(
            "U.S. Secretary of State Antony Blinken visited Japan and South Korea last week.",
            "2023-03-22",
            &[
                "visit US>JP 2023-03-13..2023-03-19 occurred",
                "visit US>KR 2023-03-13..2023-03-19 occurred",
            ],
        );
    }

    /// "The first ... since December 2019" is also the earlier visit.
    #[test]
    fn first_visit_since() {
        check(
            "Hayashi's visit to Beijing on Sunday was the first by a Japanese foreign minister since December 2019.",
            "2023-04-04",
            &[
                "visit JP>CN 2019-12 occurred",
                "visit JP>CN 2023-04-02 occurred",
            ],
        );
    }

    /// A detention and the protest it drew, each with its own actor and day.
    #[test]
    fn detention_then_protest() {
        check(
            "China arrested a Japanese national on Monday and Japan protested on Tuesday.",
            "2023-04-04",
            &[
                "detention CN>JP 2023-04-03 occurred",
                "protest JP>CN 2023-04-04 occurred",
            ],
        );
    }

    /// A protest "after" a detention: the protest has the date; the detention has none of its own.
    #[test]
    fn protest_after_detention() {
        check(
            "China protested on Monday after Japan detained a Chinese national.",
            "2023-04-04",
            &[
                "detention JP>CN - occurred",
                "protest CN>JP 2023-04-03 occurred",
            ],
        );
    }
}

/// Dates: the event's own date, not the date of the saying; no date at all. (Datelines are
/// resolved by the loader, which `check` bypasses, so they are not tested here.)
mod dates {
    use super::*;

    /// "said on Monday that ... last week": the event is last week.
    #[test]
    fn event_date_not_said_date() {
        check(
            "Japan's foreign ministry said on Monday that China detained a Japanese employee last week.",
            "2023-04-04",
            &["detention CN>JP 2023-03-27..2023-04-02 occurred"],
        );
        check(
            "Chinese Foreign Minister Qin Gang said on Monday that Japan had detained a Chinese national last week.",
            "2023-04-04",
            &["detention JP>CN 2023-03-27..2023-04-02 occurred"],
        );
    }

    /// "Mr Qin said ... that Japan detained him": "him" is the official named, a Chinese national.
    #[test]
    fn event_date_pronoun_target() {
        check(
            "Mr Qin said on Monday that Japan detained him last week.",
            "2023-04-04",
            &["detention JP>CN 2023-03-27..2023-04-02 occurred"],
        );
    }

    /// "since 2018, when Canada arrested…": the date before ", when" dates the when-clause,
    /// even after "since".
    #[test]
    fn since_date_before_when_clause() {
        check(
            "Ties have been poor since 2018, when Canada arrested a Chinese executive.",
            "2023-05-10",
            &["detention CA>CN 2018 occurred"],
        );
    }

    /// A quotation closed by a typographic mark ends its sentence: the quoted "will" does not
    /// make the next sentence's weekday a future one.
    #[test]
    fn weekday_after_closing_quote() {
        check(
            "The minister said: \u{201c}Our door will stay open.\u{201d} On Thursday, Japan's foreign minister met his Chinese counterpart in Hanoi.",
            "2019-08-03",
            &["meeting JP>CN 2019-08-01 occurred"],
        );
    }

    /// "N days after X": X happened N days before the main clause's day (here the day named
    /// in it, else the paragraph's); "a day after" likewise.
    #[test]
    fn days_after_shifts_back() {
        check(
            "The remarks on Monday came two days after the Turkish president condemned Israel.",
            "2021-05-10",
            &["protest TR>IL 2021-05-08 occurred"],
        );
        check(
            "Beijing on Tuesday told a Canadian diplomat to leave, a day after Ottawa expelled a Chinese consul.",
            "2023-05-10",
            &[
                "expulsion CN>CA 2023-05-09 occurred",
                "expulsion CA>CN 2023-05-08 occurred",
            ],
        );
    }

    /// A sentence dated by an earlier sentence's day but told "days later" has no certain day
    /// (the month at most); "a day later" or "the next day" is the day after.
    #[test]
    fn later_sentence_shifts_the_carried_day() {
        check(
            "Police in Ottawa arrested a Chinese engineer on March 3. Days later, China detained two Canadians on suspicion of spying.",
            "2023-04-10",
            &[
                "detention CA>CN 2023-03-03 occurred",
                "detention CN>CA 2023-03 occurred",
            ],
        );
        check(
            "Police in Ottawa arrested a Chinese engineer on March 3. A day later, China detained two Canadians on suspicion of spying.",
            "2023-04-10",
            &[
                "detention CA>CN 2023-03-03 occurred",
                "detention CN>CA 2023-03-04 occurred",
            ],
        );
    }

    /// "arrested in March and indicted in January": the date before "and" is the first verb's,
    /// the one after the second verb is its own.
    #[test]
    fn coordinated_verbs_keep_their_own_dates() {
        check(
            "Chinese police arrested a Japanese engineer in March 2022 and indicted him in January 2023.",
            "2023-06-01",
            &[
                "detention CN>JP 2022-03 occurred",
                "detention CN>JP 2023-01 occurred",
            ],
        );
    }

    /// "that October" with no year follows the story's year (the last date with a written
    /// year), not the publication's.
    #[test]
    fn that_month_follows_the_story_year() {
        check(
            "Chinese police detained a Japanese engineer in March 2022. He was formally arrested that October.",
            "2024-06-01",
            &[
                "detention CN>JP 2022-03 occurred",
                "detention CN>JP 2022-10 occurred",
            ],
        );
    }

    /// "summoned the envoy on Tuesday to protest the arrest of …": the day before the word of
    /// protest dates the protest, not the arrest protested.
    #[test]
    fn protest_date_is_not_the_protested_acts() {
        check(
            "Canada summoned China's ambassador on Tuesday to protest the arrest of a Canadian teacher in Shenyang.",
            "2023-05-12",
            &["detention CN>CA - occurred", "protest CA>CN 2023-05-09 occurred"],
        );
    }

    /// "has been held since May 2019 and was sentenced in March 2021": the ongoing detention
    /// dates from its "since", not from the later step nearer the end of the clause.
    #[test]
    fn held_since_is_not_dated_by_a_later_trial() {
        check(
            "An American engineer has been held in Iran since May 2019 and was sentenced to eight years in March 2021.",
            "2022-01-10",
            &["detention IR>US 2019-05 occurred"],
        );
    }

    /// A month and day with no year after a written year in the same sentence take that year,
    /// not the publication's.
    #[test]
    fn yearless_day_follows_the_sentence_year() {
        check(
            "The talks were held in March 2019, a month after Japan's foreign minister travelled to Beijing on Feb. 10.",
            "2023-05-01",
            &["visit JP>CN 2019-02-10 occurred"],
        );
    }

    /// "on Friday cancelled a visit … planned for June 12": the day before the calling off dates
    /// the cancellation; the visit keeps the day it was planned for.
    #[test]
    fn called_off_event_keeps_its_planned_day() {
        check(
            "Japan's prime minister on Friday cancelled a visit to China that had been planned for June 12.",
            "2023-05-20",
            &["visit JP>CN 2023-06-12 cancelled"],
        );
    }

    /// "announced on Tuesday that the two had reached an agreement": with no date of its own, a
    /// past act told in what was said took place by the day of the saying.
    #[test]
    fn reported_past_act_takes_the_day_of_the_saying() {
        check(
            "The meeting came two days after Japan's foreign ministry announced on Tuesday that Japan and South Korea had reached an agreement on fishing quotas.",
            "2023-05-12",
            &["agreement JP>KR 2023-05-09 occurred"],
        );
    }

    /// "The next day, China detained…": "the next" with a unit of time tells the story on; it
    /// does not make the act a plan (and the day is the one after the paragraph's).
    #[test]
    fn the_next_day_is_narrative_not_planned() {
        check(
            "Police in Ottawa arrested a Chinese engineer on March 3. The next day, China detained two Canadians on suspicion of spying.",
            "2023-04-10",
            &[
                "detention CA>CN 2023-03-03 occurred",
                "detention CN>CA 2023-03-04 occurred",
            ],
        );
    }

    /// A date inside a "who" clause is what the person did, not the main clause's event.
    #[test]
    fn date_in_who_clause_is_not_the_main_event() {
        check(
            "Japanese Foreign Minister Yoshimasa Hayashi lodged a protest over the detention of a Japanese employee of a drugmaker, who was taken into custody in Beijing last month.",
            "2023-04-04",
            &["detention CN>JP 2023-03 occurred", "protest JP>CN - occurred"],
        );
    }

    /// "in December 2019, when Abe travelled": the date right before "when" is the when-clause's;
    /// "On Aug. 22, after X, Y summoned": an inserted clause closed by a comma does not cut the
    /// main clause from its date.
    #[test]
    fn date_before_when_and_inserted_after_clause() {
        check(
            "The previous such meeting came in December 2019, when Japanese Prime Minister Shinzo Abe travelled to Beijing.",
            "2022-11-18",
            &["visit JP>CN 2019-12 occurred"],
        );
        check(
            "On Aug. 22, after Japan announced the start date, Chinese Vice Foreign Minister Sun Weidong summoned Japan's ambassador.",
            "2023-08-30",
            &["protest CN>JP 2023-08-22 occurred"],
        );
    }

    /// A measure in force "since August 2023" dates from then, like a detention; a country inside
    /// a long trigger ("barred Japanese products") is its target.
    #[test]
    fn measure_since() {
        check(
            "Beijing has barred Japanese products since August 2023.",
            "2024-11-16",
            &["sanction CN>JP 2023-08 occurred"],
        );
    }

    /// US departments stand for the United States: "the Treasury Department imposed sanctions".
    #[test]
    fn departments_are_the_government() {
        check(
            "On Monday the Treasury Department imposed sanctions on Iran's intelligence ministry.",
            "2023-09-19",
            &["sanction US>IR 2023-09-18 occurred"],
        );
    }

    /// No time in the text: dated by publication.
    #[test]
    fn no_date_in_text() {
        check(
            "The arrest of Japanese nationals in China has worried Tokyo.",
            "2023-04-04",
            &["detention CN>JP - occurred"],
        );
    }
}

/// A sentence that tells of the same act again with a day of its own dates the undated event of
/// the sentence before.
mod restated {
    use super::*;

    #[test]
    fn next_sentence_dates_the_act() {
        check(
            "Relatives greeted them in Paris early on Friday, hours after Iran released two French nationals. The pair were freed on Thursday and flew out of Tehran to Oman.",
            "2024-05-10",
            &["release IR>FR 2024-05-09 occurred"],
        );
    }

    /// "During the talks": the day of the talks; "In return": the day of the act answered.
    #[test]
    fn scene_and_reaction_dates() {
        check(
            "Japanese Foreign Minister Yoshimasa Hayashi held talks with his Chinese counterpart in Beijing on Sunday.\n\nDuring the talks, Hayashi lodged a protest with China over the arrest of a Japanese businessman.",
            "2023-04-04",
            &[
                "visit JP>CN 2023-04-02 occurred",
                "protest JP>CN 2023-04-02 occurred",
            ],
        );
        check(
            "Moscow freed two American reporters on Thursday.\n\nIn return, Washington released a Russian national.",
            "2024-08-02",
            &[
                "release RU>US 2024-08-01 occurred",
                "release US>RU 2024-08-01 occurred",
            ],
        );
    }
}

/// An export control with no target in its sentence aims at the country the story is about,
/// when that country dominates the article.
#[test]
fn export_control_aims_at_the_story_country() {
    check(
        "China is racing to build its own AI models. Chinese companies unveiled three new models this month. Beijing says Chinese chips will power them. Experts were surprised by how efficient the models were.\n\nThe U.S. has banned the supply of advanced chips.",
        "2025-03-12",
        &["export_control US>CN - occurred"],
    );
}

/// "Asked … while en route Monday to Jeddah …, Rubio said": the traveller is the speaker after
/// the opening clause, past quotes and a title.
#[test]
fn traveller_named_after_the_opening_clause() {
    check(
        "Asked by reporters while en route Monday to Riyadh whether the U.S. would act against the rebels, Rubio said no decision had been made.",
        "2025-03-12",
        &["visit US>SA 2025-03-10 occurred"],
    );
    check(
        "Asked while on his way to Riyadh on Monday about the \"ceasefire,\" Secretary of State Marco Rubio said talks would go on.",
        "2025-03-12",
        &["visit US>SA 2025-03-10 occurred"],
    );
}

/// A quote that opens the sentence is said by the party named after it: "…," the U.S.
/// statement said.
#[test]
fn quote_speaker_after_the_quote() {
    check(
        "\"We condemn Iran's reckless conduct,\" the U.S. statement said.",
        "2025-03-12",
        &["protest US>IR - occurred"],
    );
}

/// "met with strong opposition from China" is no meeting.
#[test]
fn met_with_opposition_is_no_meeting() {
    check(
        "Vietnam's plan met with strong opposition from China.",
        "2019-12-13",
        &[],
    );
}

/// Credit for "a constructive role in talks with Ukraine" tells of no talks of one's own.
#[test]
fn role_in_talks_is_no_meeting() {
    check(
        "The minister thanked Germany for its helpful role in talks with Ukraine.",
        "2025-03-11",
        &[],
    );
}

/// A demand ends at ", as": "urged … to drop the ban (without delay), as the two leaders met"
/// tells of the meeting.
#[test]
fn demand_ends_at_as_clause() {
    check(
        "Japan's prime minister urged China's president on Thursday to drop the import ban, as the two leaders met at a regional summit. Japan and China have sparred over the ban for months, Japanese officials say.",
        "2023-11-17",
        &["meeting JP>CN 2023-11-16 occurred"],
    );
    check(
        "Japan's prime minister urged China's president on Thursday to drop the import ban without delay, as the two leaders met at a regional summit. Japan and China have sparred over the ban for months, Japanese officials say.",
        "2023-11-17",
        &["meeting JP>CN 2023-11-16 occurred"],
    );
}
