//! What a party asks of a cycle, parsed from a posted form or an API body into typed values
//! before any rule is asked: a qualification outside the five labels, a weight of zero or a
//! date that is no date is refused here with the field it came from, and nothing is stored.

use serde::{Deserialize, Serialize};

use super::final_setting::FinalChoice;
use super::qualification::Qualification;
use super::weight::Weight;
use crate::domain::calendar::Date;

/// The longest agreement text, in characters.
pub const MAX_AGREEMENT_CHARS: usize = 2_000;
/// The longest free text (career, conditions, objections), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The form as posted: a `command` and the fields it uses; lists as parallel `name[]` fields.
/// The API's JSON body has the same fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostedCycleCommand {
    pub command: String,
    pub number: String,
    pub agreement_id: String,
    pub text: String,
    pub weight: String,
    /// `on` when ticked.
    pub crucial: String,
    pub career: String,
    pub conditions: String,
    pub manager_decided: String,
    pub held_on: String,
    pub conversation_on: String,
    /// Parallel lists: the agreement rated and its qualification code.
    pub rated_id: Vec<String>,
    pub rating: Vec<String>,
    pub knowledge: String,
    /// The evaluation of the career agreements (art. 6 lid 4).
    pub career_evaluation: String,
    /// `proposal`, `crucial` or a qualification code.
    pub choice: String,
    pub motivation: String,
    pub objections: String,
    /// After objections: `changed` or `kept`.
    pub settlement: String,
    pub scan_id: String,
    /// The progress conversation's notes.
    pub notes: String,
    /// The competency profile chosen for the job (art. 3 lid 2) and the job's salary scale.
    pub profile_id: String,
    pub scale: String,
    /// Ticked job-specific competencies (a Vakspecialist's, art. 3 lid 3) and the manager's own
    /// choices (art. 3 lid 2), as `specific[]` and `own_choice[]`.
    pub specific: Vec<String>,
    pub own_choice: Vec<String>,
    /// The competency a development agreement is made on.
    pub competency: String,
}

/// One typed command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CycleCommand {
    AddWorkAgreement {
        text: String,
        weight: Option<Weight>,
    },
    AddDevelopmentAgreement {
        competency: String,
        text: String,
        crucial: bool,
    },
    /// The profile, the scale and the competencies development agreements are made on
    /// (checked against the competency guide by the service).
    ChooseCompetencies {
        profile_id: String,
        scale: String,
        specific: Vec<String>,
        own_choice: Vec<String>,
    },
    ChangeAgreement {
        agreement_id: String,
        text: String,
        weight: Option<Weight>,
    },
    DropAgreement {
        agreement_id: String,
    },
    SavePlanning {
        career: String,
        conditions: String,
        manager_decided: String,
        held_on: Option<Date>,
    },
    SaveConcept {
        number: i64,
        conversation_on: Date,
        ratings: Vec<(String, Qualification)>,
        knowledge: Option<Qualification>,
        /// How the career agreements went (art. 6 lid 4): evaluated, never weighed.
        career_evaluation: String,
    },
    ReleaseConcept {
        number: i64,
    },
    HoldAssessment {
        number: i64,
        held_on: Date,
    },
    SetFinal {
        number: i64,
        choice: Choice,
        motivation: String,
    },
    Approve {
        number: i64,
    },
    SignSeenAndObject {
        number: i64,
        objections: String,
    },
    HoldObjectionConversation {
        number: i64,
        held_on: Date,
    },
    SettleAfterObjections {
        number: i64,
        changed: bool,
        choice: Choice,
        motivation: String,
    },
    SettleWithoutObjections {
        number: i64,
    },
    AddAssessment,
    AttachScan {
        scan_id: String,
    },
    /// The employee asks the manager for a 360° scan (art. 6 lid 10).
    RequestScan,
    /// Input for a conversation, by either party (art. 4 lid 3, 5 lid 2).
    AddTopic {
        text: String,
    },
    /// The progress conversation was held (art. 5): its day and what was said.
    RecordProgress {
        held_on: Date,
        notes: String,
    },
}

/// The manager's choice of final qualification, before the proposal is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Whatever the proposal is.
    Proposal,
    Given(FinalChoice),
}

/// A field's problem, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub nl: String,
    pub en: String,
}

