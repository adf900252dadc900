//! The product's own words on the printed record, in Dutch and English: the labels around the
//! form's text (which is data, in the record's language). One enum so that the PDF and the
//! print page say the same, and a test checks that every label has both languages.

use crate::domain::language::Language;

/// A label on the printed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Before the type's name in the title.
    Form,
    /// The person discussed.
    About,
    ConversationDate,
    Place,
    Duration,
    State,
    Participants,
    /// Under a section whose text is empty.
    NothingWritten,
    Agreements,
    NoAgreements,
    What,
    Who,
    DueOn,
    LookBack,
    NoPreviousAgreements,
    Outcome,
    SignOff,
    Role,
    Name,
    SignedOn,
    NotSigned,
    ApprovedOn,
    NotApproved,
    SharedWith,
    KeptUntil,
    Confidential,
    /// In the footer of a record that is not approved yet.
    Draft,
    /// Before an attached scan's heading.
    Attachment,
    ScanAbout,
    ScanClosed,
    ScanAttached,
}

impl Label {
    /// Every label, for the test that each has both languages.
    pub const ALL: [Label; 31] = [
        Label::Form,
        Label::About,
        Label::ConversationDate,
        Label::Place,
        Label::Duration,
        Label::State,
        Label::Participants,
        Label::NothingWritten,
        Label::Agreements,
        Label::NoAgreements,
        Label::What,
        Label::Who,
        Label::DueOn,
        Label::LookBack,
        Label::NoPreviousAgreements,
        Label::Outcome,
        Label::SignOff,
        Label::Role,
        Label::Name,
        Label::SignedOn,
        Label::NotSigned,
        Label::ApprovedOn,
        Label::NotApproved,
        Label::SharedWith,
        Label::KeptUntil,
        Label::Confidential,
        Label::Draft,
        Label::Attachment,
        Label::ScanAbout,
        Label::ScanClosed,
        Label::ScanAttached,
    ];

    /// Dutch and English.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Label::Form => ("Formulier", "Form"),
            Label::About => ("Betreft", "About"),
            Label::ConversationDate => ("Datum gesprek", "Date of the conversation"),
            Label::Place => ("Plaats", "Place"),
            Label::Duration => ("Duur", "Duration"),
            Label::State => ("Status", "Status"),
            Label::Participants => ("Deelnemers", "Participants"),
            Label::NothingWritten => ("(niets ingevuld)", "(nothing written)"),
            Label::Agreements => ("Afspraken", "Agreements"),
            Label::NoAgreements => ("Geen afspraken vastgelegd.", "No agreements recorded."),
            Label::What => ("Afspraak", "Agreement"),
            Label::Who => ("Wie", "Who"),
            Label::DueOn => ("Uiterlijk", "By"),
            Label::LookBack => (
                "Terugblik op de afspraken van het vorige gesprek",
                "Looking back on the previous conversation's agreements",
            ),
            Label::NoPreviousAgreements => (
                "Geen afspraken uit een vorig gesprek.",
                "No agreements from a previous conversation.",
            ),
            Label::Outcome => ("Uitkomst", "Outcome"),
            Label::SignOff => ("Voor accoord", "Approved by"),
            Label::Role => ("Rol", "Role"),
            Label::Name => ("Naam", "Name"),
            Label::SignedOn => ("Akkoord op", "Signed on"),
            Label::NotSigned => ("nog niet getekend", "not signed yet"),
            Label::ApprovedOn => ("Goedgekeurd op", "Approved on"),
            Label::NotApproved => ("nog niet goedgekeurd", "not approved yet"),
            Label::SharedWith => ("Ter kennis gebracht van", "Shared with"),
            Label::KeptUntil => ("Bewaard tot", "Kept until"),
            Label::Confidential => ("Vertrouwelijk", "Confidential"),
            Label::Draft => ("Concept", "Draft"),
            Label::Attachment => ("Bijlage", "Attachment"),
            Label::ScanAbout => ("360°-feedback over", "360° feedback on"),
            Label::ScanClosed => ("Scan gesloten op", "Scan closed on"),
            Label::ScanAttached => ("Bijgevoegd op", "Attached on"),
        }
    }

    /// The label in `language`.
    pub fn text(self, language: Language) -> &'static str {
        let (nl, en) = self.words();
        language.pick(nl, en)
    }
}

/// The label `label` in `language`.
pub fn label(label: Label, language: Language) -> &'static str {
    label.text(language)
}
