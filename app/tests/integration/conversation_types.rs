//! Conversation types as a service on every backend: the shipped types are listed without being
//! stored, an administrator's import stores the file text once per version, refusals store
//! nothing, and a newer imported version replaces a shipped one in the list.

use crate::support;

use app::conversations::types::{self, ImportOutcome, TypeImportError, TypeOrigin};
use app::domain::account::{CurrentUser, Email, Role};
use app::domain::conversation_type::{TypeError, TypeProblem, builtin};
use app::storage::Db;

const NOW: i64 = 1_800_000_000;

const SECRETARY: &str = "functioneringsgesprek-secretaris";

async fn admin(db: &Db) -> CurrentUser {
    let email = Email::parse("beheer@gemeente.nl").unwrap();
    let id = db
        .create_account(&email, None, Role::Admin, NOW)
        .await
        .unwrap();
    CurrentUser {
        id,
        email: email.as_str().into(),
        role: Role::Admin,
    }
}

fn own_type(version: u32, prompt: &str) -> String {
    format!(
        r#"id = "jaargesprek"
version = {version}
name = "Jaargesprek"
name_en = "Annual conversation"
source = "Gemeente Voorbeeld"
description = "Het jaarlijkse gesprek."
subject_role = "medewerker"
planner_roles = ["leidinggevende"]
retention_months = 24
subject_may_change = "never"

[[roles]]
id = "leidinggevende"
name = "Leidinggevende"
name_en = "Manager"
required = true

[[roles]]
id = "medewerker"
name = "Medewerker"
name_en = "Employee"
required = true

[[sections]]
id = "werk"
number = 1
title = "Werk"
prompts = ["{prompt}"]
"#
    )
}

