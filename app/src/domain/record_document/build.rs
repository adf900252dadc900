//! Fills a [`RecordDocument`] piece by piece, as the service reads the record's rows, and tidies
//! what came from forms on the way: sections in the form's number order, written text with
//! Unix line ends and without trailing blank lines, agreements that say nothing left out.

use crate::domain::language::Language;
use crate::domain::report_view::ReportView;

use super::{
    Agreement, AttachedScan, DocumentSection, LookedBack, Participant, Reader, RecordDocument,
    SectionKind, SignOffLine,
};

/// Builds a [`RecordDocument`]; start with [`RecordDocument::builder`].
#[derive(Debug, Clone)]
pub struct RecordDocumentBuilder {
    doc: RecordDocument,
}

impl RecordDocument {
    /// A record of the type named `type_name` (`type_name_en` in English; empty: the same)
    /// about `subject_name`, planned, in Dutch, with nothing else yet.
    pub fn builder(
        type_name: &str,
        type_name_en: &str,
        subject_name: &str,
    ) -> RecordDocumentBuilder {
        let type_name_en = if type_name_en.trim().is_empty() {
            type_name
        } else {
            type_name_en
        };
        RecordDocumentBuilder {
            doc: RecordDocument {
                type_name: type_name.trim().to_owned(),
                type_name_en: type_name_en.trim().to_owned(),
                subject_name: subject_name.trim().to_owned(),
                state: "planned".to_owned(),
                starts_at: None,
                place: String::new(),
                duration_minutes: None,
                participants: Vec::new(),
                sections: Vec::new(),
                agreements: Vec::new(),
                previous_agreements: Vec::new(),
                scans: Vec::new(),
                sign_off: Vec::new(),
                approved_at: None,
                readers: Vec::new(),
                keep_until: None,
                language: Language::Nl,
            },
        }
    }
}

/// Written text as it is printed: `\r\n` and `\r` become `\n`, trailing spaces of each line
/// and blank lines at the start and end go.
pub fn tidy_text(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unix.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

impl RecordDocumentBuilder {
    /// The record's state by its code ("planned", "agenda_sent", "held", "summary_proposed",
    /// "approved", "archived", "removed").
    pub fn state(mut self, code: &str) -> Self {
        self.doc.state = code.to_owned();
        self
    }

    /// When (unix seconds), where and how long.
    pub fn plan(mut self, starts_at: i64, place: &str, duration_minutes: u32) -> Self {
        self.doc.starts_at = Some(starts_at);
        self.doc.place = place.trim().to_owned();
        self.doc.duration_minutes = Some(duration_minutes);
        self
    }

    /// A participant, after those added before.
    pub fn participant(mut self, role_name: &str, name: &str) -> Self {
        self.doc.participants.push(Participant {
            role_name: role_name.trim().to_owned(),
            name: name.trim().to_owned(),
        });
        self
    }

    /// A section of the form with its written text (tidied, see [`tidy_text`]).
    pub fn section(mut self, mut section: DocumentSection) -> Self {
        section.text = if section.kind == SectionKind::SignOff {
            String::new()
        } else {
            tidy_text(&section.text)
        };
        self.doc.sections.push(section);
        self
    }

    /// An agreement; one with neither what nor who is left out.
    pub fn agreement(mut self, what: &str, who: &str, due_on: &str) -> Self {
        if !(what.trim().is_empty() && who.trim().is_empty()) {
            self.doc.agreements.push(Agreement {
                what: tidy_text(what),
                who: who.trim().to_owned(),
                due_on: due_on.trim().to_owned(),
            });
        }
        self
    }

    /// An agreement of the previous conversation with its outcome code and note.
    pub fn looked_back(mut self, agreement: Agreement, outcome: &str, note: &str) -> Self {
        self.doc.previous_agreements.push(LookedBack {
            agreement,
            outcome: outcome.trim().to_owned(),
            note: tidy_text(note),
        });
        self
    }

    /// An attached scan with its frozen report.
    pub fn scan(mut self, scan_id: &str, attached_at: i64, report: ReportView) -> Self {
        self.doc.scans.push(AttachedScan {
            scan_id: scan_id.to_owned(),
            attached_at,
            report,
        });
        self
    }

    /// A line of the sign-off block, after those added before.
    pub fn signer(mut self, role_name: &str, name: &str, signed_at: Option<i64>) -> Self {
        self.doc.sign_off.push(SignOffLine {
            role_name: role_name.trim().to_owned(),
            name: name.trim().to_owned(),
            signed_at,
        });
        self
    }

    pub fn approved_at(mut self, at: i64) -> Self {
        self.doc.approved_at = Some(at);
        self
    }

    /// A reader the record was shared with.
    pub fn reader(mut self, name: &str, shared_at: Option<i64>) -> Self {
        self.doc.readers.push(Reader {
            name: name.trim().to_owned(),
            shared_at,
        });
        self
    }

    pub fn keep_until(mut self, at: i64) -> Self {
        self.doc.keep_until = Some(at);
        self
    }

    /// The language of the form and the written text.
    pub fn language(mut self, language: Language) -> Self {
        self.doc.language = language;
        self
    }

    /// The document, its sections in the form's number order (sections with the same number
    /// keep the order they were added in).
    pub fn build(mut self) -> RecordDocument {
        self.doc.sections.sort_by_key(|s| s.number);
        self.doc
    }
}
