//! Errors of loading and checking framework files.
//!
//! Every error names the file and, where it applies, the competency or profile, so an
//! administrator importing a file can fix it without reading code. `Display` is English (logs);
//! [`CatalogError::message_nl`] and [`ValidationError::message_nl`] give the Dutch text shown to
//! users, since Dutch is the product's first language.

use std::fmt;

/// The file formats a framework can be read from or written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The human-editable format the shipped frameworks use.
    Toml,
    /// The export format for other tools.
    Json,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
        })
    }
}

/// What kind of thing an id or name belongs to, for messages about ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// The framework itself.
    Framework,
    /// A cluster.
    Cluster,
    /// A level.
    Level,
    /// A competency.
    Competency,
    /// A profile.
    Profile,
    /// A rating label.
    RatingLabel,
}

impl IdKind {
    fn en(self) -> &'static str {
        match self {
            IdKind::Framework => "framework",
            IdKind::Cluster => "cluster",
            IdKind::Level => "level",
            IdKind::Competency => "competency",
            IdKind::Profile => "profile",
            IdKind::RatingLabel => "rating label",
        }
    }

    fn nl(self) -> &'static str {
        match self {
            IdKind::Framework => "kader",
            IdKind::Cluster => "cluster",
            IdKind::Level => "niveau",
            IdKind::Competency => "competentie",
            IdKind::Profile => "profiel",
            IdKind::RatingLabel => "beoordelingslabel",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

/// Why a framework file could not be loaded or written.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// The file is larger than [`super::MAX_FILE_BYTES`]; refused before parsing so a huge
    /// upload cannot exhaust memory or time.
    #[error("{file}: file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// File name as given by the caller.
        file: String,
        /// Size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The text is not valid TOML/JSON or does not have the framework's shape.
    #[error("{file}: not a valid {format} framework file: {message}")]
    Syntax {
        /// File name.
        file: String,
        /// The format that was expected.
        format: Format,
        /// The parser's own message (English, includes line and column).
        message: String,
    },
    /// The file parsed but its content breaks one or more rules; all problems are listed.
    #[error("{file}: {} problem(s) found: {}", errors.len(), join_en(errors))]
    Invalid {
        /// File name.
        file: String,
        /// Every problem found, in file order.
        errors: Vec<ValidationError>,
    },
    /// Writing a framework failed (should not happen for a validated framework).
    #[error("framework {framework}: could not write {format}: {message}")]
    Export {
        /// Framework id.
        framework: String,
        /// Target format.
        format: Format,
        /// The serializer's message.
        message: String,
    },
}

