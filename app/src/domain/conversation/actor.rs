//! Who someone is to a record, derived from their party row. Everything the record allows is
//! decided by the actor, never by an account's administrator flag: a conversation record is
//! personal data of the person discussed, and only its parties may see it.

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

/// The role of a party in the rules. Somebody who is no party of the record, or a reader the
/// record has not been shared with yet, is a [`Actor::Stranger`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// A participant whose role plans the conversation and sends the agenda (the type's
    /// `planner_roles`, e.g. "burgemeester"). A planner is a participant too.
    Planner,
    /// Any other participant of the type's roles (not the person discussed).
    Participant,
    /// The person discussed: adds topics, approves (or changes) the summary, reads the audit.
    Subject,
    /// A party with role "reader" the approved record has been shared with: reads only.
    Reader,
    /// Everybody else. The door answers 404 to them, so they do not learn the record exists.
    Stranger,
}

/// The role id of readers in `conversation_parties.role`.
pub const READER_ROLE: &str = "reader";

impl Actor {
    /// Every actor, for tables and tests.
    pub const ALL: [Actor; 5] = [
        Actor::Planner,
        Actor::Participant,
        Actor::Subject,
        Actor::Reader,
        Actor::Stranger,
    ];

    /// A participant of the conversation (planners included, the person discussed not).
    pub fn is_participant(self) -> bool {
        matches!(self, Actor::Planner | Actor::Participant)
    }

    /// The actor's name for people.
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            Actor::Planner => ("Planner", "Planner"),
            Actor::Participant => ("Deelnemer", "Participant"),
            Actor::Subject => ("Besproken persoon", "Person discussed"),
            Actor::Reader => ("Meelezer", "Reader"),
            Actor::Stranger => ("Onbekende", "Stranger"),
        };
        language.pick(nl, en)
    }
}

/// The actor of a party: the person discussed is the [`Actor::Subject`] whatever their role; a
/// "reader" is a [`Actor::Reader`] once the record was shared with them (`shared`) and a
/// [`Actor::Stranger`] before; a role listed in `planner_roles` is a [`Actor::Planner`]; any
/// other non-empty role a [`Actor::Participant`]. An empty role is nobody's: a stranger.
pub fn actor_for(role: &str, is_subject: bool, planner_roles: &[String], shared: bool) -> Actor {
    let role = role.trim();
    if is_subject {
        Actor::Subject
    } else if role.is_empty() {
        Actor::Stranger
    } else if role == READER_ROLE {
        if shared {
            Actor::Reader
        } else {
            Actor::Stranger
        }
    } else if planner_roles.iter().any(|planner| planner.trim() == role) {
        Actor::Planner
    } else {
        Actor::Participant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planners() -> Vec<String> {
        vec!["burgemeester".to_string(), "wethouder-po".to_string()]
    }

    #[test]
    fn planner_roles_plan() {
        assert_eq!(
            actor_for("burgemeester", false, &planners(), false),
            Actor::Planner
        );
        assert_eq!(
            actor_for("wethouder-po", false, &planners(), true),
            Actor::Planner
        );
    }

    #[test]
    fn other_roles_participate() {
        assert_eq!(
            actor_for("hr-adviseur", false, &planners(), false),
            Actor::Participant
        );
        assert_eq!(
            actor_for("burgemeester", false, &[], false),
            Actor::Participant
        );
    }

    #[test]
    fn the_subject_is_the_subject_whatever_the_role() {
        assert_eq!(
            actor_for("secretaris", true, &planners(), false),
            Actor::Subject
        );
        assert_eq!(
            actor_for("burgemeester", true, &planners(), false),
            Actor::Subject
        );
        assert_eq!(
            actor_for("reader", true, &planners(), false),
            Actor::Subject
        );
    }

    #[test]
    fn readers_read_only_once_shared() {
        assert_eq!(actor_for("reader", false, &planners(), true), Actor::Reader);
        assert_eq!(
            actor_for("reader", false, &planners(), false),
            Actor::Stranger
        );
    }

    #[test]
    fn role_ids_match_exactly_apart_from_surrounding_space() {
        assert_eq!(
            actor_for(" burgemeester ", false, &planners(), false),
            Actor::Planner
        );
        assert_eq!(
            actor_for("Burgemeester", false, &planners(), false),
            Actor::Participant
        );
        assert_eq!(
            actor_for("Reader", false, &planners(), true),
            Actor::Participant
        );
    }

    #[test]
    fn an_empty_role_is_nobody() {
        assert_eq!(actor_for("", false, &planners(), true), Actor::Stranger);
        assert_eq!(actor_for("  ", false, &planners(), true), Actor::Stranger);
    }

    #[test]
    fn participants_are_planners_and_participants_only() {
        let participants: Vec<Actor> = Actor::ALL
            .into_iter()
            .filter(|a| a.is_participant())
            .collect();
        assert_eq!(participants, [Actor::Planner, Actor::Participant]);
    }
}
