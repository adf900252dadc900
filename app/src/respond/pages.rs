//! What each of the respondent's pages shows, taken from a looked-up link: pure, no I/O, so the
//! HTML (`respond::html`) only lays out what is decided here.

use super::{LinkError, Respondent};
use crate::domain::language::Language;
use crate::domain::questionnaire::Section;

/// The welcome page: who the scan is about, the organiser's words, the deadline, and plainly
/// what is anonymous and what is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Welcome {
    pub token: String,
    pub subject_name: String,
    pub subject_job_title: String,
    pub organiser: String,
    /// The organiser's introduction for this respondent's audience (self or informants), as
    /// typed: line breaks are the page's to keep.
    pub introduction: String,
    pub deadline: i64,
    pub group_nl: String,
    pub group_en: String,
    pub promise: Promise,
    /// The organiser sees per person whether they have submitted (the scan's `person_status`);
    /// the promise says so.
    pub person_status: bool,
    pub competencies: usize,
    /// Where a returning respondent continues (`None`: everything answered).
    pub resume_at: Option<usize>,
    /// Whether anything was answered already.
    pub started: bool,
    /// The scan's language: the page's unless the respondent switched.
    pub language: Language,
}

/// What the respondent is told about who can see their answers (the words are in
/// `domain::anonymity_promise`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Promise {
    /// The self group: shown as "self" beside the others.
    OwnRating,
    /// A group shown as a group even when small (e.g. the manager); `k` still protects the
    /// other groups and the comment lists.
    Identifiable { k: usize },
    /// Only as a group result of at least `k` people.
    Anonymous { k: usize },
}

/// One section of the questionnaire with the respondent's answers so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionPage<'a> {
    pub token: &'a str,
    pub is_self: bool,
    /// Who "de betrokkene" in an informant's statements is.
    pub subject_name: &'a str,
    pub language: Language,
    pub index: usize,
    pub total: usize,
    pub section: &'a Section,
    /// The form value (`1`–`5` or `x`) per item, in the section's order; `None` if unanswered.
    pub chosen: Vec<Option<String>>,
    pub comment: String,
    /// Problems with the last post of this page, in Dutch and English.
    pub problems: Vec<(String, String)>,
}

/// One section's unanswered statements, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub index: usize,
    pub name: String,
    pub count: usize,
}

/// The summary before submitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryPage {
    pub token: String,
    pub language: Language,
    pub total_items: usize,
    pub answered: usize,
    pub sections: usize,
    pub unanswered: Vec<Unanswered>,
}

/// Every page a personal link can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RespondentPage<'a> {
    Welcome(Welcome),
    Section(SectionPage<'a>),
    Summary(SummaryPage),
    Thanks,
    /// Unknown, revoked, closed or already submitted.
    Unavailable(LinkError),
    /// The server could not read or write its database.
    Internal,
}

impl RespondentPage<'_> {
    /// The language of the scan the page belongs to, where the page knows it: it governs the
    /// page unless the respondent chose another (`request_language::of_respondent_request`).
    pub fn scan_language(&self) -> Option<Language> {
        match self {
            RespondentPage::Welcome(w) => Some(w.language),
            RespondentPage::Section(s) => Some(s.language),
            RespondentPage::Summary(s) => Some(s.language),
            RespondentPage::Unavailable(reason) => reason.scan_language(),
            RespondentPage::Thanks | RespondentPage::Internal => None,
        }
    }
}

pub fn welcome(r: &Respondent, token: &str) -> Welcome {
    let scan = &r.scan.scan;
    let group = scan.group(&r.invitation.group_id);
    let promise = if r.is_self {
        Promise::OwnRating
    } else if group.is_some_and(|g| g.identifiable) {
        Promise::Identifiable { k: scan.k }
    } else {
        Promise::Anonymous { k: scan.k }
    };
    Welcome {
        token: token.to_owned(),
        subject_name: scan.subject_name.clone(),
        subject_job_title: scan.subject_job_title.clone(),
        organiser: r.scan.organiser_email.clone(),
        introduction: if r.is_self {
            scan.introduction_self.clone()
        } else {
            scan.introduction.clone()
        },
        deadline: scan.deadline,
        group_nl: group.map(|g| g.label_nl.clone()).unwrap_or_default(),
        group_en: group.map(|g| g.label_en.clone()).unwrap_or_default(),
        promise,
        person_status: scan.person_status,
        competencies: r.questionnaire.sections.len(),
        resume_at: r.questionnaire.resume_at(&r.answers),
        started: !r.answers.ratings.is_empty() || !r.answers.comments.is_empty(),
        language: scan.language,
    }
}

/// Section `index`, or `None` when the questionnaire has no such section.
pub fn section<'a>(
    r: &'a Respondent,
    token: &'a str,
    index: usize,
    problems: Vec<(String, String)>,
) -> Option<SectionPage<'a>> {
    let section = r.questionnaire.sections.get(index)?;
    let chosen = section
        .items
        .iter()
        .map(|item| r.answers.ratings.get(&item.key).map(|a| a.form_value()))
        .collect();
    let comment = r
        .answers
        .comments
        .get(&section.competency_id)
        .cloned()
        .unwrap_or_default();
    Some(SectionPage {
        token,
        is_self: r.is_self,
        subject_name: &r.scan.scan.subject_name,
        language: r.scan.scan.language,
        index,
        total: r.questionnaire.sections.len(),
        section,
        chosen,
        comment,
        problems,
    })
}

pub fn summary(r: &Respondent, token: &str) -> SummaryPage {
    let q = &r.questionnaire;
    let unanswered: Vec<Unanswered> = q
        .unanswered(&r.answers)
        .into_iter()
        .map(|(index, items)| Unanswered {
            index,
            name: q.sections[index].name.clone(),
            count: items.len(),
        })
        .collect();
    let missing: usize = unanswered.iter().map(|u| u.count).sum();
    SummaryPage {
        token: token.to_owned(),
        language: r.scan.scan.language,
        total_items: q.item_count(),
        answered: q.item_count() - missing,
        sections: q.sections.len(),
        unanswered,
    }
}
