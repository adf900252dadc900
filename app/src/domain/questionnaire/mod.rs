//! The respondent's questionnaire: which statements a scan asks, one section per competency,
//! and the answers a respondent gives. Pure: built from the scan's settings and its framework,
//! checked against posted form fields, with no I/O.
//!
//! Form fields: `r:<item key>` holds a rating `1`–`5` or `x` (cannot judge); `c:<competency>`
//! holds the optional comment. Item keys are `<competency>:<level or ->:<index>`, stable for a
//! scan because its questions are fixed once it is open.

mod first_person;
pub mod scoring_input;
mod third_person;

pub use first_person::to_first_person;
pub use third_person::to_third_person;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Framework;
use crate::domain::scan::ValidScan;

/// Longest comment per competency, in characters.
pub const MAX_COMMENT_CHARS: usize = 4000;

/// One statement to rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub key: String,
    pub text: String,
    /// The level the statement belongs to (levelled frameworks).
    pub level_id: Option<String>,
    /// True for statements of the next level up, asked for a career conversation.
    pub next_level: bool,
}

/// One competency's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub competency_id: String,
    pub name: String,
    pub definition: String,
    pub items: Vec<Item>,
}

/// The whole questionnaire of a scan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub sections: Vec<Section>,
}

/// An answer to one statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// 1 onvoldoende … 5 uitstekend.
    Rating(u8),
    /// "Kan ik niet beoordelen": excluded from every average.
    CannotJudge,
}

impl Answer {
    /// The form value: `1`–`5` or `x`.
    pub fn form_value(self) -> String {
        match self {
            Answer::Rating(n) => n.to_string(),
            Answer::CannotJudge => "x".to_owned(),
        }
    }

    fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "x" => Some(Answer::CannotJudge),
            v => v
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .map(Answer::Rating),
        }
    }
}

/// Everything a respondent answered so far (a draft) or in the end (a response).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// By item key.
    pub ratings: BTreeMap<String, Answer>,
    /// By competency id; never empty strings.
    pub comments: BTreeMap<String, String>,
}

/// Why posted answers are refused. Nothing of a refused section is kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the answer {value:?} is not on the scale (1-5, or cannot judge)")]
    OutOfScale { key: String, value: String },
    #[error("the statement {key:?} is not part of this page")]
    UnknownItem { key: String },
    #[error("the comment is {chars} characters long; at most {max} are allowed")]
    CommentTooLong { chars: usize, max: usize },
    #[error("the form has a field this questionnaire does not know: {name:?}")]
    UnknownField { name: String },
}

impl AnswerError {
    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            AnswerError::OutOfScale { value, .. } => {
                format!(
                    "het antwoord {value:?} staat niet op de schaal (1–5, of kan ik niet beoordelen)"
                )
            }
            AnswerError::UnknownItem { .. } => {
                "het formulier bevat een uitspraak die niet bij deze pagina hoort".into()
            }
            AnswerError::CommentTooLong { chars, max } => {
                format!("de toelichting is {chars} tekens lang; maximaal {max} mag")
            }
            AnswerError::UnknownField { .. } => "het formulier is ongeldig verstuurd".into(),
        }
    }
}

fn item_key(competency: &str, level: Option<&str>, index: usize) -> String {
    format!("{competency}:{}:{index}", level.unwrap_or("-"))
}

/// The questionnaire of a scan: its competencies in order, each with the statements of the
/// scan's level (and the next level, when asked), or the framework's items or definition for
/// frameworks without levels. `first_person` rewrites "Je …" statements as "Ik …" (the self
/// group).
pub fn build(framework: &Framework, scan: &ValidScan, first_person: bool) -> Questionnaire {
    let levels: Vec<(Option<&str>, bool)> = if scan.level_id.is_some() {
        scan.level_id
            .iter()
            .map(|l| (Some(l.as_str()), false))
            .chain(scan.next_level_id.iter().map(|l| (Some(l.as_str()), true)))
            .collect()
    } else {
        vec![(None, false)]
    };
    let sections = scan
        .competency_ids
        .iter()
        .filter_map(|id| framework.competency(id))
        .map(|competency| {
            let items = levels
                .iter()
                .flat_map(|(level, next)| {
                    competency.scan_items(*level).into_iter().enumerate().map(
                        move |(index, text)| Item {
                            key: item_key(&competency.id, *level, index),
                            text: if first_person {
                                to_first_person(text)
                            } else {
                                text.to_owned()
                            },
                            level_id: level.map(str::to_owned),
                            next_level: *next,
                        },
                    )
                })
                .collect();
            Section {
                competency_id: competency.id.clone(),
                name: competency.name.clone(),
                definition: competency.definition.clone(),
                items,
            }
        })
        .collect();
    Questionnaire { sections }
}

