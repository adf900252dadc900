//! The informant forms of a scan's page as the organiser sees them: the preview of a pasted or
//! uploaded list, line by line in both languages, so the list can be corrected in place.
//! Built here from the parser's [`Preview`], so every door shows the same thing.

use serde::{Deserialize, Serialize};

use crate::domain::informants::Preview;
use crate::domain::scan::RaterGroup;
use crate::domain::scan::form::FormProblem;

/// One line of the informant-list preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLineView {
    pub line_no: usize,
    pub raw: String,
    pub name: String,
    pub email: String,
    pub group_nl: String,
    pub group_en: String,
    pub problem: Option<FormProblem>,
}

/// The preview of a list, with its text so it can be corrected in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformantPreview {
    pub text: String,
    pub lines: Vec<PreviewLineView>,
    /// Every line is good (and there is at least one): the list can be saved as it is.
    pub clean: bool,
}

impl InformantPreview {
    /// The preview of `text`, parsed into `preview`, against the scan's `groups`.
    pub fn of(text: String, preview: &Preview, groups: &[RaterGroup]) -> Self {
        let lines = preview
            .lines
            .iter()
            .map(|line| {
                let (name, email, group) = match &line.outcome {
                    Ok(i) => (i.name.clone(), i.email.as_str().to_owned(), i.group.clone()),
                    Err(_) => Default::default(),
                };
                let label = groups.iter().find(|g| g.id == group);
                PreviewLineView {
                    line_no: line.line_no,
                    raw: line.raw.clone(),
                    name,
                    email,
                    group_nl: label.map(|g| g.label_nl.clone()).unwrap_or_default(),
                    group_en: label.map(|g| g.label_en.clone()).unwrap_or_default(),
                    problem: line.outcome.as_ref().err().map(|e| FormProblem {
                        nl: e.message_nl(),
                        en: e.to_string(),
                    }),
                }
            })
            .collect();
        InformantPreview {
            text,
            lines,
            clean: preview.is_clean() && !preview.lines.is_empty(),
        }
    }

    /// A list that could not be read at all (too large, too many lines): its text, no lines.
    pub fn unreadable(text: String) -> Self {
        InformantPreview {
            text,
            lines: Vec::new(),
            clean: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::account::Email;
    use crate::domain::informants::{InformantContext, parse_informant_list};
    use crate::domain::scan::default_groups;

    #[test]
    fn good_lines_name_their_group_in_both_languages_and_bad_lines_their_problem() {
        let groups = default_groups("");
        let subject = Email::parse("sanne@gemeente.nl").unwrap();
        let existing = HashSet::new();
        let context = InformantContext {
            groups: &groups,
            subject_email: &subject,
            existing: &existing,
        };
        let text = "Jan Jansen <jan@gemeente.nl>, collega's\ngeen adres".to_owned();
        let parsed = parse_informant_list(&text, &context).unwrap();
        let preview = InformantPreview::of(text.clone(), &parsed, &groups);
        assert_eq!(preview.text, text);
        assert!(!preview.clean);
        assert_eq!(preview.lines.len(), 2);
        let good = &preview.lines[0];
        assert_eq!(good.email, "jan@gemeente.nl");
        assert!(good.problem.is_none());
        assert!(!good.group_nl.is_empty() && !good.group_en.is_empty());
        let bad = &preview.lines[1];
        assert!(bad.problem.is_some() && bad.email.is_empty());
    }

    #[test]
    fn an_empty_list_is_not_clean() {
        let preview = InformantPreview::of(String::new(), &Preview::default(), &[]);
        assert!(!preview.clean && preview.lines.is_empty());
    }
}
