//! The one door into conversation records (issue 21): pages, the API and the PDF call only these
//! functions. Every use case reads the record, finds who the visitor is to it
//! ([`super::access`]), asks [`check`] whether that party may do this now, validates the input,
//! and then changes the record in one transaction that starts with a conditional update of its
//! state and revision (`storage::conversations::claim_change_in`), writes its audit line and
//! queues its emails. A refusal changes nothing; of two changes made from the same revision
//! only the first lands, the second gets [`ConversationError::Stale`]. Reading writes a "read"
//! line too: the person discussed sees who read their record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::access::{Acting, Visitor, actor_of, resolve, role_name};
use super::links::{self, LINK_TTL_SECS};
use super::mail::{self, RecordMail};
use crate::domain::account::{CurrentUser, Email, Role};
use crate::domain::conversation::{
    Actor, AgendaItemView, Agreement, AgreementInput, AgreementOutcome, AgreementView,
    AttachedScanView, AuditAction, AuditLine, FieldError, FieldProblem, PartyView, Plan,
    RecordAction, RecordCommand, RecordDates, RecordRules, RecordState, RecordView, Refusal,
    SectionText, SectionView, SectionViewKind, SettingView, allowed_actions, check, keep_until,
    look_back, plan_view, unapproved_keep_until, validate_agreements, validate_look_back,
    validate_plan, validate_summary,
};
use crate::domain::conversation_type::{ConversationType, SectionKind};
use crate::domain::record_document::{self, DocumentSection, RecordDocument};
use crate::domain::report_view::ReportView;
use crate::email::Rendered;
use crate::retention::records::UNKNOWN_TYPE_MONTHS;
use crate::state::Settings;
use crate::storage::conversations::{
    self as store, AgreementRow, NewConversationRow, NewParty, READER_ROLE, Stamps,
    StoredAgreement, StoredParty, StoredRecord,
};
use crate::storage::{Db, StorageError};

/// Longest agenda topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 500;
/// Longest name of a party, in characters.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    /// No such record, or the visitor is not a party to it (the same answer: 404).
    #[error("unknown conversation")]
    Unknown,
    /// The visitor is a party but may not do this (now).
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The input has problems, each under its field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Someone else changed the record since the visitor read it.
    #[error("the record changed meanwhile")]
    Stale,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ConversationError {
    fn from(error: sqlx::Error) -> Self {
        ConversationError::Storage(StorageError::Database(error))
    }
}

impl From<Refusal> for ConversationError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Unknown => ConversationError::Unknown,
            other => ConversationError::Refused(other),
        }
    }
}

fn invalid(field: &str, problem: FieldProblem) -> ConversationError {
    ConversationError::Invalid(vec![FieldError::new(field, problem)])
}

/// A participant of a new conversation (not the person discussed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewParticipant {
    /// A role id of the type (not its subject role).
    pub role: String,
    pub name: String,
    pub email: String,
}

/// What creating a conversation asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConversation {
    pub type_id: String,
    /// The person discussed.
    pub subject_name: String,
    pub subject_email: String,
    pub participants: Vec<NewParticipant>,
    /// Answers to the type's preparation questions: question id -> answer ("ja"/"nee" for
    /// yes/no questions).
    pub settings: BTreeMap<String, String>,
}

/// One line of someone's list of conversations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationListItem {
    pub id: String,
    pub type_id: String,
    pub type_name: String,
    pub state: RecordState,
    pub subject_name: String,
    /// The viewer's role in it ("Burgemeester", "Meelezer").
    pub viewer_role: String,
    pub viewer: Actor,
    pub starts_at: Option<i64>,
    pub updated_at: i64,
}

/// A conversation type by id: the given version (a record keeps the version it was made
/// with), shipped or imported, or the newest known when `None`.
async fn conversation_type(
    db: &Db,
    type_id: &str,
    version: Option<i64>,
) -> Result<Option<ConversationType>, StorageError> {
    let version = version.and_then(|v| u32::try_from(v).ok());
    Ok(super::types::find(db, type_id, version)
        .await?
        .map(|known| known.conversation_type))
}

