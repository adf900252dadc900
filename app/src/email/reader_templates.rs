//! The two emails a named report reader gets when a scan's report can be read (issue 20): a
//! link to the report for a reader with an account, or an invitation to create one first for a
//! reader without. Dutch first, English second; formal "u" in Dutch, like the scan's mails.
//! Built on [`render`], so every value is escaped in the HTML part.

use super::templates::{Language, Rendered, Template, render};

/// What both messages say.
#[derive(Debug, Clone, Copy)]
pub struct ReportReadyMail<'a> {
    /// The person the scan is about.
    pub subject_name: &'a str,
    /// Who organises the scan (an email address).
    pub organiser: &'a str,
    /// The report's page (`…/scans/<id>/rapport`); behind a login.
    pub report_link: &'a str,
}

/// The reader without an account: where to choose a password, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct ReaderInvitationMail<'a> {
    pub report: ReportReadyMail<'a>,
    /// The personal link to create the account (its token filled in when sent).
    pub invitation_link: &'a str,
    pub valid_days: u32,
}

/// The characters that mark the personal link's place (`email::LINK_TOKEN_PLACEHOLDER`) and
/// the scan templates' fragments: never allowed in from a value.
fn clean(value: &str) -> String {
    value.replace(['\u{E000}', '\u{E001}'], "")
}

const REPORT_READY_NL: Template = Template {
    subject: "Het rapport over {subject} is klaar",
    text: "Beste lezer,\n\n\
{organiser} heeft u aangewezen als lezer van het rapport van de ontwikkelscan over {subject}. \
Het rapport is nu te lezen.\n\n\
Open het rapport (u logt in met uw account):\n{report}\n\n\
Het rapport is vertrouwelijk. Alleen wie als lezer is aangewezen, kan het openen.",
    html: "<p>Beste lezer,</p>\n\
<p>{organiser} heeft u aangewezen als lezer van het rapport van de ontwikkelscan over \
<strong>{subject}</strong>. Het rapport is nu te lezen.</p>\n\
<p><a href=\"{report}\">Open het rapport</a> (u logt in met uw account)</p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{report}</p>\n\
<p>Het rapport is vertrouwelijk. Alleen wie als lezer is aangewezen, kan het openen.</p>",
};

const REPORT_READY_EN: Template = Template {
    subject: "The report on {subject} is ready",
    text: "Dear reader,\n\n\
{organiser} has named you as a reader of the report of the development scan on {subject}. \
The report can now be read.\n\n\
Open the report (you sign in with your account):\n{report}\n\n\
The report is confidential. Only those named as its readers can open it.",
    html: "<p>Dear reader,</p>\n\
<p>{organiser} has named you as a reader of the report of the development scan on \
<strong>{subject}</strong>. The report can now be read.</p>\n\
<p><a href=\"{report}\">Open the report</a> (you sign in with your account)</p>\n\
<p>Does the button not work? Then copy this link into your browser:<br>{report}</p>\n\
<p>The report is confidential. Only those named as its readers can open it.</p>",
};

const READER_INVITATION_NL: Template = Template {
    subject: "Het rapport over {subject} is klaar: maak uw account aan",
    text: "Beste lezer,\n\n\
{organiser} heeft u aangewezen als lezer van het rapport van de ontwikkelscan over {subject}. \
Het rapport is nu te lezen.\n\n\
Het rapport is vertrouwelijk en daarom alleen te lezen na inloggen. U hebt nog geen account in \
Ontwikkelscan. Kies eerst uw wachtwoord via deze persoonlijke link:\n{invitation}\n\n\
De link is {days} dagen geldig en alleen voor u bedoeld; stuur deze e-mail daarom niet door.\n\n\
Daarna opent u het rapport hier:\n{report}",
    html: "<p>Beste lezer,</p>\n\
<p>{organiser} heeft u aangewezen als lezer van het rapport van de ontwikkelscan over \
<strong>{subject}</strong>. Het rapport is nu te lezen.</p>\n\
<p>Het rapport is vertrouwelijk en daarom alleen te lezen na inloggen. U hebt nog geen account \
in Ontwikkelscan.</p>\n\
<p><a href=\"{invitation}\">Kies uw wachtwoord</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{invitation}</p>\n\
<p>De link is {days} dagen geldig en alleen voor u bedoeld; stuur deze e-mail daarom niet \
door.</p>\n\
<p>Daarna opent u het rapport hier: <a href=\"{report}\">{report}</a></p>",
};