fn join_en(errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl CatalogError {
    /// The message in Dutch, for the administrator who imports the file.
    pub fn message_nl(&self) -> String {
        match self {
            CatalogError::TooLarge { file, size, limit } => {
                format!("{file}: het bestand is {size} bytes, meer dan de grens van {limit} bytes")
            }
            CatalogError::Syntax {
                file,
                format,
                message,
            } => format!("{file}: geen geldig {format}-bestand met een kader: {message}"),
            CatalogError::Invalid { file, errors } => format!(
                "{file}: {} fout(en) gevonden: {}",
                errors.len(),
                errors
                    .iter()
                    .map(ValidationError::message_nl)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            CatalogError::Export {
                framework,
                format,
                message,
            } => format!("kader {framework}: kan niet als {format} worden opgeslagen: {message}"),
        }
    }

    /// The validation problems, when this error is [`CatalogError::Invalid`].
    pub fn validation_errors(&self) -> &[ValidationError] {
        match self {
            CatalogError::Invalid { errors, .. } => errors,
            _ => &[],
        }
    }
}

/// One rule a framework breaks. Each variant names the file and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// Ids must be lowercase ASCII slugs so they are safe in URLs, file names and databases.
    #[error("{file}: {kind} id {id:?} is not a slug (a-z, 0-9 and '-' between them)")]
    InvalidId {
        /// File name.
        file: String,
        /// What the id belongs to.
        kind: IdKind,
        /// The offending id.
        id: String,
    },
    /// Two things of the same kind share an id, so references would be ambiguous.
    #[error("{file}: {kind} id {id:?} is used more than once")]
    DuplicateId {
        /// File name.
        file: String,
        /// What the id belongs to.
        kind: IdKind,
        /// The repeated id.
        id: String,
    },
    /// A name or label is empty, so screens would show nothing.
    #[error("{file}: {kind} {id:?} has an empty name")]
    EmptyName {
        /// File name.
        file: String,
        /// What has no name.
        kind: IdKind,
        /// Its id (or the rating value).
        id: String,
    },
    /// The framework has no competencies at all.
    #[error("{file}: the framework has no competencies")]
    NoCompetencies {
        /// File name.
        file: String,
    },
    /// A competency without a definition cannot be explained to raters.
    #[error("{file}: competency {competency:?} has an empty definition")]
    EmptyDefinition {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
    },
    /// A competency refers to a cluster that does not exist.
    #[error("{file}: competency {competency:?} refers to unknown cluster {cluster:?}")]
    UnknownCluster {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// The unknown cluster id.
        cluster: String,
    },
    /// A levelled framework's competency lacks one of the framework's levels.
    #[error("{file}: competency {competency:?} has no content for level {level:?}")]
    MissingLevel {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// The missing level id.
        level: String,
    },
    /// A competency has content for a level the framework does not define.
    #[error("{file}: competency {competency:?} has content for unknown level {level:?}")]
    UnknownLevel {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// The unknown level id.
        level: String,
    },
    /// A competency has two blocks for the same level.
    #[error("{file}: competency {competency:?} has level {level:?} more than once")]
    RepeatedLevel {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// The repeated level id.
        level: String,
    },
    /// A level without behaviours would give a scan with nothing to rate.
    #[error("{file}: competency {competency:?} has no behaviours at level {level:?}")]
    EmptyLevel {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// Level id.
        level: String,
    },
    /// A behaviour, tip or item is an empty string.
    #[error("{file}: competency {competency:?} has an empty {what}")]
    EmptyText {
        /// File name.
        file: String,
        /// Competency id.
        competency: String,
        /// "behaviour", "tip" or "item".
        what: &'static str,
    },
    /// Two rating labels share a value.
    #[error("{file}: rating value {value} is labelled more than once")]
    DuplicateRatingValue {
        /// File name.
        file: String,
        /// The repeated value.
        value: u8,
    },
    /// `profile_rules.core_cluster` names a cluster that does not exist.
    #[error("{file}: profile rules name unknown core cluster {cluster:?}")]
    UnknownCoreCluster {
        /// File name.
        file: String,
        /// The unknown cluster id.
        cluster: String,
    },
    /// A profile lists a competency the framework does not have.
    #[error("{file}: profile {profile:?} lists unknown competency {competency:?}")]
    UnknownProfileCompetency {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// The unknown competency id.
        competency: String,
    },
    /// A profile lists the same competency twice.
    #[error("{file}: profile {profile:?} lists competency {competency:?} more than once")]
    DuplicateProfileCompetency {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// The repeated competency id.
        competency: String,
    },
    /// A core competency of a profile is not in the core cluster.
    #[error(
        "{file}: profile {profile:?} lists {competency:?} as core, but it is not in the core cluster"
    )]
    CoreOutsideCoreCluster {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// Competency id.
        competency: String,
    },
    /// A specific competency of a profile is a core one (core ones are listed under `core`).
    #[error("{file}: profile {profile:?} lists core competency {competency:?} as specific")]
    SpecificInCoreCluster {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// Competency id.
        competency: String,
    },
    /// Wrong number of core competencies.
    #[error("{file}: profile {profile:?} has {found} core competencies, expected {expected}")]
    ProfileCoreCount {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// Required number.
        expected: usize,
        /// Number found.
        found: usize,
    },
    /// Wrong number of specific competencies for an ordinary (not fixed) profile.
    #[error(
        "{file}: profile {profile:?} has {found} specific competencies, expected {expected} (or none, with all of them as own choice)"
    )]
    ProfileSpecificCount {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// Required number.
        expected: usize,
        /// Number found.
        found: usize,
    },
    /// Too many (or, for a profile without specific competencies, a wrong number of) own choices.
    #[error(
        "{file}: profile {profile:?} allows {found} own-choice competencies, allowed is {allowed}"
    )]
    ProfileOwnChoice {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// What the rules allow here.
        allowed: usize,
        /// Number found.
        found: usize,
    },
    /// More competencies in all than the rules allow.
    #[error("{file}: profile {profile:?} has {found} competencies in all, at most {max} allowed")]
    ProfileTooMany {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// Maximum allowed.
        max: usize,
        /// Number found (core + specific + own choice).
        found: usize,
    },
    /// A fixed profile allows own choices, which contradicts "fixed".
    #[error("{file}: profile {profile:?} is fixed but allows {own_choice} own-choice competencies")]
    FixedWithOwnChoice {
        /// File name.
        file: String,
        /// Profile id.
        profile: String,
        /// The own-choice count found.
        own_choice: u8,
    },
}

