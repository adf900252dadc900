//! Framework storage, loading of the shipped files, import and export, on every backend.

use crate::support;

use app::catalog::{self, ImportError};
use app::domain::catalog::{CatalogError, Format, Framework, builtin};
use app::storage::StoreOutcome;

const NOW: i64 = 1_800_000_000;

#[tokio::test]
async fn shipped_frameworks_load_once() {
    for t in support::all().await {
        let first = catalog::load_builtin(&t.db, NOW).await.unwrap();
        assert_eq!(first.len(), 3);
        assert!(
            first.iter().all(|(_, o)| *o == StoreOutcome::Stored),
            "{}: {first:?}",
            t.name
        );
        let second = catalog::load_builtin(&t.db, NOW + 1).await.unwrap();
        assert!(
            second.iter().all(|(_, o)| *o == StoreOutcome::Unchanged),
            "{}",
            t.name
        );
        assert_eq!(
            t.db.count_framework_versions().await.unwrap(),
            3,
            "{}: never duplicated",
            t.name
        );
        let latest = t.db.latest_frameworks().await.unwrap();
        let mut ids: Vec<_> = latest.iter().map(|f| f.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["gemeentesecretaris", "maastricht-2014", "raadslid"]);
        let maastricht =
            t.db.find_framework("maastricht-2014", None)
                .await
                .unwrap()
                .unwrap();
        assert_eq!(maastricht.competencies.len(), 27);
        assert_eq!(
            maastricht,
            builtin()
                .into_iter()
                .find(|f| f.id == "maastricht-2014")
                .unwrap()
        );
        t.finish().await;
    }
}

fn small_framework(version: u32, definition: &str) -> String {
    format!(
        r#"id = "eigen-kader"
name = "Eigen kader"
name_en = "Own framework"
version = {version}
source = "Gemeente Voorbeeld"

[[clusters]]
id = "kern"
name = "Kern"

[[competencies]]
id = "samenwerken"
name = "Samenwerken"
cluster = "kern"
definition = "{definition}"
"#
    )
}

#[tokio::test]
async fn import_export_round_trip_and_versions() {
    for t in support::all().await {
        let db = &t.db;
        let imported = catalog::import(
            db,
            "eigen.toml",
            small_framework(1, "Samen werken.").as_bytes(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(imported.version, 1);

        // Exported TOML and JSON import back to the same framework.
        for format in [Format::Toml, Format::Json] {
            let text = catalog::export(db, "eigen-kader", None, format)
                .await
                .unwrap()
                .unwrap();
            let parsed = match format {
                Format::Toml => Framework::from_toml("export.toml", &text).unwrap(),
                Format::Json => Framework::from_json("export.json", &text).unwrap(),
            };
            assert_eq!(parsed, imported, "{} {format}", t.name);
            // Re-importing the identical export is accepted and changes nothing.
            let name = if format == Format::Json {
                "x.json"
            } else {
                "x.toml"
            };
            catalog::import(db, name, text.as_bytes(), NOW)
                .await
                .unwrap();
        }
        assert_eq!(db.count_framework_versions().await.unwrap(), 1);

        // Same version, other content: refused, so a scan's version can never change.
        let changed = catalog::import(
            db,
            "eigen.toml",
            small_framework(1, "Anders.").as_bytes(),
            NOW,
        )
        .await;
        assert!(
            matches!(changed, Err(ImportError::VersionExists { .. })),
            "{}: {changed:?}",
            t.name
        );
        // A new version is stored beside the old one.
        catalog::import(
            db,
            "eigen.toml",
            small_framework(2, "Anders.").as_bytes(),
            NOW,
        )
        .await
        .unwrap();
        let v1 = db
            .find_framework("eigen-kader", Some(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v1.competencies[0].definition, "Samen werken.");
        let latest = db
            .find_framework("eigen-kader", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.version, 2);
        // An older version is refused.
        let old = catalog::import(
            db,
            "oud.toml",
            small_framework(1, "Samen werken.").as_bytes(),
            NOW,
        )
        .await;
        assert!(
            matches!(old, Err(ImportError::Outdated { latest: 2, .. })),
            "{}",
            t.name
        );
        assert_eq!(
            catalog::export(db, "bestaat-niet", None, Format::Toml)
                .await
                .unwrap(),
            None
        );
        t.finish().await;
    }
}

#[tokio::test]
async fn malformed_imports_are_refused_and_change_nothing() {
    for t in support::all().await {
        let db = &t.db;
        let broken_syntax = "id = \"x\"\nname = [unterminated";
        let unknown_in_profile = format!(
            "{}\n[[profiles]]\nid = \"p\"\nname = \"P\"\ncore = [\"bestaat-niet\"]\n",
            small_framework(1, "D.")
        );
        let duplicate = format!(
            "{}\n[[competencies]]\nid = \"samenwerken\"\nname = \"Nog eens\"\ncluster = \"kern\"\ndefinition = \"D.\"\n",
            small_framework(1, "D.")
        );
        let huge = format!(
            "{}\n# {}\n",
            small_framework(1, "D."),
            "x".repeat(3 * 1024 * 1024)
        );
        let cases: [(&str, &[u8]); 5] = [
            ("kapot.toml", broken_syntax.as_bytes()),
            ("profiel.toml", unknown_in_profile.as_bytes()),
            ("dubbel.toml", duplicate.as_bytes()),
            ("groot.toml", huge.as_bytes()),
            ("binair.toml", &[0xff, 0xfe, 0x00]),
        ];
        for (file, bytes) in cases {
            let error = catalog::import(db, file, bytes, NOW).await.unwrap_err();
            let messages = error.messages(true);
            assert!(
                messages.iter().all(|m| m.contains(file)),
                "{}: {file}: {messages:?}",
                t.name
            );
            match file {
                "kapot.toml" => assert!(matches!(
                    error,
                    ImportError::Catalog(CatalogError::Syntax { .. })
                )),
                "groot.toml" => assert!(matches!(
                    error,
                    ImportError::Catalog(CatalogError::TooLarge { .. })
                )),
                "binair.toml" => assert!(matches!(error, ImportError::NotText { .. })),
                "profiel.toml" => assert!(
                    messages.iter().any(|m| m.contains("bestaat-niet")),
                    "{messages:?}"
                ),
                _ => assert!(
                    messages.iter().any(|m| m.contains("samenwerken")),
                    "{messages:?}"
                ),
            }
        }
        assert_eq!(
            db.count_framework_versions().await.unwrap(),
            0,
            "{}",
            t.name
        );
        t.finish().await;
    }
}
