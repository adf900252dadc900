//! Organiser and administrator accounts: password hashing, session tokens, the login rate
//! limit, and the account services the HTTP handlers call. Server-only.

pub mod api_tokens;
pub mod client_address;
pub mod draft_seal;
pub mod password;
pub mod rate_limit;
pub mod scan_link;
pub mod service;
pub mod session_cookie;
pub mod setup_code;
pub mod token;

/// Name of the session cookie. Its value is a random token; the database holds only its hash.
pub const SESSION_COOKIE: &str = "ontwikkelscan_session";