impl Questionnaire {
    /// The questionnaire as an informant other than the subject reads it: statements and
    /// definitions about "de betrokkene" instead of "je" (`to_third_person`). Keys stay, so
    /// answers line up with everyone else's.
    pub fn for_informant(&self) -> Questionnaire {
        Questionnaire {
            sections: self
                .sections
                .iter()
                .map(|section| Section {
                    definition: to_third_person(&section.definition),
                    items: section
                        .items
                        .iter()
                        .map(|item| Item {
                            text: to_third_person(&item.text),
                            ..item.clone()
                        })
                        .collect(),
                    ..section.clone()
                })
                .collect(),
        }
    }

    /// Every item key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.key.as_str()))
    }

    /// The number of statements.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// The statements not answered yet, per section index.
    pub fn unanswered(&self, answers: &Answers) -> Vec<(usize, Vec<&Item>)> {
        self.sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    i,
                    s.items
                        .iter()
                        .filter(|item| !answers.ratings.contains_key(&item.key))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }

    /// The first section with an unanswered statement (where a returning respondent resumes),
    /// or `None` when everything is answered.
    pub fn resume_at(&self, answers: &Answers) -> Option<usize> {
        self.unanswered(answers).first().map(|(i, _)| *i)
    }
}

/// Reads the posted fields of one section into `answers`. A posted rating replaces the stored
/// one and an empty value clears it; a statement that is not posted keeps its stored answer (a
/// chosen radio button cannot be unchosen in a form, so absence means "no change" — this also
/// keeps an answer saved as it was given when a page posts without it). The comment likewise.
/// Fields other than the section's ratings and comment (and the given `ignored` control fields)
/// are refused, as are ratings off the scale and comments over the limit: on any problem
/// `answers` is left unchanged and every problem is returned.
pub fn apply_section(
    section: &Section,
    pairs: &[(String, String)],
    ignored: &[&str],
    answers: &mut Answers,
) -> Result<(), Vec<AnswerError>> {
    let mut errors = Vec::new();
    // Per posted statement: the new answer, or `None` to clear it.
    let mut ratings: BTreeMap<String, Option<Answer>> = BTreeMap::new();
    let mut comment = None;
    let comment_field = format!("c:{}", section.competency_id);
    for (name, value) in pairs {
        if ignored.contains(&name.as_str()) {
            continue;
        }
        if let Some(key) = name.strip_prefix("r:") {
            if !section.items.iter().any(|i| i.key == key) {
                errors.push(AnswerError::UnknownItem {
                    key: key.to_owned(),
                });
            } else if value.is_empty() {
                ratings.insert(key.to_owned(), None);
            } else {
                match Answer::parse(value) {
                    Some(answer) => {
                        ratings.insert(key.to_owned(), Some(answer));
                    }
                    None => errors.push(AnswerError::OutOfScale {
                        key: key.to_owned(),
                        value: value.chars().take(20).collect(),
                    }),
                }
            }
        } else if *name == comment_field {
            let chars = value.chars().count();
            if chars > MAX_COMMENT_CHARS {
                errors.push(AnswerError::CommentTooLong {
                    chars,
                    max: MAX_COMMENT_CHARS,
                });
            } else {
                comment = Some(value.trim().to_owned());
            }
        } else {
            errors.push(AnswerError::UnknownField {
                name: name.chars().take(60).collect(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (key, answer) in ratings {
        match answer {
            Some(answer) => answers.ratings.insert(key, answer),
            None => answers.ratings.remove(&key),
        };
    }
    match comment {
        Some(text) if !text.is_empty() => {
            answers.comments.insert(section.competency_id.clone(), text);
        }
        Some(_) => {
            answers.comments.remove(&section.competency_id);
        }
        None => {}
    }
    Ok(())
}

/// Drops answers to statements the questionnaire does not have (a stored draft is checked again
/// before it becomes a response).
pub fn retain_known(questionnaire: &Questionnaire, answers: &mut Answers) {
    let keys: std::collections::HashSet<&str> = questionnaire.keys().collect();
    answers.ratings.retain(|k, _| keys.contains(k.as_str()));
    let competencies: std::collections::HashSet<&str> = questionnaire
        .sections
        .iter()
        .map(|s| s.competency_id.as_str())
        .collect();
    answers
        .comments
        .retain(|k, _| competencies.contains(k.as_str()));
}

#[cfg(test)]
mod tests;
