//! The scan form as the organiser typed it. Kept as text (a date, a number) so a refused form
//! can be shown again exactly as it was, and turned into a [`ScanDraft`] for validation. Read
//! from the posted form ([`PostedScanForm`]).

use serde::{Deserialize, Serialize};

use super::{
    DEFAULT_K, Language, RaterGroup, ScanDraft, ValidScan, default_groups, preselect_from_profile,
};
use crate::domain::calendar::{Date, amsterdam_date, end_of_day_amsterdam};
use crate::domain::catalog::Framework;

/// The default time the organiser gives informants: two weeks.
pub const DEFAULT_DAYS_TO_DEADLINE: i64 = 14;

/// One rater group offered on the form, ticked or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub group: RaterGroup,
    pub included: bool,
}

/// The form's fields, as text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanForm {
    /// The scan's revision when the edit form was opened (absent for a new scan).
    pub revision: Option<i64>,
    pub subject_name: String,
    pub subject_email: String,
    pub subject_job_title: String,
    pub framework_id: String,
    pub framework_version: String,
    /// Empty: no profile.
    pub profile_id: String,
    /// Empty: no level (frameworks without levels).
    pub level_id: String,
    pub include_next_level: bool,
    pub competency_ids: Vec<String>,
    pub groups: Vec<GroupChoice>,
    pub k: String,
    /// `YYYY-MM-DD`, the last day answers are accepted (Dutch time).
    pub deadline: String,
    /// `nl` or `en`.
    pub language: String,
    pub introduction: String,
    /// The introduction for the subject's own invitation and welcome page.
    pub introduction_self: String,
    /// Addresses separated by commas, semicolons or line breaks.
    pub report_readers: String,
    /// Days before the deadline for the automatic reminder; empty for none.
    pub reminder_days: String,
    pub person_status: bool,
}

/// A field that is not even the right kind of text (a number, a date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormProblem {
    pub nl: String,
    pub en: String,
}

impl FormProblem {
    fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }
}

/// The scan form exactly as posted (`application/x-www-form-urlencoded`): every field text,
/// absent fields empty. The checkbox lists are named `competency[]`, `group[]` and
/// `identifiable[]`, the shape both a browser's plain post and a server function's arguments
/// read as a list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostedScanForm {
    pub revision: String,
    pub subject_name: String,
    pub subject_email: String,
    pub subject_job_title: String,
    pub framework_id: String,
    pub framework_version: String,
    pub profile_id: String,
    pub level_id: String,
    /// `on` when ticked, absent (empty) otherwise.
    pub include_next_level: String,
    pub competency: Vec<String>,
    pub group: Vec<String>,
    pub identifiable: Vec<String>,
    pub k: String,
    pub deadline: String,
    pub language: String,
    pub introduction: String,
    pub introduction_self: String,
    pub report_readers: String,
    pub reminder_days: String,
    pub person_status: String,
}

/// Why a posted form was refused: its problems field by field, or one refusal the page
/// translates (not allowed, unknown scan, changed meanwhile…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormRefusal {
    Problems(Vec<FormProblem>),
    Refused(crate::domain::user_error::UserError),
}

/// The groups the form offers: the scan's (or the framework's default) groups first, then the
/// other standard groups, unticked, so an organiser can add a board or an external group.
pub fn group_options(framework_id: &str, current: &[RaterGroup]) -> Vec<GroupChoice> {
    let mut choices: Vec<GroupChoice> = current
        .iter()
        .map(|g| GroupChoice {
            group: g.clone(),
            included: true,
        })
        .collect();
    // Every standard group, with the framework's labels where it has its own.
    let framework_groups = default_groups(framework_id);
    let all_standard = default_groups("");
    for group in framework_groups.iter().chain(all_standard.iter()) {
        if !choices.iter().any(|c| c.group.id == group.id) {
            choices.push(GroupChoice {
                group: group.clone(),
                included: false,
            });
        }
    }
    choices
}

