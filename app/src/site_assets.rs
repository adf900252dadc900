//! The names under which the site's compiled stylesheet, script and WebAssembly are served.
//!
//! The build (`.ci/build_site.sh`) names each file after its content
//! (`ontwikkelscan.<hash>.css`) and lists the hashes in `pkg/hash.txt`, so a browser may keep a
//! copy for a year without asking: a new build has new names. A site built without that list
//! (`cargo leptos watch` while developing) keeps the plain names, which must be revalidated.

/// The file, in the site's `pkg` directory, that lists the content hashes.
pub const MANIFEST_FILE: &str = "hash.txt";

/// The stylesheet's address, and whether the names carry content hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    stylesheet: String,
    hashed: bool,
}

impl SiteAssets {
    /// From the manifest's text, or plain names when the site has none. `pkg_url` is where the
    /// `pkg` directory is served (`/pkg`); `output_name` the files' base name.
    pub fn new(pkg_url: &str, output_name: &str, manifest: Option<&str>) -> Self {
        let css_hash = manifest.and_then(|text| manifest_entry(text, "css"));
        match css_hash {
            Some(hash) => SiteAssets {
                stylesheet: format!("{pkg_url}/{output_name}.{hash}.css"),
                hashed: true,
            },
            None => SiteAssets {
                stylesheet: format!("{pkg_url}/{output_name}.css"),
                hashed: false,
            },
        }
    }

    /// The stylesheet's address, for a `<link rel="stylesheet">`.
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// Whether the file names carry content hashes (and so may be cached as immutable).
    pub fn hashed(&self) -> bool {
        self.hashed
    }
}

/// One line `kind: hash` of the manifest, if present and well formed: a hash is lowercase
/// hexadecimal, so a damaged manifest can never put markup or a path into a page.
fn manifest_entry<'a>(text: &'a str, kind: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (name, hash) = line.split_once(':')?;
        let hash = hash.trim();
        (name.trim() == kind && is_content_hash(hash)).then_some(hash)
    })
}

/// Whether a file name's middle part is a content hash as the build writes it.
pub fn is_content_hash(text: &str) -> bool {
    (8..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether a file under `pkg` carries a content hash in its name (`name.<hash>.ext`), and so
/// never changes: such a file may be cached as immutable.
pub fn is_hashed_file_name(file_name: &str) -> bool {
    let mut parts = file_name.rsplitn(3, '.');
    let (_ext, hash, stem) = (parts.next(), parts.next(), parts.next());
    matches!((hash, stem), (Some(hash), Some(stem)) if !stem.is_empty() && is_content_hash(hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "js: 0123456789abcdef\nwasm: fedcba9876543210\ncss: 00112233aabbccdd\n";

    #[test]
    fn a_manifest_names_the_hashed_stylesheet() {
        let assets = SiteAssets::new("/pkg", "ontwikkelscan", Some(MANIFEST));
        assert_eq!(
            assets.stylesheet(),
            "/pkg/ontwikkelscan.00112233aabbccdd.css"
        );
        assert!(assets.hashed());
    }

    #[test]
    fn without_a_manifest_the_plain_name_is_used() {
        let assets = SiteAssets::new("/pkg", "ontwikkelscan", None);
        assert_eq!(assets.stylesheet(), "/pkg/ontwikkelscan.css");
        assert!(!assets.hashed());
    }

    #[test]
    fn a_damaged_manifest_falls_back_to_the_plain_name() {
        for text in [
            "",
            "css:",
            "css: \"><script>",
            "css: ../../etc",
            "css: ABCDEF0123456789",
        ] {
            let assets = SiteAssets::new("/pkg", "ontwikkelscan", Some(text));
            assert_eq!(assets.stylesheet(), "/pkg/ontwikkelscan.css", "{text:?}");
        }
    }

    #[test]
    fn only_names_with_a_content_hash_count_as_hashed() {
        assert!(is_hashed_file_name("ontwikkelscan.0123456789abcdef.wasm"));
        for name in [
            "ontwikkelscan.css",
            "ontwikkelscan.wasm.br",
            ".0123456789abcdef.js",
            "ontwikkelscan.0123.js",
            "ontwikkelscan.0123456789ABCDEF.js",
            "hash.txt",
        ] {
            assert!(!is_hashed_file_name(name), "{name}");
        }
    }
}