#[tokio::test]
async fn shipped_types_are_listed_without_being_stored() {
    for t in support::all().await {
        let listed = types::list(&t.db).await.unwrap();
        let ids: Vec<&str> = listed
            .iter()
            .map(|k| k.conversation_type.id.as_str())
            .collect();
        assert_eq!(ids, [SECRETARY, "raadslid-gesprek"], "{}", t.name);
        assert!(listed.iter().all(|k| k.origin == TypeOrigin::Builtin));
        assert_eq!(t.db.count_conversation_type_versions().await.unwrap(), 0);
        let found = types::find(&t.db, SECRETARY, Some(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.conversation_type, builtin()[0]);
        assert!(
            types::find(&t.db, SECRETARY, Some(2))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            types::find(&t.db, "onbekend", None)
                .await
                .unwrap()
                .is_none()
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn an_import_stores_the_text_once_per_version() {
    for t in support::all().await {
        let admin = admin(&t.db).await;
        let text = own_type(1, "Hoe gaat het?");
        let (imported, outcome) =
            types::import_by(&t.db, &admin, "jaar.toml", text.as_bytes(), NOW)
                .await
                .unwrap();
        assert_eq!(
            (imported.id.as_str(), outcome),
            ("jaargesprek", ImportOutcome::Stored)
        );
        let stored =
            t.db.find_conversation_type("jaargesprek", Some(1))
                .await
                .unwrap()
                .unwrap();
        assert_eq!(stored.source_text, text, "{}: the file as uploaded", t.name);
        assert_eq!(stored.imported_by.as_deref(), Some(admin.id.as_str()));
        assert_eq!(stored.imported_at, NOW);

        // The same content again (other comments): unchanged, nothing written.
        let again = format!("# dezelfde inhoud\n{text}");
        let (_, outcome) = types::import_by(&t.db, &admin, "jaar.toml", again.as_bytes(), NOW + 1)
            .await
            .unwrap();
        assert_eq!(outcome, ImportOutcome::Unchanged);
        assert_eq!(t.db.count_conversation_type_versions().await.unwrap(), 1);

        // Other content under the same version: refused.
        let err = types::import_by(
            &t.db,
            &admin,
            "jaar.toml",
            own_type(1, "Wat gaat goed?").as_bytes(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, TypeImportError::VersionExists { version: 1, .. }),
            "{err:?}"
        );
        assert!(err.message_nl().contains("verhoog het versienummer"));

        // A newer version is listed; the older one stays readable by its version.
        types::import_by(
            &t.db,
            &admin,
            "jaar.toml",
            own_type(2, "Wat gaat goed?").as_bytes(),
            NOW,
        )
        .await
        .unwrap();
        let listed = types::list(&t.db).await.unwrap();
        assert_eq!(listed.len(), 3);
        let own = &listed[2];
        assert_eq!(
            (own.conversation_type.version, own.origin),
            (2, TypeOrigin::Imported)
        );
        let old = types::find(&t.db, "jaargesprek", Some(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(old.conversation_type.sections[0].prompts, ["Hoe gaat het?"]);

        // An older version after a newer one: refused.
        let err = types::import_by(&t.db, &admin, "jaar.toml", text.as_bytes(), NOW)
            .await
            .unwrap_err();
        assert!(
            matches!(err, TypeImportError::Outdated { latest: 2, .. }),
            "{err:?}"
        );
        assert_eq!(t.db.count_conversation_type_versions().await.unwrap(), 2);
        t.finish().await;
    }
}

#[tokio::test]
async fn refused_imports_store_nothing() {
    for t in support::all().await {
        let admin = admin(&t.db).await;
        let organiser = support::scan::organiser(&t.db, "hr@gemeente.nl", NOW).await;
        let text = own_type(1, "Hoe gaat het?");

        let err = types::import_by(&t.db, &organiser, "jaar.toml", text.as_bytes(), NOW)
            .await
            .unwrap_err();
        assert!(matches!(err, TypeImportError::NotAllowed));

        let invalid = text.replace("retention_months = 24", "retention_months = 121");
        let err = types::import_by(&t.db, &admin, "kapot.toml", invalid.as_bytes(), NOW)
            .await
            .unwrap_err();
        assert!(matches!(
            &err,
            TypeImportError::Type(TypeError::Invalid { problems, .. })
                if problems == &[TypeProblem::Retention(121)]
        ));
        assert_eq!(
            err.messages(true),
            ["retention_months is 121; dat moet 1 tot en met 120 maanden zijn"]
        );

        let err = types::import_by(&t.db, &admin, "bin.toml", &[0xff, 0xfe, 0x00], NOW)
            .await
            .unwrap_err();
        assert!(matches!(err, TypeImportError::NotText { .. }));

        let huge = vec![b'#'; app::domain::conversation_type::MAX_FILE_BYTES + 1];
        let err = types::import_by(&t.db, &admin, "groot.toml", &huge, NOW)
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            TypeImportError::Type(TypeError::TooLarge { .. })
        ));

        // A shipped type's version with other content is refused like a stored one.
        let (_, shipped) = app::domain::conversation_type::BUILTIN_FILES[1];
        let changed = shipped.replacen(
            "name = \"Functioneringsgesprek raadslid\"",
            "name = \"Anders\"",
            1,
        );
        assert_ne!(changed, shipped);
        let err = types::import_by(&t.db, &admin, "raadslid.toml", changed.as_bytes(), NOW)
            .await
            .unwrap_err();
        assert!(
            matches!(err, TypeImportError::VersionExists { .. }),
            "{err:?}"
        );
        // The shipped file itself is known: unchanged.
        let (_, outcome) =
            types::import_by(&t.db, &admin, "raadslid.toml", shipped.as_bytes(), NOW)
                .await
                .unwrap();
        assert_eq!(outcome, ImportOutcome::Unchanged);

        assert_eq!(
            t.db.count_conversation_type_versions().await.unwrap(),
            0,
            "{}",
            t.name
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn a_newer_imported_version_replaces_the_shipped_one_in_the_list() {
    for t in support::all().await {
        let admin = admin(&t.db).await;
        let (_, shipped) = app::domain::conversation_type::BUILTIN_FILES[0];
        let newer = shipped
            .replacen("\nversion = 1\n", "\nversion = 2\n", 1)
            .replacen("\nretention_months = 36\n", "\nretention_months = 24\n", 1);
        types::import_by(&t.db, &admin, "secretaris.toml", newer.as_bytes(), NOW)
            .await
            .unwrap();
        assert_ne!(newer, shipped);
        let listed = types::list(&t.db).await.unwrap();
        assert_eq!(listed.len(), 2, "{}: one entry per id", t.name);
        assert_eq!(listed[0].conversation_type.id, SECRETARY);
        assert_eq!(listed[0].conversation_type.retention_months, 24);
        assert_eq!(listed[0].origin, TypeOrigin::Imported);
        let v1 = types::find(&t.db, SECRETARY, Some(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (v1.conversation_type.retention_months, v1.origin),
            (36, TypeOrigin::Builtin)
        );
        t.finish().await;
    }
}