/// Whether an answer to a yes/no preparation question says yes.
fn yes_no(answer: &str) -> Option<bool> {
    match answer.trim().to_lowercase().as_str() {
        "ja" | "yes" | "true" | "1" => Some(true),
        "nee" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

fn settings_of(record: &StoredRecord) -> BTreeMap<String, String> {
    serde_json::from_str(&record.conversation.settings).unwrap_or_default()
}

fn rules_of(kind: Option<&ConversationType>, record: &StoredRecord) -> RecordRules {
    let answers = settings_of(record);
    RecordRules {
        subject_may_change: kind.is_some_and(|k| {
            k.subject_may_change
                .resolve(|question| answers.get(question).and_then(|a| yes_no(a)))
        }),
    }
}

fn state_of(record: &StoredRecord) -> Result<RecordState, ConversationError> {
    RecordState::parse(&record.conversation.state).ok_or_else(|| {
        ConversationError::Storage(StorageError::Corrupt(format!(
            "unknown conversation state {:?}",
            record.conversation.state
        )))
    })
}

/// A record as a visitor meets it: the rows, its type, who they are to it.
struct Context {
    record: StoredRecord,
    kind: Option<ConversationType>,
    acting: Acting,
    state: RecordState,
    rules: RecordRules,
}

/// Reads the record and who the visitor is to it; a stranger (or an unknown id) is `Unknown`.
async fn context(
    db: &Db,
    visitor: &Visitor,
    id: &str,
    now: i64,
) -> Result<Context, ConversationError> {
    let record = db
        .load_conversation(id)
        .await?
        .ok_or(ConversationError::Unknown)?;
    let link_party = match visitor.link_token.as_deref().and_then(links::lookup_hash) {
        Some(hash) => db.party_by_link(&hash, now).await?,
        None => None,
    };
    let kind = conversation_type(
        db,
        &record.conversation.type_id,
        Some(record.conversation.type_version),
    )
    .await?;
    let acting = resolve(&record, kind.as_ref(), visitor, link_party.as_ref())
        .ok_or(ConversationError::Unknown)?;
    let state = state_of(&record)?;
    let rules = rules_of(kind.as_ref(), &record);
    Ok(Context {
        record,
        kind,
        acting,
        state,
        rules,
    })
}

/// Creates a conversation record of `form.type_id` about `form.subject_name`, with its
/// participants and the type's sample agenda, linked to the latest approved record of the same
/// type about the same person (by address) so that its agreements can be looked back on. The
/// creator must be one of the participants: a record is visible to its parties only, and a
/// record nobody who made it can open would be lost.
pub async fn create(
    db: &Db,
    _settings: &Settings,
    user: &CurrentUser,
    form: NewConversation,
    now: i64,
) -> Result<String, ConversationError> {
    let kind = conversation_type(db, form.type_id.trim(), None)
        .await?
        .ok_or_else(|| invalid("type_id", FieldProblem::Missing))?;
    let kind = &kind;
    let mut errors = Vec::new();
    let subject_name = form.subject_name.trim().to_owned();
    check_name(&subject_name, "subject_name", &mut errors);
    let subject_email = check_email(&form.subject_email, "subject_email", &mut errors);
    let mut parties = Vec::new();
    for (index, participant) in form.participants.iter().enumerate() {
        let field = |name: &str| format!("participants.{index}.{name}");
        let role = participant.role.trim();
        if kind.role(role).is_none() || role == kind.subject_role {
            errors.push(FieldError::new(field("role"), FieldProblem::UnknownSection));
        }
        let name = participant.name.trim().to_owned();
        check_name(&name, &field("name"), &mut errors);
        let email = check_email(&participant.email, &field("email"), &mut errors);
        if let Some(email) = email {
            parties.push(NewParty {
                role: role.to_owned(),
                is_subject: false,
                name,
                email: email.as_str().to_owned(),
            });
        }
    }
    for role in &kind.roles {
        let count = parties.iter().filter(|p| p.role == role.id).count();
        if role.id != kind.subject_role && role.required && count == 0 {
            errors.push(FieldError::new(
                format!("participants.{}", role.id),
                FieldProblem::Missing,
            ));
        }
        if !role.repeatable && count > 1 {
            errors.push(FieldError::new(
                format!("participants.{}", role.id),
                FieldProblem::Repeated,
            ));
        }
    }
    if !parties
        .iter()
        .any(|p| p.email.eq_ignore_ascii_case(user.email.trim()))
    {
        errors.push(FieldError::new("participants", FieldProblem::Missing));
    }
    for question in form.settings.keys() {
        if kind.preparation_question(question).is_none() {
            errors.push(FieldError::new(
                format!("settings.{question}"),
                FieldProblem::UnknownSection,
            ));
        }
    }
    let Some(subject_email) = subject_email.filter(|_| errors.is_empty()) else {
        return Err(ConversationError::Invalid(errors));
    };
    // Participants first in the record's order, then the person discussed.
    parties.push(NewParty {
        role: kind.subject_role.clone(),
        is_subject: true,
        name: subject_name.clone(),
        email: subject_email.as_str().to_owned(),
    });
    let settings_json = serde_json::to_string(&form.settings).unwrap_or_else(|_| "{}".into());
    let id = crate::storage::new_id();
    let mut tx = db.begin().await?;
    let previous = store::previous_conversation_in(
        &mut tx,
        &kind.id,
        subject_email.as_str(),
        user.email.as_str(),
    )
    .await?;
    let party_ids = store::insert_conversation_in(
        &mut tx,
        &NewConversationRow {
            id: &id,
            type_id: &kind.id,
            type_version: i64::from(kind.version),
            created_by: Some(&user.id),
            subject_name: &subject_name,
            settings_json: &settings_json,
            previous_id: previous.as_deref(),
            now,
        },
        &parties,
        &kind.sample_agenda,
    )
    .await?;
    let creator = parties
        .iter()
        .zip(&party_ids)
        .find(|(p, _)| p.email.eq_ignore_ascii_case(user.email.trim()))
        .map(|(p, _)| {
            let role = kind
                .role(&p.role)
                .map_or(p.role.as_str(), |r| r.name.as_str());
            format!("{role} ({})", p.name)
        })
        .unwrap_or_default();
    store::insert_audit_in(
        &mut tx,
        &id,
        now,
        &creator,
        AuditAction::Created.as_str(),
        "",
    )
    .await?;
    tx.commit().await?;
    tracing::info!(conversation = %id, kind = %kind.id, "conversation created");
    Ok(id)
}

fn check_name(name: &str, field: &str, errors: &mut Vec<FieldError>) {
    if name.is_empty() {
        errors.push(FieldError::new(field, FieldProblem::Missing));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new(
            field,
            FieldProblem::TooLong {
                max: MAX_NAME_CHARS,
            },
        ));
    }
}

/// A usable address, or a problem under `field`. (The domain has no "bad address" problem yet:
/// an unusable address reads as a missing one.)
fn check_email(email: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<Email> {
    match Email::parse(email) {
        Ok(email) => Some(email),
        Err(_) => {
            errors.push(FieldError::new(field, FieldProblem::Missing));
            None
        }
    }
}

/// The records `user`'s address is a party to and they may read now, newest first; one line
/// per record (the strongest party they are in it as). Administrators see only their own.
pub async fn list_for(
    db: &Db,
    user: &CurrentUser,
) -> Result<Vec<ConversationListItem>, ConversationError> {
    let rows = db.conversations_for_email(&user.email).await?;
    let mut items: Vec<ConversationListItem> = Vec::new();
    let mut types: BTreeMap<(String, i64), Option<ConversationType>> = BTreeMap::new();
    for row in rows {
        let key = (
            row.conversation.type_id.clone(),
            row.conversation.type_version,
        );
        if !types.contains_key(&key) {
            let found = conversation_type(db, &key.0, Some(key.1)).await?;
            types.insert(key.clone(), found);
        }
        let kind = types.get(&key).and_then(Option::as_ref);
        let Some(state) = RecordState::parse(&row.conversation.state) else {
            continue;
        };
        let actor = actor_of(kind, &row.party);
        let rules = RecordRules::default();
        if check(state, actor, RecordAction::Read, rules).is_err() {
            continue;
        }
        let item = ConversationListItem {
            id: row.conversation.id.clone(),
            type_id: row.conversation.type_id.clone(),
            type_name: kind.map_or(row.conversation.type_id.clone(), |k| k.name.clone()),
            state,
            subject_name: row.conversation.subject_name.clone(),
            viewer_role: role_name(kind, &row.party),
            viewer: actor,
            starts_at: row.conversation.starts_at,
            updated_at: row.conversation.updated_at,
        };
        match items.iter_mut().find(|i| i.id == item.id) {
            Some(existing) if rank(existing.viewer) < rank(actor) => *existing = item,
            Some(_) => {}
            None => items.push(item),
        }
    }
    Ok(items)
}

fn rank(actor: Actor) -> u8 {
    match actor {
        Actor::Planner => 4,
        Actor::Participant => 3,
        Actor::Subject => 2,
        Actor::Reader => 1,
        Actor::Stranger => 0,
    }
}

/// The record as the visitor may see it, with what they may do now. Writes a "read" line to the
/// audit trail (which the person discussed and the participants see, this read included).
pub async fn view(
    db: &Db,
    visitor: &Visitor,
    id: &str,
    now: i64,
) -> Result<RecordView, ConversationError> {
    let ctx = context(db, visitor, id, now).await?;
    check(ctx.state, ctx.acting.actor, RecordAction::Read, ctx.rules)?;
    let mut tx = db.begin().await?;
    store::insert_audit_in(
        &mut tx,
        id,
        now,
        &ctx.acting.audit_name(),
        AuditAction::Read.as_str(),
        "",
    )
    .await?;
    tx.commit().await?;
    build_view(db, &ctx).await
}

async fn previous_agreements(
    db: &Db,
    record: &StoredRecord,
) -> Result<Vec<AgreementView>, ConversationError> {
    let Some(previous) = &record.conversation.previous_id else {
        return Ok(Vec::new());
    };
    let stored = db.conversation_agreements(previous).await?;
    Ok(look_back(&stored.iter().map(agreement).collect::<Vec<_>>()))
}

fn agreement(stored: &StoredAgreement) -> Agreement {
    Agreement {
        id: stored.id.clone(),
        position: stored.position,
        what: stored.what.clone(),
        who: stored.who.clone(),
        due_on: stored.due_on.clone(),
        outcome: AgreementOutcome::parse(&stored.outcome).unwrap_or_default(),
        outcome_note: stored.outcome_note.clone(),
    }
}

fn section_kind(kind: SectionKind) -> SectionViewKind {
    match kind {
        SectionKind::Text => SectionViewKind::Text,
        SectionKind::Agreements => SectionViewKind::Agreements,
        SectionKind::LookBack => SectionViewKind::LookBack,
        SectionKind::SignOff => SectionViewKind::SignOff,
    }
}

fn attached_reports(record: &StoredRecord) -> Result<Vec<AttachedScanView>, ConversationError> {
    record
        .scans
        .iter()
        .map(|scan| {
            let report: ReportView = serde_json::from_str(&scan.report_view).map_err(|e| {
                StorageError::Corrupt(format!("attached report of {}: {e}", scan.scan_id))
            })?;
            Ok(AttachedScanView {
                scan_id: scan.scan_id.clone(),
                attached_at: scan.attached_at,
                report,
            })
        })
        .collect()
}

async fn build_view(db: &Db, ctx: &Context) -> Result<RecordView, ConversationError> {
    let record = &ctx.record;
    let c = &record.conversation;
    let kind = ctx.kind.as_ref();
    let stored_text = |id: &str| {
        record
            .sections
            .iter()
            .find(|s| s.section_id == id)
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let sections = kind
        .map(|k| {
            k.sections
                .iter()
                .map(|s| SectionView {
                    id: s.id.clone(),
                    number: s.number,
                    title: s.title.clone(),
                    intro: s.intro.clone(),
                    prompts: s.prompts.clone(),
                    notes_label: s.notes_label.clone(),
                    kind: section_kind(s.kind),
                    text: stored_text(&s.id),
                })
                .collect()
        })
        .unwrap_or_default();
    let plan = match (c.starts_at, c.duration_minutes) {
        (Some(starts_at), Some(duration)) => Some(plan_view(&Plan {
            starts_at,
            place: c.place.clone(),
            duration_minutes: duration as u32,
        })),
        _ => None,
    };
    let duration_warning = c.duration_minutes.and_then(|minutes| {
        crate::domain::conversation::plan::duration_warning(
            minutes as u32,
            kind.and_then(|k| k.min_duration_minutes),
        )
        .map(|w| w.message(crate::domain::language::Language::Nl))
    });
    let party_view = |p: &StoredParty| PartyView {
        role_name: role_name(kind, p),
        name: p.name.clone(),
        is_subject: p.is_subject,
        signed_at: p.signed_at,
        shared_at: p.shared_at,
    };
    let sees_everything = ctx.acting.actor.is_participant() || ctx.acting.actor == Actor::Subject;
    let answers = settings_of(record);
    let settings = kind
        .map(|k| {
            k.preparation
                .iter()
                .filter_map(|q| {
                    answers.get(&q.id).map(|answer| SettingView {
                        question: q.text.clone(),
                        answer: answer.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let audit = if check(
        ctx.state,
        ctx.acting.actor,
        RecordAction::ReadAudit,
        ctx.rules,
    )
    .is_ok()
    {
        Some(
            db.conversation_audit(&c.id)
                .await?
                .into_iter()
                .filter_map(|line| {
                    Some(AuditLine {
                        at: line.at,
                        actor: line.actor,
                        action: AuditAction::parse(&line.action)?,
                        detail: line.detail,
                    })
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(RecordView {
        id: c.id.clone(),
        type_id: c.type_id.clone(),
        type_name: kind.map_or(c.type_id.clone(), |k| k.name.clone()),
        state: ctx.state,
        revision: c.revision,
        subject_name: c.subject_name.clone(),
        viewer_role: ctx.acting.role_name.clone(),
        viewer: ctx.acting.actor,
        plan,
        duration_warning,
        agenda: record
            .agenda
            .iter()
            .map(|item| AgendaItemView {
                id: item.id.clone(),
                text: item.text.clone(),
                added_by: item
                    .added_by_party
                    .as_deref()
                    .and_then(|id| record.party(id))
                    .map(|p| p.name.clone()),
            })
            .collect(),
        sections,
        agreements: record
            .agreements
            .iter()
            .map(|a| AgreementView::from(&agreement(a)))
            .collect(),
        previous_agreements: previous_agreements(db, record).await?,
        scans: attached_reports(record)?,
        parties: record
            .parties
            .iter()
            .filter(|p| !p.is_reader())
            .map(party_view)
            .collect(),
        readers: if sees_everything {
            record
                .parties
                .iter()
                .filter(|p| p.is_reader())
                .map(party_view)
                .collect()
        } else {
            Vec::new()
        },
        settings,
        dates: RecordDates {
            created_at: c.created_at,
            agenda_sent_at: c.agenda_sent_at,
            held_at: c.held_at,
            proposed_at: c.proposed_at,
            approved_at: c.approved_at,
            shared_at: c.shared_at,
            archived_at: c.archived_at,
        },
        keep_until: c.keep_until,
        removal_unless_approved: (c.keep_until.is_none() && c.removed_at.is_none()).then(|| {
            unapproved_keep_until(
                c.updated_at,
                kind.map_or(UNKNOWN_TYPE_MONTHS, |k| k.retention_months),
            )
        }),
        allowed: allowed_actions(ctx.state, ctx.acting.actor, ctx.rules),
        audit,
    })
}

/// What a command changes, validated before the transaction.
enum Change {
    Plan(Plan),
    AddTopic(String),
    SendAgenda,
    MarkHeld,
    Summary {
        sections: Vec<SectionText>,
        agreements: Vec<AgreementInput>,
        by_subject: bool,
    },
    ProposeSummary,
    Approve {
        keep_until: i64,
    },
    SignOff,
    Share,
    Archive,
    AttachScan {
        scan_id: String,
        report_json: String,
    },
    AddReader {
        name: String,
        email: Email,
    },
    LookBack {
        previous_id: String,
        agreement_id: String,
        outcome: AgreementOutcome,
        note: String,
    },
}

/// Does `command` to record `id` as the visitor. `expected_revision` is the revision the visitor's
/// form was made from (`RecordView::revision`); when it is given and the record has changed
/// since, nothing happens ([`ConversationError::Stale`]). Answers the record's new revision,
/// from which the visitor's next command is made.
pub async fn act(
    db: &Db,
    settings: &Settings,
    visitor: &Visitor,
    id: &str,
    command: RecordCommand,
    expected_revision: Option<i64>,
    now: i64,
) -> Result<i64, ConversationError> {
    let ctx = context(db, visitor, id, now).await?;
    let action = command.action();
    let to = check(ctx.state, ctx.acting.actor, action, ctx.rules)?;
    if expected_revision.is_some_and(|r| r != ctx.record.conversation.revision) {
        return Err(ConversationError::Stale);
    }
    let change = prepare(db, &ctx, visitor, command, now).await?;
    let mut stamps = Stamps::for_state(if to != ctx.state { to.as_str() } else { "" });
    if let Change::Approve { keep_until } = &change {
        stamps.keep_until = Some(*keep_until);
    }
    if matches!(change, Change::Share | Change::AddReader { .. }) {
        stamps.shared = true;
    }
    let mut tx = db.begin().await?;
    let claimed = store::claim_change_in(
        &mut tx,
        id,
        ctx.state.as_str(),
        ctx.record.conversation.revision,
        to.as_str(),
        stamps,
        now,
    )
    .await?;
    if !claimed {
        // Dropping the transaction rolls it back: nothing changed.
        return Err(ConversationError::Stale);
    }
    let (audit, detail) = apply(&mut tx, settings, &ctx, change, now).await?;
    store::insert_audit_in(
        &mut tx,
        id,
        now,
        &ctx.acting.audit_name(),
        audit.as_str(),
        &detail,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(conversation = %id, action = action.as_str(), "conversation changed");
    // The claim bumped the revision by one.
    Ok(ctx.record.conversation.revision + 1)
}

/// Validates a command's input against the record and its type; nothing is written.
async fn prepare(
    db: &Db,
    ctx: &Context,
    visitor: &Visitor,
    command: RecordCommand,
    now: i64,
) -> Result<Change, ConversationError> {
    let kind = ctx.kind.as_ref();
    let record = &ctx.record;
    Ok(match command {
        RecordCommand::Plan {
            starts_on,
            starts_at,
            place,
            duration_minutes,
        } => {
            let checked = validate_plan(
                &starts_on,
                &starts_at,
                &place,
                duration_minutes,
                kind.and_then(|k| k.min_duration_minutes),
                now,
            )
            .map_err(ConversationError::Invalid)?;
            Change::Plan(checked.plan)
        }
        RecordCommand::AddTopic { text } => {
            let text = text.trim().to_owned();
            if text.is_empty() {
                return Err(invalid("text", FieldProblem::Missing));
            }
            if text.chars().count() > MAX_TOPIC_CHARS {
                return Err(invalid(
                    "text",
                    FieldProblem::TooLong {
                        max: MAX_TOPIC_CHARS,
                    },
                ));
            }
            Change::AddTopic(text)
        }
        RecordCommand::SendAgenda => {
            // The agenda's message says when and where: plan first.
            if record.conversation.starts_at.is_none() {
                return Err(invalid("starts_on", FieldProblem::Missing));
            }
            Change::SendAgenda
        }
        RecordCommand::MarkHeld => Change::MarkHeld,
        RecordCommand::SaveSummary {
            sections,
            agreements,
        }
        | RecordCommand::ChangeSummary {
            sections,
            agreements,
        } => {
            let form: Vec<(&str, SectionViewKind)> = kind
                .map(|k| {
                    k.sections
                        .iter()
                        .map(|s| (s.id.as_str(), section_kind(s.kind)))
                        .collect()
                })
                .unwrap_or_default();
            let sections = validate_summary(&sections, &form);
            let agreements = validate_agreements(&agreements);
            match (sections, agreements) {
                (Ok(sections), Ok(agreements)) => Change::Summary {
                    sections,
                    agreements,
                    by_subject: ctx.acting.actor == Actor::Subject,
                },
                (sections, agreements) => {
                    let mut errors = sections.err().unwrap_or_default();
                    errors.extend(agreements.err().unwrap_or_default());
                    return Err(ConversationError::Invalid(errors));
                }
            }
        }
        RecordCommand::ProposeSummary => Change::ProposeSummary,
        RecordCommand::Approve => Change::Approve {
            keep_until: keep_until(now, kind.map_or(36, |k| k.retention_months)),
        },
        RecordCommand::SignOff => Change::SignOff,
        RecordCommand::Share => {
            if !record
                .parties
                .iter()
                .any(|p| p.is_reader() && p.shared_at.is_none())
            {
                return Err(invalid("readers", FieldProblem::Missing));
            }
            Change::Share
        }
        RecordCommand::Archive => Change::Archive,
        RecordCommand::AttachScan { scan_id } => {
            let scan_id = scan_id.trim().to_owned();
            let report_json = attachable_report(db, ctx, visitor, &scan_id).await?;
            if record.scans.iter().any(|s| s.scan_id == scan_id) {
                return Err(invalid("scan_id", FieldProblem::Repeated));
            }
            Change::AttachScan {
                scan_id,
                report_json,
            }
        }
        RecordCommand::AddReader { name, email } => {
            let mut errors = Vec::new();
            let name = name.trim().to_owned();
            check_name(&name, "name", &mut errors);
            let email = check_email(&email, "email", &mut errors);
            let Some(email) = email.filter(|_| errors.is_empty()) else {
                return Err(ConversationError::Invalid(errors));
            };
            if record
                .parties
                .iter()
                .any(|p| p.is_reader() && p.email.eq_ignore_ascii_case(email.as_str()))
            {
                return Err(invalid("email", FieldProblem::Repeated));
            }
            Change::AddReader { name, email }
        }
        RecordCommand::LookBack {
            agreement_id,
            outcome,
            note,
        } => {
            let Some(previous_id) = record.conversation.previous_id.clone() else {
                return Err(invalid("agreement_id", FieldProblem::Missing));
            };
            let (outcome, note) =
                validate_look_back(&outcome, &note).map_err(ConversationError::Invalid)?;
            let previous = db.conversation_agreements(&previous_id).await?;
            if !previous.iter().any(|a| a.id == agreement_id) {
                return Err(invalid("agreement_id", FieldProblem::Missing));
            }
            Change::LookBack {
                previous_id,
                agreement_id,
                outcome,
                note,
            }
        }
    })
}

/// The report of `scan_id` as JSON, to be frozen into the record, if the visitor's account may
/// attach it: the scan is closed (or its report released), it is about the same person as the
/// record, and the account reads it as its organiser or a named reader (an administrator's
/// right to read every report gives no right here). The person is compared by name, trimmed and
/// case-insensitively: a scan names its subject by name only, with no address to compare.
async fn attachable_report(
    db: &Db,
    ctx: &Context,
    visitor: &Visitor,
    scan_id: &str,
) -> Result<String, ConversationError> {
    let not_attachable = || invalid("scan_id", FieldProblem::Missing);
    // A personal link proves who someone is in this record, not which reports they may read.
    let Some(user) = &visitor.account else {
        return Err(ConversationError::Refused(Refusal::NotForActor {
            actor: ctx.acting.actor,
            action: RecordAction::AttachScan,
        }));
    };
    let Some(stored) = db.find_scan(scan_id).await? else {
        return Err(not_attachable());
    };
    let as_reader = CurrentUser {
        role: Role::Organiser,
        ..user.clone()
    };
    let same_person = stored.scan.subject_name.trim().to_lowercase()
        == ctx.record.conversation.subject_name.trim().to_lowercase();
    if !crate::report::may_read(&as_reader, &stored)
        || !crate::scans::notify_readers::readable(&stored)
        || !same_person
    {
        return Err(not_attachable());
    }
    let report = crate::report::view(db, &as_reader, scan_id)
        .await
        .map_err(|e| match e {
            crate::report::ReportError::Storage(e) => ConversationError::Storage(e),
            _ => not_attachable(),
        })?;
    serde_json::to_string(&report.for_conversation())
        .map_err(|e| ConversationError::Storage(StorageError::Corrupt(e.to_string())))
}

/// Writes a validated change in the open transaction; answers the audit line.
async fn apply(
    conn: &mut AnyConnection,
    settings: &Settings,
    ctx: &Context,
    change: Change,
    now: i64,
) -> Result<(AuditAction, String), ConversationError> {
    let id = ctx.record.conversation.id.as_str();
    let me = ctx.acting.party.id.as_str();
    Ok(match change {
        Change::Plan(plan) => {
            store::update_plan_in(
                conn,
                id,
                plan.starts_at,
                &plan.place,
                i64::from(plan.duration_minutes),
            )
            .await?;
            let recipients: Vec<&StoredParty> = ctx
                .record
                .parties
                .iter()
                .filter(|p| !p.is_subject && !p.is_reader() && p.id != me)
                .collect();
            for party in recipients {
                send(
                    conn,
                    settings,
                    ctx,
                    party,
                    Some(&plan),
                    MailKind::Planned,
                    now,
                )
                .await?;
            }
            (AuditAction::Planned, String::new())
        }
        Change::AddTopic(text) => {
            store::add_agenda_item_in(conn, id, &text, Some(me), now).await?;
            (AuditAction::TopicAdded, String::new())
        }
        Change::SendAgenda => {
            if let Some(subject) = ctx.record.subject() {
                send(conn, settings, ctx, subject, None, MailKind::Agenda, now).await?;
            }
            (AuditAction::AgendaSent, String::new())
        }
        Change::MarkHeld => (AuditAction::Held, String::new()),
        Change::Summary {
            sections,
            agreements,
            by_subject,
        } => {
            let texts: Vec<(String, String)> = sections
                .into_iter()
                .map(|s| (s.section_id, s.text))
                .collect();
            store::save_sections_in(conn, id, &texts, Some(me), now).await?;
            let rows: Vec<AgreementRow> = agreements
                .into_iter()
                .map(|a| AgreementRow {
                    what: a.what,
                    who: a.who,
                    due_on: a.due_on,
                })
                .collect();
            store::replace_agreements_in(conn, id, &rows).await?;
            if by_subject {
                // The others signed another text: they sign again.
                store::clear_signatures_in(conn, id, Some(me)).await?;
                (AuditAction::SummaryChanged, String::new())
            } else {
                (AuditAction::SummarySaved, String::new())
            }
        }
        Change::ProposeSummary => {
            store::clear_signatures_in(conn, id, None).await?;
            if let Some(subject) = ctx.record.subject() {
                send(conn, settings, ctx, subject, None, MailKind::Proposed, now).await?;
            }
            (AuditAction::SummaryProposed, String::new())
        }
        Change::Approve { .. } => {
            store::sign_in(conn, me, now).await?;
            (AuditAction::Approved, String::new())
        }
        Change::SignOff => {
            store::sign_in(conn, me, now).await?;
            (AuditAction::Signed, String::new())
        }
        Change::Share => {
            let shared = store::share_with_readers_in(conn, id, now).await?;
            for party_id in &shared {
                if let Some(reader) = ctx.record.party(party_id) {
                    send(conn, settings, ctx, reader, None, MailKind::Shared, now).await?;
                }
            }
            (AuditAction::Shared, shared.len().to_string())
        }
        Change::Archive => (AuditAction::Archived, String::new()),
        Change::AttachScan {
            scan_id,
            report_json,
        } => {
            if !store::attach_scan_in(conn, id, &scan_id, &report_json, now).await? {
                return Err(invalid("scan_id", FieldProblem::Repeated));
            }
            (AuditAction::ScanAttached, scan_id)
        }
        Change::AddReader { name, email } => {
            let new = NewParty {
                role: READER_ROLE.to_owned(),
                is_subject: false,
                name: name.clone(),
                email: email.as_str().to_owned(),
            };
            let party_id = store::insert_party_in(conn, id, &new, Some(now), now).await?;
            let reader = StoredParty {
                id: party_id,
                conversation_id: id.to_owned(),
                role: new.role,
                is_subject: false,
                name: new.name,
                email: new.email,
                shared_at: Some(now),
                signed_at: None,
                created_at: now,
            };
            send(conn, settings, ctx, &reader, None, MailKind::Shared, now).await?;
            (AuditAction::ReaderAdded, name)
        }
        Change::LookBack {
            previous_id,
            agreement_id,
            outcome,
            note,
        } => {
            store::set_agreement_outcome_in(
                conn,
                &previous_id,
                &agreement_id,
                outcome.as_str(),
                &note,
            )
            .await?;
            // The outcome is shown on the previous record too: its trail says who, from where.
            store::insert_audit_in(
                conn,
                &previous_id,
                now,
                &ctx.acting.audit_name(),
                AuditAction::OutcomeRecorded.as_str(),
                id,
            )
            .await?;
            (AuditAction::SummarySaved, "look_back".to_owned())
        }
    })
}

#[derive(Clone, Copy)]
enum MailKind {
    Planned,
    Agenda,
    Proposed,
    Shared,
}

/// Queues one message to `party` with a fresh personal link, about this record.
async fn send(
    conn: &mut AnyConnection,
    settings: &Settings,
    ctx: &Context,
    party: &StoredParty,
    plan: Option<&Plan>,
    kind: MailKind,
    now: i64,
) -> Result<(), ConversationError> {
    let Ok(to) = Email::parse(&party.email) else {
        tracing::error!(conversation = %ctx.record.conversation.id, "a party's address is unusable");
        return Ok(());
    };
    let issued = links::issue_in(conn, &settings.links(), &party.id, now).await?;
    let c = &ctx.record.conversation;
    let (type_name, type_name_en) = ctx
        .kind
        .as_ref()
        .map_or((c.type_id.as_str(), c.type_id.as_str()), |k| {
            (k.name.as_str(), k.name_en.as_str())
        });
    let actor = ctx.acting.audit_name();
    let mail = RecordMail {
        type_name,
        type_name_en,
        subject_name: &c.subject_name,
        actor: &actor,
        starts_at: plan.map(|p| p.starts_at).or(c.starts_at),
        place: plan.map_or(c.place.as_str(), |p| p.place.as_str()),
        link: &issued.url,
        valid_days: (LINK_TTL_SECS / 86_400) as u32,
    };
    let rendered: Rendered = match kind {
        MailKind::Planned => mail::planned(&mail),
        MailKind::Agenda => {
            let agenda: Vec<String> = ctx.record.agenda.iter().map(|a| a.text.clone()).collect();
            mail::agenda_sent(&mail, &agenda)
        }
        MailKind::Proposed => mail::summary_proposed(&mail),
        MailKind::Shared => mail::shared(&mail),
    };
    let mut email = rendered.into_email(to, Some(store::about(&c.id)));
    email.link = Some(issued.link);
    store::enqueue_about_in(conn, &email, &c.id, now).await?;
    Ok(())
}

/// The printable record, for the PDF and the print page; writes a "pdf_downloaded" audit line.
pub async fn document(
    db: &Db,
    visitor: &Visitor,
    id: &str,
    now: i64,
) -> Result<RecordDocument, ConversationError> {
    let ctx = context(db, visitor, id, now).await?;
    check(
        ctx.state,
        ctx.acting.actor,
        RecordAction::DownloadPdf,
        ctx.rules,
    )?;
    let mut tx = db.begin().await?;
    store::insert_audit_in(
        &mut tx,
        id,
        now,
        &ctx.acting.audit_name(),
        AuditAction::PdfDownloaded.as_str(),
        "",
    )
    .await?;
    tx.commit().await?;
    let record = &ctx.record;
    let c = &record.conversation;
    let kind = ctx.kind.as_ref();
    let (name, name_en) = kind.map_or((c.type_id.as_str(), ""), |k| {
        (k.name.as_str(), k.name_en.as_str())
    });
    let mut doc = RecordDocument::builder(name, name_en, &c.subject_name).state(&c.state);
    if let (Some(starts_at), Some(duration)) = (c.starts_at, c.duration_minutes) {
        doc = doc.plan(starts_at, &c.place, duration as u32);
    }
    for party in record.parties.iter().filter(|p| !p.is_reader()) {
        doc = doc.participant(&role_name(kind, party), &party.name);
    }
    if let Some(kind) = kind {
        for section in &kind.sections {
            let text = record
                .sections
                .iter()
                .find(|s| s.section_id == section.id)
                .map(|s| s.text.clone())
                .unwrap_or_default();
            doc = doc.section(DocumentSection {
                number: section.number,
                title: section.title.clone(),
                intro: section.intro.clone(),
                prompts: section.prompts.clone(),
                notes_label: section.notes_label.clone(),
                kind: match section.kind {
                    SectionKind::Text => record_document::SectionKind::Text,
                    SectionKind::Agreements => record_document::SectionKind::Agreements,
                    SectionKind::LookBack => record_document::SectionKind::LookBack,
                    SectionKind::SignOff => record_document::SectionKind::SignOff,
                },
                text,
            });
        }
        for party in record.parties.iter().filter(|p| !p.is_reader()) {
            if kind.role(&party.role).is_some_and(|r| r.signs_off) {
                doc = doc.signer(&role_name(Some(kind), party), &party.name, party.signed_at);
            }
        }
    }
    for a in &record.agreements {
        doc = doc.agreement(&a.what, &a.who, &a.due_on);
    }
    if let Some(previous) = &c.previous_id {
        for a in db.conversation_agreements(previous).await? {
            doc = doc.looked_back(
                record_document::Agreement {
                    what: a.what.clone(),
                    who: a.who.clone(),
                    due_on: a.due_on.clone(),
                },
                &a.outcome,
                &a.outcome_note,
            );
        }
    }
    for scan in attached_reports(record)? {
        doc = doc.scan(&scan.scan_id, scan.attached_at, scan.report);
    }
    if let Some(at) = c.approved_at {
        doc = doc.approved_at(at);
    }
    for reader in record.parties.iter().filter(|p| p.is_reader()) {
        if reader.shared_at.is_some() {
            doc = doc.reader(&reader.name, reader.shared_at);
        }
    }
    if let Some(at) = c.keep_until {
        doc = doc.keep_until(at);
    }
    Ok(doc.build())
}

/// The record a personal link opens, while the link works; `Unknown` for anything else (a
/// malformed, unknown or expired token look the same).
pub async fn open_link(db: &Db, token: &str, now: i64) -> Result<String, ConversationError> {
    let hash = links::lookup_hash(token.trim()).ok_or(ConversationError::Unknown)?;
    let party = db
        .party_by_link(&hash, now)
        .await?
        .ok_or(ConversationError::Unknown)?;
    Ok(party.conversation_id)
}
