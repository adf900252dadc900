//! Who a visitor is to a record. A visitor acts as a party when signed in with an account whose
//! address is the party's (compared case-insensitively), or through that party's personal link.
//! An administrator's account counts for nothing here: a record is personal data of the person
//! discussed, and only its parties see it. Everyone else is a stranger, and a stranger is told
//! the record does not exist (404), never that it is forbidden, so ids cannot be probed.

use crate::domain::account::CurrentUser;
use crate::domain::conversation::{Actor, actor_for};
use crate::domain::conversation_type::ConversationType;
use crate::storage::conversations::{StoredParty, StoredRecord};

/// Whoever is asking: a signed-in account, a personal link's token (from its cookie), both or
/// neither.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    pub account: Option<CurrentUser>,
    pub link_token: Option<String>,
}

impl Visitor {
    pub fn account(user: &CurrentUser) -> Self {
        Self {
            account: Some(user.clone()),
            link_token: None,
        }
    }

    pub fn link(token: &str) -> Self {
        Self {
            account: None,
            link_token: Some(token.to_owned()),
        }
    }
}

/// The party a visitor acts as, and what that makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acting {
    pub party: StoredParty,
    pub actor: Actor,
    /// The role's name as the record shows it ("Burgemeester", "Meelezer").
    pub role_name: String,
}

impl Acting {
    /// How the audit trail names them: role and name as they were.
    pub fn audit_name(&self) -> String {
        format!("{} ({})", self.role_name, self.party.name)
    }
}

/// The role's name of a party: the type's role name, or "Meelezer" for a reader.
pub fn role_name(kind: Option<&ConversationType>, party: &StoredParty) -> String {
    if party.is_reader() {
        return "Meelezer".to_owned();
    }
    kind.and_then(|t| t.role(&party.role))
        .map(|role| role.name.clone())
        .unwrap_or_else(|| party.role.clone())
}

/// What a party is to the record.
pub fn actor_of(kind: Option<&ConversationType>, party: &StoredParty) -> Actor {
    let planners: &[String] = kind.map(|t| t.planner_roles.as_slice()).unwrap_or(&[]);
    actor_for(
        &party.role,
        party.is_subject,
        planners,
        party.shared_at.is_some(),
    )
}

/// How much a party may do, to choose among the parties one person is in the record as.
fn rank(actor: Actor) -> u8 {
    match actor {
        Actor::Planner => 4,
        Actor::Participant => 3,
        Actor::Subject => 2,
        Actor::Reader => 1,
        Actor::Stranger => 0,
    }
}

/// The party `visitor` acts as in `record`: every party whose address is the account's, and
/// the link's party (`link_party`, already looked up by its token's hash and still valid) when
/// it belongs to this record; the one that may do most. `None`: a stranger.
pub fn resolve(
    record: &StoredRecord,
    kind: Option<&ConversationType>,
    visitor: &Visitor,
    link_party: Option<&StoredParty>,
) -> Option<Acting> {
    let by_account = visitor.account.iter().flat_map(|user| {
        record
            .parties
            .iter()
            .filter(move |p| p.email.trim().eq_ignore_ascii_case(user.email.trim()))
    });
    let by_link = link_party
        .filter(|p| p.conversation_id == record.conversation.id)
        // The party as it is now (shared since, signed since), not as the link lookup read it.
        .and_then(|p| record.party(&p.id));
    by_account
        .chain(by_link)
        .map(|party| (party, actor_of(kind, party)))
        .filter(|(_, actor)| *actor != Actor::Stranger)
        .max_by_key(|(_, actor)| rank(*actor))
        .map(|(party, actor)| Acting {
            party: party.clone(),
            actor,
            role_name: role_name(kind, party),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;
    use crate::domain::conversation_type::builtin;
    use crate::storage::conversations::StoredConversation;

    fn party(id: &str, role: &str, subject: bool, email: &str, shared: bool) -> StoredParty {
        StoredParty {
            id: id.into(),
            conversation_id: "c1".into(),
            role: role.into(),
            is_subject: subject,
            name: format!("Naam {id}"),
            email: email.into(),
            shared_at: shared.then_some(5),
            signed_at: None,
            created_at: 1,
        }
    }

    fn record() -> StoredRecord {
        StoredRecord {
            conversation: StoredConversation {
                id: "c1".into(),
                type_id: "functioneringsgesprek-secretaris".into(),
                type_version: 1,
                state: "planned".into(),
                created_by: None,
                subject_name: "S".into(),
                starts_at: None,
                place: String::new(),
                duration_minutes: None,
                settings: "{}".into(),
                previous_id: None,
                revision: 1,
                created_at: 1,
                updated_at: 1,
                agenda_sent_at: None,
                held_at: None,
                proposed_at: None,
                approved_at: None,
                shared_at: None,
                archived_at: None,
                keep_until: None,
                removed_at: None,
            },
            parties: vec![
                party("p1", "burgemeester", false, "bm@gemeente.nl", false),
                party("p2", "secretaris", true, "sec@gemeente.nl", false),
                party("p3", "reader", false, "bm@gemeente.nl", true),
                party("p4", "reader", false, "lezer@gemeente.nl", false),
            ],
            agenda: vec![],
            sections: vec![],
            agreements: vec![],
            scans: vec![],
        }
    }

    fn user(email: &str, role: Role) -> Visitor {
        Visitor::account(&CurrentUser {
            id: "a".into(),
            email: email.into(),
            role,
        })
    }

    #[test]
    fn accounts_act_by_address_case_insensitively_and_the_strongest_party_wins() {
        let types = builtin();
        let kind = types.first();
        let acting = resolve(
            &record(),
            kind,
            &user("BM@Gemeente.nl", Role::Organiser),
            None,
        )
        .unwrap();
        assert_eq!(acting.actor, Actor::Planner);
        assert_eq!(acting.party.id, "p1");
        assert_eq!(acting.audit_name(), "Burgemeester (Naam p1)");
        let subject = resolve(
            &record(),
            kind,
            &user("sec@gemeente.nl", Role::Organiser),
            None,
        )
        .unwrap();
        assert_eq!(subject.actor, Actor::Subject);
    }

    #[test]
    fn administrators_and_unshared_readers_are_strangers() {
        let types = builtin();
        let kind = types.first();
        assert!(
            resolve(
                &record(),
                kind,
                &user("admin@gemeente.nl", Role::Admin),
                None
            )
            .is_none()
        );
        assert!(
            resolve(
                &record(),
                kind,
                &user("lezer@gemeente.nl", Role::Organiser),
                None
            )
            .is_none()
        );
        assert!(resolve(&record(), kind, &Visitor::default(), None).is_none());
    }

    #[test]
    fn a_link_counts_only_for_its_own_record() {
        let types = builtin();
        let kind = types.first();
        let linked = party("p2", "secretaris", true, "sec@gemeente.nl", false);
        let acting = resolve(&record(), kind, &Visitor::link("t"), Some(&linked)).unwrap();
        assert_eq!(acting.actor, Actor::Subject);
        let mut elsewhere = linked.clone();
        elsewhere.conversation_id = "c2".into();
        assert!(resolve(&record(), kind, &Visitor::link("t"), Some(&elsewhere)).is_none());
    }
}