fn problem(field: &str, nl: impl Into<String>, en: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        nl: nl.into(),
        en: en.into(),
    }
}

impl PostedCycleCommand {
    /// The command this post asks for, or the problems of its fields.
    pub fn parse(&self) -> Result<CycleCommand, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let command = self.parse_collecting(&mut problems);
        match command {
            Some(command) if problems.is_empty() => Ok(command),
            _ => {
                if problems.is_empty() {
                    problems.push(problem(
                        "command",
                        "Onbekende opdracht.",
                        "Unknown command.",
                    ));
                }
                Err(problems)
            }
        }
    }

    fn parse_collecting(&self, problems: &mut Vec<FieldProblem>) -> Option<CycleCommand> {
        let number =
            || -> Option<i64> { self.number.trim().parse::<i64>().ok().filter(|n| *n >= 1) };
        let need_number = |problems: &mut Vec<FieldProblem>| {
            let n = number();
            if n.is_none() {
                problems.push(problem("number", "Welke beoordeling?", "Which assessment?"));
            }
            n
        };
        Some(match self.command.trim() {
            "add_work_agreement" => CycleCommand::AddWorkAgreement {
                text: agreement_text(&self.text, problems)?,
                weight: weight(&self.weight, problems)?,
            },
            "add_development_agreement" => {
                let competency = self.competency.trim().to_string();
                if competency.is_empty() {
                    problems.push(problem(
                        "competency",
                        "Kies de competentie van de afspraak.",
                        "Choose the agreement's competency.",
                    ));
                }
                let text = agreement_text(&self.text, problems);
                CycleCommand::AddDevelopmentAgreement {
                    competency,
                    text: text?,
                    crucial: self.crucial.trim() == "on",
                }
            }
            "choose_competencies" => CycleCommand::ChooseCompetencies {
                profile_id: self.profile_id.trim().to_string(),
                scale: self.scale.trim().to_string(),
                specific: self.specific.clone(),
                own_choice: self.own_choice.clone(),
            },
            "change_agreement" => CycleCommand::ChangeAgreement {
                agreement_id: self.agreement_id.trim().to_string(),
                text: agreement_text(&self.text, problems)?,
                weight: weight(&self.weight, problems)?,
            },
            "drop_agreement" => CycleCommand::DropAgreement {
                agreement_id: self.agreement_id.trim().to_string(),
            },
            "save_planning" => CycleCommand::SavePlanning {
                career: long_text("career", &self.career, problems)?,
                conditions: long_text("conditions", &self.conditions, problems)?,
                manager_decided: long_text("manager_decided", &self.manager_decided, problems)?,
                held_on: optional_date("held_on", &self.held_on, problems)?,
            },
            "save_concept" => {
                let n = need_number(problems);
                let conversation_on = date("conversation_on", &self.conversation_on, problems);
                let mut ratings = Vec::new();
                for (index, id) in self.rated_id.iter().enumerate() {
                    let code = self.rating.get(index).map(String::as_str).unwrap_or("");
                    if code.trim().is_empty() {
                        continue;
                    }
                    match Qualification::parse(code) {
                        Ok(q) => ratings.push((id.trim().to_string(), q)),
                        Err(_) => problems.push(qualification_problem(&format!("rating_{id}"))),
                    }
                }
                let knowledge = if self.knowledge.trim().is_empty() {
                    None
                } else {
                    match Qualification::parse(&self.knowledge) {
                        Ok(q) => Some(q),
                        Err(_) => {
                            problems.push(qualification_problem("knowledge"));
                            None
                        }
                    }
                };
                let career_evaluation =
                    long_text("career_evaluation", &self.career_evaluation, problems);
                CycleCommand::SaveConcept {
                    number: n?,
                    conversation_on: conversation_on?,
                    ratings,
                    knowledge,
                    career_evaluation: career_evaluation?,
                }
            }
            "release_concept" => CycleCommand::ReleaseConcept {
                number: need_number(problems)?,
            },
            "hold_assessment" => {
                let n = need_number(problems);
                let held_on = date("held_on", &self.held_on, problems);
                CycleCommand::HoldAssessment {
                    number: n?,
                    held_on: held_on?,
                }
            }
            "set_final" => {
                let n = need_number(problems);
                let choice = choice(&self.choice, problems);
                CycleCommand::SetFinal {
                    number: n?,
                    choice: choice?,
                    motivation: self.motivation.clone(),
                }
            }
            "approve" => CycleCommand::Approve {
                number: need_number(problems)?,
            },
            "sign_seen" => {
                let n = need_number(problems);
                let objections = long_text("objections", &self.objections, problems);
                CycleCommand::SignSeenAndObject {
                    number: n?,
                    objections: objections?,
                }
            }
            "hold_objection_conversation" => {
                let n = need_number(problems);
                let held_on = date("held_on", &self.held_on, problems);
                CycleCommand::HoldObjectionConversation {
                    number: n?,
                    held_on: held_on?,
                }
            }
            "settle" => {
                let n = need_number(problems);
                let changed = match self.settlement.trim() {
                    "changed" => Some(true),
                    "kept" => Some(false),
                    _ => {
                        problems.push(problem(
                            "settlement",
                            "Kies: de beoordeling wijzigen of handhaven.",
                            "Choose: change the assessment or keep it.",
                        ));
                        None
                    }
                };
                let choice = if changed == Some(true) {
                    choice(&self.choice, problems)
                } else {
                    Some(Choice::Proposal)
                };
                CycleCommand::SettleAfterObjections {
                    number: n?,
                    changed: changed?,
                    choice: choice?,
                    motivation: self.motivation.clone(),
                }
            }
            "settle_without_objections" => CycleCommand::SettleWithoutObjections {
                number: need_number(problems)?,
            },
            "add_assessment" => CycleCommand::AddAssessment,
            "request_scan" => CycleCommand::RequestScan,
            "add_topic" => CycleCommand::AddTopic {
                text: agreement_text(&self.text, problems)?,
            },
            "record_progress" => {
                let held_on = date("held_on", &self.held_on, problems);
                let notes = long_text("notes", &self.notes, problems);
                CycleCommand::RecordProgress {
                    held_on: held_on?,
                    notes: notes?,
                }
            }
            "attach_scan" => CycleCommand::AttachScan {
                scan_id: self.scan_id.trim().to_string(),
            },
            _ => return None,
        })
    }
}

