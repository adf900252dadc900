//! The session cookie's `Set-Cookie` text, written by the sign-in server functions
//! (`server_fns::sign_in`).

use super::SESSION_COOKIE;

/// `Set-Cookie` for a new session: HttpOnly (no script can read it), SameSite=Lax (no
/// cross-site form posts carry it), Secure when the public address is https.
pub fn set(token: &str, max_age_secs: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(secure: bool) -> String {
    set("", 0, secure)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cookie_attributes() {
        let cookie = super::set("abc", 60, false);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"));
        assert!(super::set("abc", 60, true).ends_with("; Secure"));
        assert!(super::clear(false).contains("Max-Age=0"));
    }
}
