//! The settings request handlers need; the rest of the configuration stays in the server.

use std::time::Duration;

use crate::auth::scan_link::LinkSecret;

/// Settings the request handlers need (the rest of the configuration stays in the server).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public address, e.g. `https://scan.gemeente.nl`; used in links sent to people.
    pub base_url: String,
    /// Cookies get `Secure` when the public address is https.
    pub secure_cookies: bool,
    pub session_ttl: Duration,
    /// The secret personal scan links are derived from (kept outside the database).
    pub link_secret: LinkSecret,
    /// Proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`).
    pub trusted_proxies: crate::auth::client_address::TrustedProxies,
}

impl Settings {
    /// How personal links are made for this server.
    pub fn links(&self) -> crate::scans::mail::LinkMaker<'_> {
        crate::scans::mail::LinkMaker {
            base_url: &self.base_url,
            secret: &self.link_secret,
        }
    }
}
