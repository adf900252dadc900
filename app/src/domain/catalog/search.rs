//! Word search over a framework, so an organiser can find the competency that fits a concern
//! ("feedback", "politiek") without knowing its name.
//!
//! Matching is case-insensitive and accent-insensitive ("beinvloeden" finds "beïnvloeden",
//! "creeren" finds "creëren"); every word of the query must occur in the same text.

use serde::{Deserialize, Serialize};

use super::model::Framework;

/// Where in a competency a hit was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchField {
    /// The competency's name.
    Name,
    /// The competency's definition.
    Definition,
    /// A behaviour at a level; `index` counts from 0 within that level.
    Behaviour {
        /// Level id.
        level: String,
        /// Position within the level's behaviours.
        index: usize,
    },
    /// A development tip at a level.
    Tip {
        /// Level id.
        level: String,
        /// Position within the level's tips.
        index: usize,
    },
    /// A scan item of an unlevelled framework.
    Item {
        /// Position within the items.
        index: usize,
    },
}

/// One text that matches the query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Id of the competency the text belongs to.
    pub competency: String,
    /// Which text matched.
    pub field: SearchField,
    /// The matching text, unchanged, for display.
    pub text: String,
}

/// Finds the texts of `framework` containing every word of `query`, in framework order
/// (names before definitions before behaviours and tips within a competency). An empty query
/// finds nothing.
pub fn search(framework: &Framework, query: &str) -> Vec<SearchHit> {
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let matches = |text: &str| {
        let folded = fold(text);
        words.iter().all(|w| folded.contains(w.as_str()))
    };
    let mut hits = Vec::new();
    for c in &framework.competencies {
        let mut push = |field: SearchField, text: &str| {
            if matches(text) {
                hits.push(SearchHit {
                    competency: c.id.clone(),
                    field,
                    text: text.to_string(),
                });
            }
        };
        push(SearchField::Name, &c.name);
        push(SearchField::Definition, &c.definition);
        for content in &c.levels {
            for (index, text) in content.behaviours.iter().enumerate() {
                let level = content.level.clone();
                push(SearchField::Behaviour { level, index }, text);
            }
            for (index, text) in content.tips.iter().enumerate() {
                let level = content.level.clone();
                push(SearchField::Tip { level, index }, text);
            }
        }
        for (index, text) in c.items.iter().enumerate() {
            push(SearchField::Item { index }, text);
        }
    }
    hits
}

/// Lowercases, drops diacritics of Latin letters and unifies apostrophes and dashes, so that
/// the way a word was typed does not decide whether it is found.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let base = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            '’' | '‘' | '`' | '´' => '\'',
            '–' | '—' => '-',
            '“' | '”' | '„' => '"',
            other => other,
        };
        out.push(base);
    }
    out
}
