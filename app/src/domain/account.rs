//! Accounts of organisers and administrators: the values that are parsed once at the boundary
//! (`Email`, `Password`, `Role`) so the rest of the code never sees an unchecked string.

use serde::{Deserialize, Serialize};

use super::user_error::UserError;

/// An email address that passed validation, normalised to lower case so that
/// `Piet@Gemeente.nl` and `piet@gemeente.nl` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Longest address SMTP allows (RFC 5321, 4.5.3.1.3).
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, UserError> {
        let trimmed = input.trim();
        if trimmed.is_empty() || trimmed.len() > Self::MAX_LEN {
            return Err(UserError::InvalidEmail);
        }
        // Only the bare `local@domain` form: the display-name form (`Piet <piet@x.nl>`), quoted
        // local parts and IP literals are valid RFC 5322 but would be stored as the address
        // itself and never match the same person typed plainly.
        if trimmed.matches('@').count() != 1
            || trimmed.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '[' | ']' | ',' | ';' | '(' | ')')
            })
        {
            return Err(UserError::InvalidEmail);
        }
        // The `email_address` crate implements RFC 5322; we additionally require a dot in the
        // domain because a bare host name is always a typo for a municipal address.
        if !email_address::EmailAddress::is_valid(trimmed) {
            return Err(UserError::InvalidEmail);
        }
        let domain = trimmed.rsplit('@').next().unwrap_or("");
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err(UserError::InvalidEmail);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password that meets the policy. Only ever held briefly, to be hashed.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    /// NCSC and NIST both prefer length over composition rules.
    pub const MIN_CHARS: usize = 12;
    /// Bounds the work argon2 does on attacker-supplied input.
    pub const MAX_CHARS: usize = 200;

    pub fn parse(password: &str, repeated: &str) -> Result<Self, UserError> {
        let chars = password.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(UserError::PasswordTooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(UserError::PasswordTooLong);
        }
        if password != repeated {
            return Err(UserError::PasswordMismatch);
        }
        Ok(Self(password.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// What an account may do. Administrators manage accounts; organisers run scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Organiser,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organiser => "organiser",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Role::Admin),
            "organiser" => Some(Role::Organiser),
            _ => None,
        }
    }
}

/// What the pages need to know about the logged-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// An account as listed on the administrator's accounts page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub status: AccountStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    /// Invited but no password set yet.
    Invited,
    Active,
    Inactive,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        let email = Email::parse("  Piet.Jansen@Gemeente.NL ").unwrap();
        assert_eq!(email.as_str(), "piet.jansen@gemeente.nl");
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "   ",
            "piet",
            "piet@",
            "@gemeente.nl",
            "piet@gemeente",
            "piet@@gemeente.nl",
            "piet jansen@gemeente.nl",
            "piet@gemeente.",
            "<piet@gemeente.nl>",
            "Piet <piet@gemeente.nl>",
            "\"piet jansen\"@gemeente.nl",
            "piet@[192.168.1.1]",
            "piet@gemeente.nl, kees@gemeente.nl",
            "piet(werk)@gemeente.nl",
        ] {
            assert_eq!(Email::parse(bad), Err(UserError::InvalidEmail), "{bad:?}");
        }
        let too_long = format!("{}@gemeente.nl", "a".repeat(250));
        assert_eq!(Email::parse(&too_long), Err(UserError::InvalidEmail));
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            NewPassword::parse("kort", "kort").unwrap_err(),
            UserError::PasswordTooShort
        );
        let long = "x".repeat(201);
        assert_eq!(
            NewPassword::parse(&long, &long).unwrap_err(),
            UserError::PasswordTooLong
        );
        assert_eq!(
            NewPassword::parse("lang-genoeg-wachtwoord", "lang-genoeg-wachtwoorD").unwrap_err(),
            UserError::PasswordMismatch
        );
        // Twelve characters counted as characters, not bytes.
        assert!(NewPassword::parse("éééééééééééé", "éééééééééééé").is_ok());
        assert!(
            format!(
                "{:?}",
                NewPassword::parse("geheim-wachtwoord", "geheim-wachtwoord").unwrap()
            )
            .contains("redacted")
        );
    }

    #[test]
    fn role_round_trip() {
        for role in [Role::Admin, Role::Organiser] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    proptest! {
        #[test]
        fn parsed_emails_are_stable(local in "[a-z0-9._%+-]{1,20}", domain in "[a-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let input = format!("{local}@{domain}");
            if let Ok(email) = Email::parse(&input) {
                // Parsing the normalised form again gives the same address.
                prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email);
            }
        }

        #[test]
        fn email_parse_never_panics(input in ".{0,300}") {
            let _ = Email::parse(&input);
        }
    }
}