fn qualification_problem(field: &str) -> FieldProblem {
    problem(
        field,
        "Kies een van de vijf kwalificaties: onvoldoende, enigszins onvoldoende, normaal, goed, \
         uitstekend (art. 6 lid 5).",
        "Choose one of the five qualifications: onvoldoende, enigszins onvoldoende, normaal, \
         goed, uitstekend (art. 6(5)).",
    )
}

fn agreement_text(text: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        problems.push(problem(
            "text",
            "Beschrijf de afspraak.",
            "Describe the agreement.",
        ));
        return None;
    }
    if text.chars().count() > MAX_AGREEMENT_CHARS {
        problems.push(problem(
            "text",
            format!("Ten hoogste {MAX_AGREEMENT_CHARS} tekens."),
            format!("At most {MAX_AGREEMENT_CHARS} characters."),
        ));
        return None;
    }
    Some(text.to_string())
}

fn long_text(field: &str, text: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    if text.chars().count() > MAX_TEXT_CHARS {
        problems.push(problem(
            field,
            format!("Ten hoogste {MAX_TEXT_CHARS} tekens."),
            format!("At most {MAX_TEXT_CHARS} characters."),
        ));
        return None;
    }
    Some(text.trim().to_string())
}

/// Empty: equal weights (art. 4 lid 2). Otherwise a positive number.
fn weight(text: &str, problems: &mut Vec<FieldProblem>) -> Option<Option<Weight>> {
    if text.trim().is_empty() {
        return Some(None);
    }
    match Weight::parse(text) {
        Ok(w) => Some(Some(w)),
        Err(_) => {
            problems.push(problem(
                "weight",
                "Een gewicht is een getal groter dan nul (bijvoorbeeld 2 of 1,5); leeg laten geeft \
                 alle afspraken hetzelfde gewicht (art. 4 lid 2).",
                "A weight is a number above zero (2 or 1.5, say); left empty, all agreements weigh \
                 the same (art. 4(2)).",
            ));
            None
        }
    }
}

fn date(field: &str, text: &str, problems: &mut Vec<FieldProblem>) -> Option<Date> {
    let parsed = Date::parse_iso(text.trim());
    if parsed.is_none() {
        problems.push(problem(
            field,
            "Vul een datum in (jjjj-mm-dd).",
            "Enter a date (yyyy-mm-dd).",
        ));
    }
    parsed
}