impl ValidationError {
    /// The message in Dutch, for the administrator who imports the file.
    pub fn message_nl(&self) -> String {
        use ValidationError as E;
        match self {
            E::InvalidId { file, kind, id } => format!(
                "{file}: id {id:?} van {} is ongeldig (alleen a-z, 0-9 en '-' ertussen)",
                kind.nl()
            ),
            E::DuplicateId { file, kind, id } => {
                format!(
                    "{file}: id {id:?} van {} komt meer dan één keer voor",
                    kind.nl()
                )
            }
            E::EmptyName { file, kind, id } => {
                format!("{file}: {} {id:?} heeft een lege naam", kind.nl())
            }
            E::NoCompetencies { file } => format!("{file}: het kader bevat geen competenties"),
            E::EmptyDefinition { file, competency } => {
                format!("{file}: competentie {competency:?} heeft een lege definitie")
            }
            E::UnknownCluster {
                file,
                competency,
                cluster,
            } => format!(
                "{file}: competentie {competency:?} verwijst naar onbekende cluster {cluster:?}"
            ),
            E::MissingLevel {
                file,
                competency,
                level,
            } => format!("{file}: competentie {competency:?} mist niveau {level:?}"),
            E::UnknownLevel {
                file,
                competency,
                level,
            } => format!(
                "{file}: competentie {competency:?} heeft inhoud voor onbekend niveau {level:?}"
            ),
            E::RepeatedLevel {
                file,
                competency,
                level,
            } => format!(
                "{file}: competentie {competency:?} heeft niveau {level:?} meer dan één keer"
            ),
            E::EmptyLevel {
                file,
                competency,
                level,
            } => format!(
                "{file}: competentie {competency:?} heeft geen kenmerkend werkgedrag op niveau {level:?}"
            ),
            E::EmptyText {
                file,
                competency,
                what,
            } => {
                let what_nl = match *what {
                    "behaviour" => "gedragsomschrijving",
                    "tip" => "ontwikkeltip",
                    _ => "vraag",
                };
                format!("{file}: competentie {competency:?} heeft een lege {what_nl}")
            }
            E::DuplicateRatingValue { file, value } => {
                format!("{file}: score {value} heeft meer dan één label")
            }
            E::UnknownCoreCluster { file, cluster } => {
                format!("{file}: de profielregels noemen een onbekende kerncluster {cluster:?}")
            }
            E::UnknownProfileCompetency {
                file,
                profile,
                competency,
            } => format!("{file}: profiel {profile:?} noemt onbekende competentie {competency:?}"),
            E::DuplicateProfileCompetency {
                file,
                profile,
                competency,
            } => format!(
                "{file}: profiel {profile:?} noemt competentie {competency:?} meer dan één keer"
            ),
            E::CoreOutsideCoreCluster {
                file,
                profile,
                competency,
            } => format!(
                "{file}: profiel {profile:?} noemt {competency:?} als kerncompetentie, maar die hoort niet bij de kerncluster"
            ),
            E::SpecificInCoreCluster {
                file,
                profile,
                competency,
            } => format!(
                "{file}: profiel {profile:?} noemt kerncompetentie {competency:?} als functiespecifieke competentie"
            ),
            E::ProfileCoreCount {
                file,
                profile,
                expected,
                found,
            } => format!(
                "{file}: profiel {profile:?} heeft {found} kerncompetenties, verwacht {expected}"
            ),
            E::ProfileSpecificCount {
                file,
                profile,
                expected,
                found,
            } => format!(
                "{file}: profiel {profile:?} heeft {found} functiespecifieke competenties, verwacht {expected} (of geen, en dan alle als eigen keuze)"
            ),
            E::ProfileOwnChoice {
                file,
                profile,
                allowed,
                found,
            } => format!(
                "{file}: profiel {profile:?} staat {found} keuzecompetenties toe, toegestaan is {allowed}"
            ),
            E::ProfileTooMany {
                file,
                profile,
                max,
                found,
            } => format!(
                "{file}: profiel {profile:?} heeft in totaal {found} competenties, maximaal {max} toegestaan"
            ),
            E::FixedWithOwnChoice {
                file,
                profile,
                own_choice,
            } => format!(
                "{file}: profiel {profile:?} ligt vast maar staat {own_choice} keuzecompetenties toe"
            ),
        }
    }
}
