//! Minimal templating for multipart emails: every message has a subject, a plain-text part and
//! an HTML part, in Dutch and in English. Templates are constants with `{name}` placeholders,
//! filled in one pass (a value is never scanned for placeholders itself). In the HTML part every
//! value is HTML-escaped; in the text part and the subject values appear as given (the subject
//! loses line breaks, which have no place in a header).

use crate::domain::account::Email;

use super::message::OutgoingEmail;

/// The one language type of the product (also the scan's invitation language).
pub use crate::domain::language::Language;

/// A rendered message, ready to be addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    pub fn into_email(self, to: Email, reference: Option<String>) -> OutgoingEmail {
        OutgoingEmail {
            to,
            subject: self.subject,
            text: self.text,
            html: self.html,
            reference,
            link: None,
            hide_recipient: false,
        }
    }
}

/// One message in one language. `html` is the body only; [`render`] wraps it in the layout.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub subject: &'static str,
    pub text: &'static str,
    pub html: &'static str,
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Subject,
    Text,
    Html,
}

/// Replaces each `{name}` in `template` by its value. `{{` stands for a literal `{`. An
/// unknown name is a bug in a template constant: it stays visible (and fails debug builds).
fn fill(template: &str, vars: &[(&str, &str)], context: Context) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            out.push('{');
            rest = stripped;
            continue;
        }
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match vars.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => match context {
                Context::Html => out.push_str(&escape_html(value)),
                Context::Text => out.push_str(value),
                Context::Subject => {
                    out.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c }))
                }
            },
            None => {
                debug_assert!(false, "email template uses unknown placeholder {{{name}}}");
                out.push_str(&rest[start..start + end + 2]);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

const LAYOUT_HEAD: &str = "<!DOCTYPE html>\n\
<html lang=\"{lang}\">\n\
<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>{subject}</title></head>\n\
<body style=\"font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #1a1a1a; \
max-width: 40em;\">\n";

const LAYOUT_TAIL: &str = "\n<p style=\"color: #555555; font-size: 0.9em;\">{footer}</p>\n\
</body>\n\
</html>\n";

fn footer(language: Language) -> &'static str {
    match language {
        Language::Nl => "Dit bericht is automatisch verzonden door Ontwikkelscan.",
        Language::En => "This message was sent automatically by Ontwikkelscan.",
    }
}

/// Renders a template: subject and text filled plainly, HTML filled escaped and wrapped in the
/// shared layout, with a plain-text footer to match.
pub fn render(template: &Template, language: Language, vars: &[(&str, &str)]) -> Rendered {
    let subject = fill(template.subject, vars, Context::Subject);
    let layout_vars = [
        ("lang", language.code()),
        ("subject", subject.as_str()),
        ("footer", footer(language)),
    ];
    let mut html = fill(LAYOUT_HEAD, &layout_vars, Context::Html);
    html.push_str(&fill(template.html, vars, Context::Html));
    html.push_str(&fill(LAYOUT_TAIL, &layout_vars, Context::Html));
    let mut text = fill(template.text, vars, Context::Text);
    text.push_str("\n\n-- \n");
    text.push_str(footer(language));
    text.push('\n');
    Rendered {
        subject,
        text,
        html,
    }
}

/// An invitation to create an account (an organiser or report reader), with a personal link.
#[derive(Debug, Clone, Copy)]
pub struct AccountInvitation<'a> {
    /// The person invited, as the inviter typed it; may be empty.
    pub name: &'a str,
    /// Who sent the invitation.
    pub inviter: &'a str,
    /// The personal link to choose a password.
    pub link: &'a str,
    pub valid_days: u32,
}

const ACCOUNT_INVITATION_NL: Template = Template {
    subject: "Uitnodiging voor Ontwikkelscan",
    text: "Beste {name},\n\n\
U bent uitgenodigd door {inviter} om een account aan te maken in Ontwikkelscan.\n\n\
Kies uw wachtwoord via deze persoonlijke link:\n{link}\n\n\
De link is {days} dagen geldig. Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail \
negeren.",
    html: "<p>Beste {name},</p>\n\
<p>U bent uitgenodigd door <strong>{inviter}</strong> om een account aan te maken in \
Ontwikkelscan.</p>\n\
<p><a href=\"{link}\">Kies uw wachtwoord</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>De link is {days} dagen geldig. Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail \
negeren.</p>",
};

const ACCOUNT_INVITATION_EN: Template = Template {
    subject: "Invitation to Ontwikkelscan",
    text: "Dear {name},\n\n\
You have been invited by {inviter} to create an account in Ontwikkelscan.\n\n\
Choose your password with this personal link:\n{link}\n\n\
The link is valid for {days} days. Not expecting this invitation? Then you can ignore this \
email.",
    html: "<p>Dear {name},</p>\n\
<p>You have been invited by <strong>{inviter}</strong> to create an account in \
Ontwikkelscan.</p>\n\
<p><a href=\"{link}\">Choose your password</a></p>\n\
<p>Does the button not work? Then copy this link into your browser:<br>{link}</p>\n\
<p>The link is valid for {days} days. Not expecting this invitation? Then you can ignore this \
email.</p>",
};

pub fn account_invitation(language: Language, invitation: &AccountInvitation<'_>) -> Rendered {
    let template = match language {
        Language::Nl => &ACCOUNT_INVITATION_NL,
        Language::En => &ACCOUNT_INVITATION_EN,
    };
    let name = if invitation.name.trim().is_empty() {
        match language {
            Language::Nl => "heer, mevrouw",
            Language::En => "Sir or Madam",
        }
    } else {
        invitation.name.trim()
    };
    let days = invitation.valid_days.to_string();
    render(
        template,
        language,
        &[
            ("name", name),
            ("inviter", invitation.inviter),
            ("link", invitation.link),
            ("days", &days),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_once_and_escapes_per_context() {
        let vars = [("a", "<b>&\"x\"</b>"), ("b", "{a}")];
        assert_eq!(fill("{a}|{b}", &vars, Context::Text), "<b>&\"x\"</b>|{a}");
        assert_eq!(
            fill("{a}|{b}", &vars, Context::Html),
            "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;|{a}"
        );
        assert_eq!(fill("{{a} {a", &vars, Context::Text), "{a} {a");
        assert_eq!(
            fill("x{a}", &[("a", "1\r\nBcc: y")], Context::Subject),
            "x1  Bcc: y"
        );
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Language::parse("NL"), Some(Language::Nl));
        assert_eq!(Language::parse("en-GB"), Some(Language::En));
        assert_eq!(Language::parse("de"), None);
        assert_eq!(Language::default(), Language::Nl);
    }
}
