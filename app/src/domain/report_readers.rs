//! Who hears that a scan's report can be read, and how (issue 20). Pure: the caller looks up
//! the readers' accounts and who was told already; this decides per reader. Used by the closing
//! (`scans::notify_readers`) and by the notice on the organiser's scan page, so the page shows
//! exactly what the closing will do.
//!
//! A reader without an account is invited to create one, rather than sent a personal read
//! link: the report is the most sensitive page of the product, a forwarded link would open it
//! to whoever holds the mail, and an account can be switched off and is asked for on every
//! visit (see `scans::notify_readers`).

use serde::{Deserialize, Serialize};

use super::account::Email;

/// What is known about a reader's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderAccount {
    /// No account with this address.
    None,
    /// An account that was invited but never chose a password.
    Invited,
    /// An account that can sign in.
    Active,
    /// An account an administrator switched off.
    Inactive,
}

/// What one reader gets when the report becomes readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReaderNotice {
    /// An email with a link to the report (they can sign in).
    ReportLink,
    /// An email inviting them to create an account, then read the report.
    AccountInvitation,
    /// Nothing: their account is switched off (an administrator decided so).
    NoneInactive,
    /// Nothing more: they were told already for this scan.
    AlreadyNotified,
}

impl ReaderNotice {
    /// Whether a message goes out.
    pub fn sends(self) -> bool {
        matches!(
            self,
            ReaderNotice::ReportLink | ReaderNotice::AccountInvitation
        )
    }

    /// The kind as stored with the record that the reader was told.
    pub fn stored_kind(self) -> Option<&'static str> {
        match self {
            ReaderNotice::ReportLink => Some("report_link"),
            ReaderNotice::AccountInvitation => Some("account_invitation"),
            ReaderNotice::NoneInactive | ReaderNotice::AlreadyNotified => None,
        }
    }
}

/// One reader and what they get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderLine {
    pub email: String,
    pub notice: ReaderNotice,
}

/// What the organiser's scan page shows about the readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadersNotice {
    pub lines: Vec<ReaderLine>,
    /// Nobody but the organiser reads the report (see [`only_organiser_reads`]).
    pub only_organiser: bool,
    /// How many days a reader's account invitation works.
    pub invitation_days: u32,
}

/// What each reader gets, in the order the scan names them. `account` gives a reader's account
/// (by address); `notified` whether they were told for this scan already.
pub fn plan(
    readers: &[Email],
    account: impl Fn(&Email) -> ReaderAccount,
    notified: impl Fn(&Email) -> bool,
) -> Vec<ReaderLine> {
    readers
        .iter()
        .map(|reader| ReaderLine {
            email: reader.as_str().to_owned(),
            notice: if notified(reader) {
                ReaderNotice::AlreadyNotified
            } else {
                match account(reader) {
                    ReaderAccount::Active => ReaderNotice::ReportLink,
                    ReaderAccount::None | ReaderAccount::Invited => ReaderNotice::AccountInvitation,
                    ReaderAccount::Inactive => ReaderNotice::NoneInactive,
                }
            },
        })
        .collect()
}

/// Whether nobody but the organiser will read the report: no reader is named, or only the
/// organiser is. The scan page warns the organiser then.
pub fn only_organiser_reads(readers: &[Email], organiser: &str) -> bool {
    readers
        .iter()
        .all(|reader| reader.as_str().eq_ignore_ascii_case(organiser))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(list: &[&str]) -> Vec<Email> {
        list.iter().map(|e| Email::parse(e).unwrap()).collect()
    }

    #[test]
    fn each_reader_gets_the_message_their_account_allows() {
        let readers = emails(&[
            "burgemeester@gemeente.nl",
            "wethouder@gemeente.nl",
            "half@gemeente.nl",
            "weg@gemeente.nl",
        ]);
        let lines = plan(
            &readers,
            |e| match e.as_str() {
                "burgemeester@gemeente.nl" => ReaderAccount::Active,
                "half@gemeente.nl" => ReaderAccount::Invited,
                "weg@gemeente.nl" => ReaderAccount::Inactive,
                _ => ReaderAccount::None,
            },
            |_| false,
        );
        let notices: Vec<ReaderNotice> = lines.iter().map(|l| l.notice).collect();
        assert_eq!(
            notices,
            [
                ReaderNotice::ReportLink,
                ReaderNotice::AccountInvitation,
                ReaderNotice::AccountInvitation,
                ReaderNotice::NoneInactive,
            ]
        );
        assert_eq!(lines[0].email, "burgemeester@gemeente.nl");
        assert_eq!(
            notices.iter().filter(|n| n.sends()).count(),
            3,
            "a switched-off account gets nothing"
        );
    }

    #[test]
    fn a_reader_told_already_gets_nothing_more() {
        let readers = emails(&["a@gemeente.nl", "b@gemeente.nl"]);
        let lines = plan(
            &readers,
            |_| ReaderAccount::None,
            |e| e.as_str() == "a@gemeente.nl",
        );
        assert_eq!(lines[0].notice, ReaderNotice::AlreadyNotified);
        assert!(!lines[0].notice.sends());
        assert_eq!(lines[0].notice.stored_kind(), None);
        assert_eq!(lines[1].notice, ReaderNotice::AccountInvitation);
        assert_eq!(
            lines[1].notice.stored_kind(),
            Some("account_invitation"),
            "the migration's CHECK lists exactly these kinds"
        );
        assert_eq!(ReaderNotice::ReportLink.stored_kind(), Some("report_link"));
    }

    #[test]
    fn the_organiser_alone_is_warned_about() {
        assert!(only_organiser_reads(&[], "hr@gemeente.nl"));
        assert!(only_organiser_reads(
            &emails(&["hr@gemeente.nl"]),
            "HR@gemeente.nl"
        ));
        assert!(!only_organiser_reads(
            &emails(&["hr@gemeente.nl", "burgemeester@gemeente.nl"]),
            "hr@gemeente.nl"
        ));
    }
}