impl ScanForm {
    /// A fresh form for a framework: the profile's competencies ticked (or the first cluster's,
    /// for frameworks without profiles), the framework's default groups, k 3, two weeks.
    pub fn new_for(framework: &Framework, profile_id: Option<&str>, now: i64) -> Self {
        let profile = profile_id.filter(|p| framework.profile(p).is_some());
        let competency_ids = match profile {
            Some(p) => preselect_from_profile(framework, p),
            None => framework
                .clusters
                .first()
                .map(|c| {
                    framework
                        .competencies_in(&c.id)
                        .iter()
                        .map(|c| c.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
        };
        let deadline = amsterdam_date(now).add_days(DEFAULT_DAYS_TO_DEADLINE);
        ScanForm {
            revision: None,
            framework_id: framework.id.clone(),
            framework_version: framework.version.to_string(),
            profile_id: profile.unwrap_or_default().to_owned(),
            level_id: String::new(),
            competency_ids,
            groups: group_options(&framework.id, &default_groups(&framework.id)),
            k: DEFAULT_K.to_string(),
            deadline: deadline.iso(),
            language: Language::Nl.code().to_owned(),
            ..ScanForm::default()
        }
    }

    /// The form showing a stored scan, for editing.
    pub fn from_scan(scan: &ValidScan, revision: i64) -> Self {
        ScanForm {
            revision: Some(revision),
            subject_name: scan.subject_name.clone(),
            subject_email: scan.subject_email.as_str().to_owned(),
            subject_job_title: scan.subject_job_title.clone(),
            framework_id: scan.framework_id.clone(),
            framework_version: scan.framework_version.to_string(),
            profile_id: scan.profile_id.clone().unwrap_or_default(),
            level_id: scan.level_id.clone().unwrap_or_default(),
            include_next_level: scan.next_level_id.is_some(),
            competency_ids: scan.competency_ids.clone(),
            groups: group_options(&scan.framework_id, &scan.groups),
            k: scan.k.to_string(),
            deadline: amsterdam_date(scan.deadline).iso(),
            language: scan.language.code().to_owned(),
            introduction: scan.introduction.clone(),
            introduction_self: scan.introduction_self.clone(),
            report_readers: scan
                .report_readers
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            reminder_days: scan
                .reminder_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            person_status: scan.person_status,
        }
    }

    /// Reads a posted form. `offered` are the groups the form showed (see [`group_options`]):
    /// a group is included when its id comes back in `group[]`; labels and the identifiable
    /// flag come from the offer and the `identifiable[]` values, never from free text, so a
    /// tampered form cannot invent groups. The self group is always included.
    pub fn from_posted(posted: &PostedScanForm, offered: &[GroupChoice]) -> Self {
        let groups = offered
            .iter()
            .map(|choice| {
                let mut group = choice.group.clone();
                if !group.is_self {
                    group.identifiable = posted.identifiable.contains(&group.id);
                }
                GroupChoice {
                    included: group.is_self || posted.group.contains(&group.id),
                    group,
                }
            })
            .collect();
        ScanForm {
            revision: posted.revision.trim().parse().ok(),
            subject_name: posted.subject_name.clone(),
            subject_email: posted.subject_email.clone(),
            subject_job_title: posted.subject_job_title.clone(),
            framework_id: posted.framework_id.clone(),
            framework_version: posted.framework_version.clone(),
            profile_id: posted.profile_id.clone(),
            level_id: posted.level_id.clone(),
            include_next_level: !posted.include_next_level.is_empty(),
            competency_ids: posted.competency.clone(),
            groups,
            k: posted.k.clone(),
            deadline: posted.deadline.clone(),
            language: posted.language.clone(),
            introduction: posted.introduction.clone(),
            introduction_self: posted.introduction_self.clone(),
            report_readers: posted.report_readers.clone(),
            reminder_days: posted.reminder_days.clone(),
            person_status: !posted.person_status.is_empty(),
        }
    }

    /// Turns the text into a draft for [`super::validate_scan`], or lists the fields that are
    /// not the right kind of text.
    pub fn to_draft(&self) -> Result<ScanDraft, Vec<FormProblem>> {
        let mut problems = Vec::new();
        let framework_version = self
            .framework_version
            .trim()
            .parse::<u32>()
            .unwrap_or_else(|_| {
                problems.push(FormProblem::new(
                    "het kader ontbreekt of is onbekend",
                    "the framework is missing or unknown",
                ));
                0
            });
        let k = self.k.trim().parse::<usize>().unwrap_or_else(|_| {
            problems.push(FormProblem::new(
                format!("de anonimiteitsgrens {:?} is geen geheel getal", self.k),
                format!("the anonymity minimum {:?} is not a whole number", self.k),
            ));
            0
        });
        let deadline = match Date::parse_iso(&self.deadline) {
            Some(date) => end_of_day_amsterdam(date),
            None => {
                problems.push(FormProblem::new(
                    format!("de deadline {:?} is geen datum (jjjj-mm-dd)", self.deadline),
                    format!(
                        "the deadline {:?} is not a date (yyyy-mm-dd)",
                        self.deadline
                    ),
                ));
                0
            }
        };
        let language = Language::parse(&self.language).unwrap_or_else(|| {
            problems.push(FormProblem::new(
                "kies Nederlands of Engels als taal van de uitnodigingen",
                "choose Dutch or English as the language of the invitations",
            ));
            Language::Nl
        });
        let reminder_days = match self.reminder_days.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(days) => Some(days),
                Err(_) => {
                    problems.push(FormProblem::new(
                        format!("de herinnering {text:?} is geen aantal dagen"),
                        format!("the reminder {text:?} is not a number of days"),
                    ));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(ScanDraft {
            subject_name: self.subject_name.clone(),
            subject_email: self.subject_email.clone(),
            subject_job_title: self.subject_job_title.clone(),
            framework_id: self.framework_id.trim().to_owned(),
            framework_version,
            profile_id: optional(&self.profile_id),
            level_id: optional(&self.level_id),
            include_next_level: self.include_next_level,
            competency_ids: self.competency_ids.clone(),
            groups: self
                .groups
                .iter()
                .filter(|c| c.included)
                .map(|c| c.group.clone())
                .collect(),
            k,
            deadline,
            language,
            introduction: self.introduction.clone(),
            introduction_self: self.introduction_self.clone(),
            report_readers: self
                .report_readers
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            reminder_days,
            person_status: self.person_status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;
    use crate::domain::scan::validate_scan;

    const NOW: i64 = 1_800_000_000; // 2027-01-15

    fn framework(id: &str) -> Framework {
        builtin().into_iter().find(|f| f.id == id).unwrap()
    }

    #[test]
    fn a_new_form_for_a_profile_ticks_its_competencies_and_validates_once_completed() {
        let fw = framework("maastricht-2014");
        let mut form = ScanForm::new_for(&fw, Some("beleidsmedewerker"), NOW);
        assert_eq!(
            form.competency_ids,
            preselect_from_profile(&fw, "beleidsmedewerker")
        );
        assert_eq!(form.profile_id, "beleidsmedewerker");
        assert_eq!(form.k, "3");
        assert_eq!(form.deadline, amsterdam_date(NOW).add_days(14).iso());
        form.subject_name = "Piet".into();
        form.subject_email = "piet@gemeente.nl".into();
        form.level_id = "8-10".into();
        let draft = form.to_draft().unwrap();
        let scan = validate_scan(&draft, &fw, NOW).unwrap();
        assert_eq!(
            scan.deadline,
            end_of_day_amsterdam(Date::parse_iso(&form.deadline).unwrap())
        );
        // And back: the edit form shows the same values.
        let again = ScanForm::from_scan(&scan, 4);
        assert_eq!(again.revision, Some(4));
        assert_eq!(again.deadline, form.deadline);
        assert_eq!(again.competency_ids, scan.competency_ids);
        assert_eq!(again.to_draft().unwrap().groups, scan.groups);
    }

    #[test]
    fn an_unknown_profile_falls_back_to_the_first_cluster() {
        let fw = framework("gemeentesecretaris");
        let form = ScanForm::new_for(&fw, Some("bestaat-niet"), NOW);
        assert_eq!(form.profile_id, "");
        let core: Vec<String> = fw
            .competencies_in(&fw.clusters[0].id)
            .iter()
            .map(|c| c.id.clone())
            .collect();
        assert!(!core.is_empty());
        assert_eq!(form.competency_ids, core);
    }

    #[test]
    fn posted_lists_are_read_and_cannot_invent_groups() {
        let fw = framework("gemeentesecretaris");
        let offered = group_options(&fw.id, &default_groups(&fw.id));
        let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
        let posted = PostedScanForm {
            subject_name: "Sanne".into(),
            framework_id: "gemeentesecretaris".into(),
            framework_version: "1".into(),
            competency: strings(&["a", "b"]),
            group: strings(&["board", "verzonnen"]),
            identifiable: strings(&["board"]),
            k: " 4 ".into(),
            deadline: "2027-02-01".into(),
            language: "en".into(),
            revision: "7".into(),
            person_status: "on".into(),
            ..PostedScanForm::default()
        };
        let form = ScanForm::from_posted(&posted, &offered);
        assert_eq!(form.competency_ids, ["a", "b"]);
        assert_eq!(form.revision, Some(7));
        assert!(form.person_status);
        let included: Vec<&str> = form
            .groups
            .iter()
            .filter(|c| c.included)
            .map(|c| c.group.id.as_str())
            .collect();
        assert_eq!(
            included,
            ["self", "board"],
            "self always, the invented group never"
        );
        let board = form.groups.iter().find(|c| c.group.id == "board").unwrap();
        assert!(board.group.identifiable);
        assert_eq!(form.to_draft().unwrap().k, 4);
    }

    #[test]
    fn text_that_is_not_a_number_or_date_is_reported_per_field() {
        let form = ScanForm {
            framework_version: "x".into(),
            k: "drie".into(),
            deadline: "31-12-2027".into(),
            language: "de".into(),
            reminder_days: "een week".into(),
            ..ScanForm::default()
        };
        let problems = form.to_draft().unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[1].nl.contains("drie"));
        assert!(problems[2].en.contains("not a date"));
    }

    #[test]
    fn readers_split_on_commas_semicolons_and_lines() {
        let form = ScanForm {
            framework_version: "1".into(),
            k: "3".into(),
            deadline: "2027-02-01".into(),
            language: "nl".into(),
            report_readers: "a@x.nl, b@x.nl;c@x.nl\nd@x.nl ".into(),
            reminder_days: " ".into(),
            ..ScanForm::default()
        };
        let draft = form.to_draft().unwrap();
        assert_eq!(
            draft.report_readers,
            ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"]
        );
        assert_eq!(draft.reminder_days, None);
    }

    #[test]
    fn group_options_keep_the_scans_groups_first_and_offer_the_rest() {
        let options = group_options("gemeentesecretaris", &default_groups("gemeentesecretaris"));
        let ids: Vec<&str> = options.iter().map(|c| c.group.id.as_str()).collect();
        assert_eq!(
            ids,
            ["self", "board", "colleagues", "staff", "others", "manager"]
        );
        assert!(options[..5].iter().all(|c| c.included));
        assert!(!options[5].included);
    }
}
