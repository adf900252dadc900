//! One open Maastricht scan, as the respondent-side tests need it: an organiser, the example
//! scan (the subject is invited in the self group), the given informants, opened. The pieces
//! (an organiser, any draft opened with any link secret) serve the other tests and the benches.

use app::auth::scan_link::LinkSecret;
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::informants::Informant;
use app::domain::scan::ScanDraft;
use app::domain::scan::example::maastricht_example;
use app::scans::mail::LinkMaker;
use app::scans::service;
use app::storage::Db;

pub const NOW: i64 = 1_800_000_000;
pub const DAY: i64 = 86_400;

pub struct OpenScan {
    pub id: String,
    pub organiser: CurrentUser,
    pub secret: LinkSecret,
}

impl OpenScan {
    pub fn links(&self) -> LinkMaker<'_> {
        LinkMaker {
            base_url: "https://scan.example.nl",
            secret: &self.secret,
        }
    }

    /// The personal link tokens by address, in the order the invitations are listed.
    pub async fn tokens(&self, db: &Db) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for i in db.list_invitations(&self.id).await.unwrap() {
            let (target, _) = db
                .find_invitation_target(&self.id, &i.id)
                .await
                .unwrap()
                .unwrap();
            out.push((i.email.clone(), self.links().token(&target)));
        }
        out
    }

    /// The personal link token of `email`'s invitation.
    pub async fn token(&self, db: &Db, email: &str) -> String {
        self.tokens(db)
            .await
            .into_iter()
            .find(|(e, _)| e == email)
            .unwrap_or_else(|| panic!("no invitation for {email}"))
            .1
    }
}

/// A new organiser account for `email` (without a password), as the services see it.
pub async fn organiser(db: &Db, email: &str, now: i64) -> CurrentUser {
    let email = Email::parse(email).unwrap();
    let id = db
        .create_account(&email, None, Role::Organiser, now)
        .await
        .unwrap();
    CurrentUser {
        id,
        email: email.as_str().into(),
        role: Role::Organiser,
    }
}

/// `count` colleagues named `Collega {prefix}{i}` at `{address}{i}@gemeente.nl`.
pub fn colleagues(count: usize, prefix: &str, address: &str) -> Vec<Informant> {
    (0..count)
        .map(|i| Informant {
            name: format!("Collega {prefix}{i}"),
            email: Email::parse(&format!("{address}{i}@gemeente.nl")).unwrap(),
            group: "colleagues".into(),
        })
        .collect()
}

/// The built-in Maastricht framework.
pub fn maastricht() -> app::domain::catalog::Framework {
    app::domain::catalog::builtin()
        .into_iter()
        .find(|f| f.id == "maastricht-2014")
        .unwrap()
}

/// Opens the Maastricht example scan (deadline in two weeks) with `informants`.
pub async fn open_scan(db: &Db, informants: &[Informant]) -> OpenScan {
    app::catalog::load_builtin(db, NOW).await.unwrap();
    let organiser = organiser(db, "hr@gemeente.nl", NOW).await;
    let draft = maastricht_example(&maastricht(), NOW + 14 * DAY);
    open_draft(
        db,
        organiser,
        &draft,
        informants,
        LinkSecret::generate(),
        NOW,
    )
    .await
}

/// Creates `draft` as `organiser`'s scan, adds `informants` and opens it at `now`, its links
/// made with `secret`.
pub async fn open_draft(
    db: &Db,
    organiser: CurrentUser,
    draft: &ScanDraft,
    informants: &[Informant],
    secret: LinkSecret,
    now: i64,
) -> OpenScan {
    let scan_id = service::create_scan(db, &organiser, draft, now)
        .await
        .unwrap();
    let scan = OpenScan {
        id: scan_id,
        organiser,
        secret,
    };
    service::add_informants(
        db,
        &scan.links(),
        &scan.organiser,
        &scan.id,
        informants,
        now,
    )
    .await
    .unwrap();
    service::open_scan(db, &scan.links(), &scan.organiser, &scan.id, now)
        .await
        .unwrap();
    scan
}
