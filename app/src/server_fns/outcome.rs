//! What an organiser action achieved, typed once and carried to the page that reports it. A
//! server function answers with the page to show next ([`Done::next_page`]); that address holds
//! the outcome (`?gedaan=geopend&aantal=12`), so a plain form post without JavaScript and a
//! WebAssembly call land on the same page with the same notice. Encoded and decoded only here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Done {
    Created,
    Saved,
    Added {
        added: usize,
    },
    Opened {
        invited: usize,
    },
    Reminded {
        reminded: usize,
    },
    Closed,
    Released,
    Reopened,
    Deleted,
    Revoked,
    Resent,
    Deactivated,
    Activated,
    TokenRevoked,
    /// Reported by the page itself (the new token, the invitation link), from a flash entry.
    TokenCreated,
    Invited,
    /// An informant list was checked; the page shows its preview (from a flash entry).
    Checked,
}

const KIND: &str = "gedaan";
const COUNT: &str = "aantal";

impl Done {
    fn code(self) -> &'static str {
        match self {
            Done::Created => "aangemaakt",
            Done::Saved => "opgeslagen",
            Done::Added { .. } => "toegevoegd",
            Done::Opened { .. } => "geopend",
            Done::Reminded { .. } => "herinnerd",
            Done::Closed => "gesloten",
            Done::Released => "vrijgegeven",
            Done::Reopened => "heropend",
            Done::Deleted => "verwijderd",
            Done::Revoked => "ingetrokken",
            Done::Resent => "opnieuw-verstuurd",
            Done::Deactivated => "gedeactiveerd",
            Done::Activated => "geactiveerd",
            Done::TokenRevoked => "token-ingetrokken",
            Done::TokenCreated => "token-aangemaakt",
            Done::Invited => "uitgenodigd",
            Done::Checked => "gecontroleerd",
        }
    }

    fn count(self) -> Option<usize> {
        match self {
            Done::Added { added } => Some(added),
            Done::Opened { invited } => Some(invited),
            Done::Reminded { reminded } => Some(reminded),
            _ => None,
        }
    }

    /// The page that reports this outcome of an action on `subject` (a scan, or for the
    /// account actions an account), with its anchor.
    pub fn next_page(self, subject: &str) -> String {
        let base = match self {
            Done::Deleted => "/scans".to_owned(),
            Done::Deactivated | Done::Activated | Done::Invited => "/admin/users".to_owned(),
            Done::TokenRevoked | Done::TokenCreated => "/account/tokens".to_owned(),
            _ => format!("/scans/{subject}"),
        };
        let mut query = format!("{KIND}={}", self.code());
        if let Some(n) = self.count() {
            query.push_str(&format!("&{COUNT}={n}"));
        }
        let anchor = match self {
            Done::Added { .. } | Done::Revoked | Done::Resent => "#informants",
            Done::Checked => "#add-list",
            Done::Created
            | Done::Saved
            | Done::Deactivated
            | Done::Activated
            | Done::TokenRevoked
            | Done::TokenCreated
            | Done::Invited => "",
            Done::Deleted => "",
            _ => "#actions",
        };
        format!("{base}?{query}{anchor}")
    }

    /// The outcome a page's query names, if it names a known one (a tampered address shows
    /// nothing rather than a wrong notice).
    pub fn from_query(query: &BTreeMap<String, String>) -> Option<Self> {
        let count = || query.get(COUNT).and_then(|n| n.parse().ok());
        Some(match query.get(KIND)?.as_str() {
            "aangemaakt" => Done::Created,
            "opgeslagen" => Done::Saved,
            "toegevoegd" => Done::Added { added: count()? },
            "geopend" => Done::Opened { invited: count()? },
            "herinnerd" => Done::Reminded { reminded: count()? },
            "gesloten" => Done::Closed,
            "vrijgegeven" => Done::Released,
            "heropend" => Done::Reopened,
            "verwijderd" => Done::Deleted,
            "ingetrokken" => Done::Revoked,
            "opnieuw-verstuurd" => Done::Resent,
            "gedeactiveerd" => Done::Deactivated,
            "geactiveerd" => Done::Activated,
            "token-ingetrokken" => Done::TokenRevoked,
            "token-aangemaakt" => Done::TokenCreated,
            "uitgenodigd" => Done::Invited,
            "gecontroleerd" => Done::Checked,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_of(page: &str) -> BTreeMap<String, String> {
        let query = page.split_once('?').map(|(_, q)| q).unwrap_or("");
        let query = query.split('#').next().unwrap_or("");
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn every_outcome_reads_back_from_its_page() {
        let all = [
            Done::Created,
            Done::Saved,
            Done::Added { added: 4 },
            Done::Opened { invited: 12 },
            Done::Reminded { reminded: 0 },
            Done::Closed,
            Done::Released,
            Done::Reopened,
            Done::Deleted,
            Done::Revoked,
            Done::Resent,
            Done::Deactivated,
            Done::Activated,
            Done::TokenRevoked,
            Done::TokenCreated,
            Done::Invited,
            Done::Checked,
        ];
        for done in all {
            let page = done.next_page("abc");
            assert_eq!(Done::from_query(&query_of(&page)), Some(done), "{page}");
        }
        assert_eq!(
            Done::Opened { invited: 3 }.next_page("abc"),
            "/scans/abc?gedaan=geopend&aantal=3#actions"
        );
        assert_eq!(Done::Deleted.next_page("abc"), "/scans?gedaan=verwijderd");
    }

    #[test]
    fn unknown_or_incomplete_outcomes_show_nothing() {
        for page in [
            "/scans/a?gedaan=gehackt",
            "/scans/a?gedaan=geopend",
            "/scans/a?gedaan=geopend&aantal=veel",
            "/scans/a",
        ] {
            assert_eq!(Done::from_query(&query_of(page)), None, "{page}");
        }
    }
}
