//! The conversation a scan prepares (issue 21): its use cases, and the record as a PDF.

pub mod access;
pub mod links;
pub mod mail;
pub mod pdf;
pub mod service;
pub mod types;

pub use access::Visitor;
pub use service::{
    ConversationError, ConversationListItem, NewConversation, NewParticipant, act, create,
    document, list_for, open_link, view,
};