const READER_INVITATION_EN: Template = Template {
    subject: "The report on {subject} is ready: create your account",
    text: "Dear reader,\n\n\
{organiser} has named you as a reader of the report of the development scan on {subject}. \
The report can now be read.\n\n\
The report is confidential, so it can only be read after signing in. You do not have an \
account in Ontwikkelscan yet. First choose your password with this personal link:\n\
{invitation}\n\n\
The link is valid for {days} days and meant for you only, so please do not forward this \
email.\n\n\
Then open the report here:\n{report}",
    html: "<p>Dear reader,</p>\n\
<p>{organiser} has named you as a reader of the report of the development scan on \
<strong>{subject}</strong>. The report can now be read.</p>\n\
<p>The report is confidential, so it can only be read after signing in. You do not have an \
account in Ontwikkelscan yet.</p>\n\
<p><a href=\"{invitation}\">Choose your password</a></p>\n\
<p>Does the button not work? Then copy this link into your browser:<br>{invitation}</p>\n\
<p>The link is valid for {days} days and meant for you only, so please do not forward this \
email.</p>\n\
<p>Then open the report here: <a href=\"{report}\">{report}</a></p>",
};

/// The message for a reader with an account.
pub fn report_ready(language: Language, mail: &ReportReadyMail<'_>) -> Rendered {
    let template = match language {
        Language::Nl => &REPORT_READY_NL,
        Language::En => &REPORT_READY_EN,
    };
    let (subject, organiser) = (clean(mail.subject_name), clean(mail.organiser));
    render(
        template,
        language,
        &[
            ("subject", &subject),
            ("organiser", &organiser),
            ("report", mail.report_link),
        ],
    )
}

/// The message for a reader without an account.
pub fn reader_invitation(language: Language, mail: &ReaderInvitationMail<'_>) -> Rendered {
    let template = match language {
        Language::Nl => &READER_INVITATION_NL,
        Language::En => &READER_INVITATION_EN,
    };
    let (subject, organiser) = (
        clean(mail.report.subject_name),
        clean(mail.report.organiser),
    );
    let days = mail.valid_days.to_string();
    render(
        template,
        language,
        &[
            ("subject", &subject),
            ("organiser", &organiser),
            ("report", mail.report.report_link),
            ("invitation", mail.invitation_link),
            ("days", &days),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: ReportReadyMail<'static> = ReportReadyMail {
        subject_name: "Piet <Jansen>\u{E001}",
        organiser: "hr@gemeente.nl",
        report_link: "https://scan.example.nl/scans/s1/rapport",
    };

    #[test]
    fn the_report_link_mail_links_the_report_in_both_languages() {
        let nl = report_ready(Language::Nl, &REPORT);
        assert_eq!(nl.subject, "Het rapport over Piet <Jansen> is klaar");
        assert!(nl.text.contains("https://scan.example.nl/scans/s1/rapport"));
        assert!(nl.text.contains("aangewezen als lezer"));
        assert!(
            nl.html.contains("Piet &lt;Jansen&gt;"),
            "escaped: {}",
            nl.html
        );
        assert!(
            !nl.text.contains('\u{E001}'),
            "a value cannot fake the link's place"
        );
        let en = report_ready(Language::En, &REPORT);
        assert_eq!(en.subject, "The report on Piet <Jansen> is ready");
        assert!(
            en.html
                .contains("href=\"https://scan.example.nl/scans/s1/rapport\"")
        );
    }

    #[test]
    fn the_invitation_asks_for_an_account_first_and_says_how_long() {
        let mail = ReaderInvitationMail {
            report: REPORT,
            invitation_link: "https://scan.example.nl/invite/TOKEN",
            valid_days: 7,
        };
        let nl = reader_invitation(Language::Nl, &mail);
        assert!(nl.subject.contains("maak uw account aan"));
        let invite = nl.text.find("/invite/TOKEN").unwrap();
        let report = nl.text.find("/scans/s1/rapport").unwrap();
        assert!(invite < report, "first the account, then the report");
        assert!(nl.text.contains("7 dagen geldig"));
        let en = reader_invitation(Language::En, &mail);
        assert!(en.text.contains("valid for 7 days"));
        assert!(
            en.html
                .contains("href=\"https://scan.example.nl/invite/TOKEN\"")
        );
    }
}