fn optional_date(
    field: &str,
    text: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<Option<Date>> {
    if text.trim().is_empty() {
        return Some(None);
    }
    date(field, text, problems).map(Some)
}

fn choice(text: &str, problems: &mut Vec<FieldProblem>) -> Option<Choice> {
    match text.trim() {
        "proposal" => Some(Choice::Proposal),
        "crucial" => Some(Choice::Given(FinalChoice::CrucialCompetencyRule)),
        other => match Qualification::parse(other) {
            Ok(q) => Some(Choice::Given(FinalChoice::Qualification(q))),
            Err(_) => {
                problems.push(qualification_problem("choice"));
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(command: &str) -> PostedCycleCommand {
        PostedCycleCommand {
            command: command.into(),
            number: "1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn art_6_5_a_rating_outside_the_five_labels_is_refused_with_its_field() {
        let mut form = posted("save_concept");
        form.conversation_on = "2027-03-10".into();
        form.rated_id = vec!["a1".into(), "a2".into()];
        form.rating = vec!["goed".into(), "fantastisch".into()];
        let problems = form.parse().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "rating_a2");
        form.rating[1] = "6".into();
        assert!(form.parse().is_err());
        form.rating[1] = "uitstekend".into();
        let CycleCommand::SaveConcept { ratings, .. } = form.parse().unwrap() else {
            panic!()
        };
        assert_eq!(ratings[1], ("a2".to_string(), Qualification::Uitstekend));
    }

    #[test]
    fn art_4_2_a_weight_of_zero_is_refused_and_an_empty_weight_is_equal() {
        let mut form = posted("add_work_agreement");
        form.text = "Het archief is op orde".into();
        form.weight = "0".into();
        assert_eq!(form.parse().unwrap_err()[0].field, "weight");
        form.weight = "-2".into();
        assert!(form.parse().is_err());
        form.weight = "".into();
        assert_eq!(
            form.parse(),
            Ok(CycleCommand::AddWorkAgreement {
                text: "Het archief is op orde".into(),
                weight: None
            })
        );
        form.weight = "1,5".into();
        assert!(matches!(
            form.parse(),
            Ok(CycleCommand::AddWorkAgreement {
                weight: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn art_6_5_the_final_choice_is_the_proposal_the_crucial_rule_or_a_label() {
        let mut form = posted("set_final");
        for (text, ok) in [
            ("proposal", true),
            ("crucial", true),
            ("goed", true),
            ("best", false),
        ] {
            form.choice = text.into();
            assert_eq!(form.parse().is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn unknown_commands_and_missing_numbers_are_named() {
        assert_eq!(
            posted("delete_everything").parse().unwrap_err()[0].field,
            "command"
        );
        let mut form = posted("approve");
        form.number = "0".into();
        assert_eq!(form.parse().unwrap_err()[0].field, "number");
        form.number = "x".into();
        assert!(form.parse().is_err());
    }

    #[test]
    fn art_6_12_settling_after_objections_says_changed_or_kept() {
        let mut form = posted("settle");
        assert_eq!(form.parse().unwrap_err()[0].field, "settlement");
        form.settlement = "kept".into();
        assert!(matches!(
            form.parse(),
            Ok(CycleCommand::SettleAfterObjections { changed: false, .. })
        ));
        form.settlement = "changed".into();
        form.choice = "".into();
        assert_eq!(form.parse().unwrap_err()[0].field, "choice");
    }

    #[test]
    fn art_5_a_progress_conversation_needs_its_day_and_a_topic_its_text() {
        let mut form = posted("record_progress");
        assert_eq!(form.parse().unwrap_err()[0].field, "held_on");
        form.held_on = "2027-09-01".into();
        assert!(matches!(
            form.parse(),
            Ok(CycleCommand::RecordProgress { .. })
        ));
        assert_eq!(posted("add_topic").parse().unwrap_err()[0].field, "text");
    }

    #[test]
    fn dates_must_be_dates() {
        let mut form = posted("hold_assessment");
        form.held_on = "10-03-2027".into();
        assert_eq!(form.parse().unwrap_err()[0].field, "held_on");
        form.held_on = "2027-02-30".into();
        assert!(form.parse().is_err());
    }
}
