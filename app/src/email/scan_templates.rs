//! The three emails of a scan: the invitation to answer the questionnaire, the reminder, and
//! the notice that the scan has closed. Dutch first, English second; formal "u" in Dutch.
//!
//! The wording is deliberately plain, because people decide from it whether they can answer
//! honestly: it says who the scan is about, exactly how anonymous the answers are (including,
//! for groups that are shown even when small, that their answers are recognisable as that
//! group's), until when the questionnaire is open, and that the link is personal.
//!
//! Built on [`render`]: every value is escaped in the HTML part. The organiser's optional,
//! multi-line introduction becomes HTML paragraphs, so it cannot be passed as an ordinary value;
//! it is built here from escaped lines and put in the place of a marker after rendering.

use super::templates::{Language, Rendered, Template, escape_html, render};

/// What the invitation and reminder say.
#[derive(Debug, Clone, Copy)]
pub struct ScanInvitationMail<'a> {
    /// The person invited, as the organiser typed it; may be empty.
    pub informant_name: &'a str,
    /// The person the scan is about.
    pub subject_name: &'a str,
    /// Their job title; may be empty.
    pub subject_job_title: &'a str,
    /// Who organises the scan (a name or an email address).
    pub organiser: &'a str,
    /// The organiser's own text for this recipient's audience (the subject's or the
    /// informants'); may be empty (then it is left out) and may contain line
    /// breaks (a blank line starts a new paragraph). Only the invitation includes it; the
    /// reminder is kept short.
    pub introduction: &'a str,
    /// The personal link to the questionnaire.
    pub link: &'a str,
    /// The last day to answer, already formatted, e.g. "vrijdag 11 december 2026".
    pub deadline: &'a str,
    /// The subject rating themselves: their answers are not anonymous, and the mail says so.
    pub is_self: bool,
    /// The recipient's group is shown in the report even when it is small, so their answers
    /// are recognisable as that group's. Ignored when `is_self` (self is never anonymous).
    pub identifiable: bool,
    /// The scan's anonymity minimum: a group's results are shown only from this many answers.
    pub k: usize,
    /// The organiser sees per person whether they have submitted (the scan's `person_status`);
    /// the message says so.
    pub person_status: bool,
}

/// What the notice of a closed scan says. It goes to everyone who was invited, answered or
/// not, and reads the same for both, so the message itself tells nobody who answered.
#[derive(Debug, Clone, Copy)]
pub struct ScanClosedMail<'a> {
    /// The person invited, as the organiser typed it; may be empty.
    pub informant_name: &'a str,
    /// The person the scan is about.
    pub subject_name: &'a str,
}

/// Stands in the rendered HTML where the introduction goes. A private-use character that is
/// removed from every value beforehand, so the marker occurs exactly once.
const MARKER_CHAR: char = '\u{E000}';
/// The character that delimits the personal link's placeholder
/// ([`super::message::LINK_TOKEN_PLACEHOLDER`]); removed from every value too, so only the
/// link's own place is filled in with the token when the message is sent.
const LINK_MARKER_CHAR: char = '\u{E001}';

/// A value without the private-use characters that have a meaning in the templates.
fn clean(value: &str) -> String {
    value.replace([MARKER_CHAR, LINK_MARKER_CHAR], "")
}
const INTRODUCTION_MARKER: &str = "\u{E000}introduction\u{E000}";

const INVITATION_NL: Template = Template {
    subject: "Uw feedback gevraagd over {subject}",
    text: "Beste {name},\n\n\
{opening}\n\n\
{introduction}{privacy}\n\n\
U kunt de vragenlijst invullen tot en met {deadline}. Het invullen duurt ongeveer 15 minuten.\n\n\
Open de vragenlijst via uw persoonlijke link:\n{link}\n\n\
Deze link is alleen voor u bedoeld. Stuur deze e-mail daarom niet door. Hebt u vragen? Neem dan \
contact op met {organiser}.",
    html: "<p>Beste {name},</p>\n\
<p>{opening}</p>\n\
{introduction_html}<p>{privacy}</p>\n\
<p>U kunt de vragenlijst invullen tot en met <strong>{deadline}</strong>. Het invullen duurt \
ongeveer 15 minuten.</p>\n\
<p><a href=\"{link}\">Open de vragenlijst</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>Deze link is alleen voor u bedoeld. Stuur deze e-mail daarom niet door. Hebt u vragen? Neem \
dan contact op met {organiser}.</p>",
};

const INVITATION_EN: Template = Template {
    subject: "Request for your feedback on {subject}",
    text: "Dear {name},\n\n\
{opening}\n\n\
{introduction}{privacy}\n\n\
You can complete the questionnaire up to and including {deadline}. It takes about 15 \
minutes.\n\n\
Open the questionnaire with your personal link:\n{link}\n\n\
This link is meant for you only, so please do not forward this email. Any questions? Then \
please contact {organiser}.",
    html: "<p>Dear {name},</p>\n\
<p>{opening}</p>\n\
{introduction_html}<p>{privacy}</p>\n\
<p>You can complete the questionnaire up to and including <strong>{deadline}</strong>. It \
takes about 15 minutes.</p>\n\
<p><a href=\"{link}\">Open the questionnaire</a></p>\n\
<p>Does the button not work? Then copy this link into your browser:<br>{link}</p>\n\
<p>This link is meant for you only, so please do not forward this email. Any questions? Then \
please contact {organiser}.</p>",
};

const SELF_INVITATION_SUBJECT_NL: &str = "Uw zelfbeoordeling voor uw ontwikkelscan";
const SELF_INVITATION_SUBJECT_EN: &str = "Your self-assessment for your development scan";

const REMINDER_NL: Template = Template {
    subject: "Herinnering: uw feedback gevraagd over {subject}",
    text: "Beste {name},\n\n\
{opening} Hebt u de vragenlijst nog niet ingevuld? Dat kan nog tot en met {deadline}. Het \
invullen duurt ongeveer 15 minuten. Hebt u de vragenlijst inmiddels ingevuld? Dan kunt u deze \
herinnering negeren.\n\n\
{privacy}\n\n\
Open de vragenlijst via uw persoonlijke link:\n{link}\n\n\
Deze link is alleen voor u bedoeld. Stuur deze e-mail daarom niet door. Hebt u vragen? Neem dan \
contact op met {organiser}.",
    html: "<p>Beste {name},</p>\n\
<p>{opening} Hebt u de vragenlijst nog niet ingevuld? Dat kan nog tot en met \
<strong>{deadline}</strong>. Het invullen duurt ongeveer 15 minuten. Hebt u de vragenlijst \
inmiddels ingevuld? Dan kunt u deze herinnering negeren.</p>\n\
<p>{privacy}</p>\n\
<p><a href=\"{link}\">Open de vragenlijst</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>Deze link is alleen voor u bedoeld. Stuur deze e-mail daarom niet door. Hebt u vragen? Neem \
dan contact op met {organiser}.</p>",
};

const REMINDER_EN: Template = Template {
    subject: "Reminder: request for your feedback on {subject}",
    text: "Dear {name},\n\n\
{opening} Have you not completed the questionnaire yet? You can still do so up to and \
including {deadline}. It takes about 15 minutes. Have you completed it in the meantime? Then \
you can ignore this reminder.\n\n\
{privacy}\n\n\
Open the questionnaire with your personal link:\n{link}\n\n\
This link is meant for you only, so please do not forward this email. Any questions? Then \
please contact {organiser}.",
    html: "<p>Dear {name},</p>\n\
<p>{opening} Have you not completed the questionnaire yet? You can still do so up to and \
including <strong>{deadline}</strong>. It takes about 15 minutes. Have you completed it in the \
meantime? Then you can ignore this reminder.</p>\n\
<p>{privacy}</p>\n\
<p><a href=\"{link}\">Open the questionnaire</a></p>\n\
<p>Does the button not work? Then copy this link into your browser:<br>{link}</p>\n\
<p>This link is meant for you only, so please do not forward this email. Any questions? Then \
please contact {organiser}.</p>",
};

const SELF_REMINDER_SUBJECT_NL: &str = "Herinnering: uw zelfbeoordeling voor uw ontwikkelscan";
const SELF_REMINDER_SUBJECT_EN: &str = "Reminder: your self-assessment for your development scan";

const CLOSED_NL: Template = Template {
    subject: "Ontwikkelscan over {subject} gesloten",
    text: "Beste {name},\n\n\
De ontwikkelscan over {subject} is gesloten. De vragenlijst is niet meer beschikbaar en u hoeft \
niets meer te doen.\n\n\
Hartelijk dank voor uw betrokkenheid bij deze ontwikkelscan.\n\n\
Iedereen die voor deze ontwikkelscan was uitgenodigd, ontvangt dit bericht.",
    html: "<p>Beste {name},</p>\n\
<p>De ontwikkelscan over {subject} is gesloten. De vragenlijst is niet meer beschikbaar en u \
hoeft niets meer te doen.</p>\n\
<p>Hartelijk dank voor uw betrokkenheid bij deze ontwikkelscan.</p>\n\
<p>Iedereen die voor deze ontwikkelscan was uitgenodigd, ontvangt dit bericht.</p>",
};

const CLOSED_EN: Template = Template {
    subject: "Development scan about {subject} closed",
    text: "Dear {name},\n\n\
The development scan about {subject} has closed. The questionnaire is no longer available and \
there is nothing more you need to do.\n\n\
Thank you for your involvement in this development scan.\n\n\
Everyone who was invited to this development scan receives this message.",
    html: "<p>Dear {name},</p>\n\
<p>The development scan about {subject} has closed. The questionnaire is no longer available \
and there is nothing more you need to do.</p>\n\
<p>Thank you for your involvement in this development scan.</p>\n\
<p>Everyone who was invited to this development scan receives this message.</p>",
};

/// What the recipient is told about who sees their answers: the same words as the welcome page
/// of the questionnaire (`domain::anonymity_promise`).
fn privacy(language: Language, mail: &ScanInvitationMail<'_>) -> String {
    use crate::domain::anonymity_promise::{PromiseFacts, Standing};
    use crate::promise_text::promise_text;
    let standing = if mail.is_self {
        Standing::OwnRating
    } else if mail.identifiable {
        Standing::Identifiable
    } else {
        Standing::Anonymous
    };
    promise_text(
        language,
        &PromiseFacts {
            standing,
            k: mail.k,
            person_status: mail.person_status,
        },
    )
}

/// The salutation name, or the formal fallback when none was given.
fn salutation(name: &str, language: Language) -> &str {
    match (name.trim(), language) {
        ("", Language::Nl) => "heer, mevrouw",
        ("", Language::En) => "Sir or Madam",
        (name, _) => name,
    }
}

/// The subject's name with their job title in brackets, if there is one.
fn subject_with_title(mail: &ScanInvitationMail<'_>) -> String {
    let name = mail.subject_name.trim();
    match mail.subject_job_title.trim() {
        "" => name.to_owned(),
        title => format!("{name} ({title})"),
    }
}

/// The first paragraph of the invitation.
fn invitation_opening(language: Language, mail: &ScanInvitationMail<'_>) -> String {
    let organiser = mail.organiser.trim();
    let subject = mail.subject_name.trim();
    let subject_full = subject_with_title(mail);
    match (language, mail.is_self) {
        (Language::Nl, true) => format!(
            "{organiser} vraagt u om mee te werken aan uw eigen ontwikkelscan. In een \
             vragenlijst geeft u aan hoe u uw eigen functioneren ziet."
        ),
        (Language::Nl, false) => format!(
            "{organiser} vraagt u om mee te werken aan een ontwikkelscan over {subject_full}. \
             In een vragenlijst geeft u aan hoe u het functioneren van {subject} ziet."
        ),
        (Language::En, true) => format!(
            "{organiser} asks you to take part in your own development scan. In a \
             questionnaire you say how you see your own work."
        ),
        (Language::En, false) => format!(
            "{organiser} asks you to take part in a development scan about {subject_full}. In a \
             questionnaire you say how you see the work of {subject}."
        ),
    }
}

/// The first sentence of the reminder.
fn reminder_opening(language: Language, mail: &ScanInvitationMail<'_>) -> String {
    let organiser = mail.organiser.trim();
    let subject_full = subject_with_title(mail);
    match (language, mail.is_self) {
        (Language::Nl, true) => format!(
            "Enige tijd geleden vroeg {organiser} u om uw eigen functioneren te beoordelen voor \
             uw ontwikkelscan."
        ),
        (Language::Nl, false) => format!(
            "Enige tijd geleden vroeg {organiser} u om feedback te geven over {subject_full}."
        ),
        (Language::En, true) => format!(
            "Some time ago, {organiser} asked you to assess your own work for your development \
             scan."
        ),
        (Language::En, false) => {
            format!("Some time ago, {organiser} asked you to give feedback on {subject_full}.")
        }
    }
}

/// The introduction's lines with uniform line ends and no marker character.
fn normalise_introduction(introduction: &str) -> String {
    introduction
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace([MARKER_CHAR, LINK_MARKER_CHAR], "")
        .trim()
        .to_owned()
}

/// The introduction for the text part: its paragraphs followed by a blank line, or nothing.
fn introduction_text(introduction: &str) -> String {
    if introduction.is_empty() {
        String::new()
    } else {
        format!("{introduction}\n\n")
    }
}

/// The introduction for the HTML part: one `<p>` per paragraph (blank lines separate them),
/// `<br>` between lines, every line escaped; nothing at all when it is empty.
fn introduction_html(introduction: &str) -> String {
    fn flush(lines: &mut Vec<String>, html: &mut String) {
        if !lines.is_empty() {
            html.push_str("<p>");
            html.push_str(&lines.join("<br>\n"));
            html.push_str("</p>\n");
            lines.clear();
        }
    }
    let mut html = String::new();
    let mut lines: Vec<String> = Vec::new();
    for line in introduction.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut lines, &mut html);
        } else {
            lines.push(escape_html(line));
        }
    }
    flush(&mut lines, &mut html);
    html
}

/// Renders a template whose HTML has an `{introduction_html}` placeholder, and puts the
/// (already escaped) `fragment` there. Every value loses the marker character first, so the
/// marker occurs once, in the template's place.
fn render_with_fragment(
    template: &Template,
    language: Language,
    vars: &[(&str, &str)],
    fragment: &str,
) -> Rendered {
    let cleaned: Vec<(&str, String)> = vars
        .iter()
        .map(|(name, value)| {
            (
                *name,
                if *name == "link" {
                    value.to_string()
                } else {
                    clean(value)
                },
            )
        })
        .collect();
    let mut all: Vec<(&str, &str)> = cleaned
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    all.push(("introduction_html", INTRODUCTION_MARKER));
    let mut rendered = render(template, language, &all);
    debug_assert_eq!(rendered.html.matches(INTRODUCTION_MARKER).count(), 1);
    rendered.html = rendered.html.replacen(INTRODUCTION_MARKER, fragment, 1);
    rendered
}

/// The invitation to fill in the questionnaire of a scan.
pub fn scan_invitation(language: Language, mail: &ScanInvitationMail<'_>) -> Rendered {
    let base = match language {
        Language::Nl => INVITATION_NL,
        Language::En => INVITATION_EN,
    };
    let template = match (language, mail.is_self) {
        (_, false) => base,
        (Language::Nl, true) => Template {
            subject: SELF_INVITATION_SUBJECT_NL,
            ..base
        },
        (Language::En, true) => Template {
            subject: SELF_INVITATION_SUBJECT_EN,
            ..base
        },
    };
    let introduction = normalise_introduction(mail.introduction);
    let opening = invitation_opening(language, mail);
    let introduction_plain = introduction_text(&introduction);
    render_with_fragment(
        &template,
        language,
        &[
            ("name", salutation(mail.informant_name, language)),
            ("subject", mail.subject_name.trim()),
            ("opening", &opening),
            ("introduction", &introduction_plain),
            ("privacy", &privacy(language, mail)),
            ("deadline", mail.deadline.trim()),
            ("link", mail.link.trim()),
            ("organiser", mail.organiser.trim()),
        ],
        &introduction_html(&introduction),
    )
}

/// The reminder to people who have not answered yet. Shorter than the invitation: it leaves
/// the organiser's introduction out but repeats what matters for answering (privacy, deadline,
/// the personal link).
pub fn scan_reminder(language: Language, mail: &ScanInvitationMail<'_>) -> Rendered {
    let base = match language {
        Language::Nl => REMINDER_NL,
        Language::En => REMINDER_EN,
    };
    let template = match (language, mail.is_self) {
        (_, false) => base,
        (Language::Nl, true) => Template {
            subject: SELF_REMINDER_SUBJECT_NL,
            ..base
        },
        (Language::En, true) => Template {
            subject: SELF_REMINDER_SUBJECT_EN,
            ..base
        },
    };
    let opening = clean(&reminder_opening(language, mail));
    render(
        &template,
        language,
        &[
            ("name", &clean(salutation(mail.informant_name, language))),
            ("subject", &clean(mail.subject_name.trim())),
            ("opening", &opening),
            ("privacy", &privacy(language, mail)),
            ("deadline", &clean(mail.deadline.trim())),
            ("link", mail.link.trim()),
            ("organiser", &clean(mail.organiser.trim())),
        ],
    )
}

/// The notice that a scan has closed, sent to everyone who was invited. It thanks them for
/// their involvement and says nothing about whether they answered.
pub fn scan_closed(language: Language, mail: &ScanClosedMail<'_>) -> Rendered {
    let template = match language {
        Language::Nl => &CLOSED_NL,
        Language::En => &CLOSED_EN,
    };
    render(
        template,
        language,
        &[
            ("name", salutation(mail.informant_name, language)),
            ("subject", mail.subject_name.trim()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://ontwikkelscan.example.nl/vragenlijst/abc123?x=1&y=2";
    const LINK_IN_HTML: &str = "https://ontwikkelscan.example.nl/vragenlijst/abc123?x=1&amp;y=2";

    fn mail() -> ScanInvitationMail<'static> {
        ScanInvitationMail {
            informant_name: "Petra de Vries",
            subject_name: "Jan Jansen",
            subject_job_title: "gemeentesecretaris",
            organiser: "hr@gemeente.example.nl",
            introduction: "Beste collega,\nDank voor uw tijd.\n\nMet vriendelijke groet,\nHR",
            link: LINK,
            deadline: "vrijdag 11 december 2026",
            is_self: false,
            identifiable: false,
            k: 3,
            person_status: false,
        }
    }

    fn closed() -> ScanClosedMail<'static> {
        ScanClosedMail {
            informant_name: "Petra de Vries",
            subject_name: "Jan Jansen",
        }
    }

    /// Every message the module can produce for `mail`, in both languages.
    fn all_rendered(mail: &ScanInvitationMail<'_>) -> Vec<Rendered> {
        let mut out = Vec::new();
        for language in [Language::Nl, Language::En] {
            out.push(scan_invitation(language, mail));
            out.push(scan_reminder(language, mail));
            out.push(scan_closed(
                language,
                &ScanClosedMail {
                    informant_name: mail.informant_name,
                    subject_name: mail.subject_name,
                },
            ));
        }
        out
    }

    fn assert_no_leftovers(rendered: &Rendered) {
        for part in [&rendered.subject, &rendered.text, &rendered.html] {
            assert!(
                !part.contains('{') && !part.contains('}'),
                "placeholder left: {part}"
            );
            assert!(!part.contains(MARKER_CHAR), "marker left: {part}");
        }
        assert!(!rendered.subject.contains('\n') && !rendered.subject.contains('\r'));
        assert!(!rendered.html.contains("<p></p>"));
        assert!(!rendered.text.contains("\n\n\n"), "{}", rendered.text);
    }

    #[test]
    fn dutch_invitation() {
        let rendered = scan_invitation(Language::Nl, &mail());
        assert_eq!(rendered.subject, "Uw feedback gevraagd over Jan Jansen");
        assert!(rendered.text.starts_with("Beste Petra de Vries,\n\n"));
        assert!(rendered.text.contains(
            "hr@gemeente.example.nl vraagt u om mee te werken aan een ontwikkelscan over Jan \
             Jansen (gemeentesecretaris)."
        ));
        assert!(
            rendered
                .text
                .contains("tot en met vrijdag 11 december 2026")
        );
        assert!(rendered.text.contains("ongeveer 15 minuten"));
        assert!(rendered.text.contains("Stuur deze e-mail daarom niet door"));
        assert!(rendered.text.contains("Uw antwoorden zijn anoniem."));
        assert!(rendered.text.contains("ten minste 3 mensen"));
        assert!(rendered.html.contains("<html lang=\"nl\">"));
        assert!(
            rendered
                .html
                .contains("<strong>vrijdag 11 december 2026</strong>")
        );
        assert!(!rendered.text.contains("you"));
        assert_no_leftovers(&rendered);
    }

    #[test]
    fn english_invitation() {
        let rendered = scan_invitation(Language::En, &mail());
        assert_eq!(rendered.subject, "Request for your feedback on Jan Jansen");
        assert!(rendered.text.starts_with("Dear Petra de Vries,\n\n"));
        assert!(
            rendered
                .text
                .contains("a development scan about Jan Jansen (gemeentesecretaris)")
        );
        assert!(
            rendered
                .text
                .contains("up to and including vrijdag 11 december 2026")
        );
        assert!(rendered.text.contains("about 15 minutes"));
        assert!(rendered.text.contains("do not forward this email"));
        assert!(rendered.text.contains("Your answers are anonymous."));
        assert!(rendered.html.contains("<html lang=\"en\">"));
        assert!(!rendered.text.contains(" u "));
        assert_no_leftovers(&rendered);
    }

    #[test]
    fn missing_name_and_job_title() {
        let mut m = mail();
        m.informant_name = "  ";
        m.subject_job_title = "";
        let nl = scan_invitation(Language::Nl, &m);
        assert!(nl.text.starts_with("Beste heer, mevrouw,"));
        assert!(
            nl.text
                .contains("een ontwikkelscan over Jan Jansen. In een vragenlijst")
        );
        assert!(!nl.text.contains("()"));
        let en = scan_reminder(Language::En, &m);
        assert!(en.text.starts_with("Dear Sir or Madam,"));
        assert!(en.text.contains("to give feedback on Jan Jansen."));
        let closed_nl = scan_closed(
            Language::Nl,
            &ScanClosedMail {
                informant_name: "",
                subject_name: "Jan Jansen",
            },
        );
        assert!(closed_nl.html.contains("<p>Beste heer, mevrouw,</p>"));
    }

    #[test]
    fn link_in_text_and_html() {
        let m = mail();
        for rendered in [
            scan_invitation(Language::Nl, &m),
            scan_invitation(Language::En, &m),
            scan_reminder(Language::Nl, &m),
            scan_reminder(Language::En, &m),
        ] {
            assert!(
                rendered.text.contains(&format!("\n{LINK}\n")),
                "{}",
                rendered.text
            );
            assert!(
                rendered
                    .html
                    .contains(&format!("<a href=\"{LINK_IN_HTML}\">"))
            );
            assert!(rendered.html.contains(&format!("<br>{LINK_IN_HTML}</p>")));
        }
    }

    #[test]
    fn scripts_are_escaped_everywhere_in_html() {
        let script = "<script>alert('x')</script>";
        let m = ScanInvitationMail {
            informant_name: script,
            subject_name: script,
            subject_job_title: script,
            organiser: script,
            introduction: "Hallo\n<script>alert('x')</script>\n\n<b>vet</b> & meer",
            link: "https://x.example/\"><script>alert(1)</script>",
            deadline: script,
            is_self: false,
            identifiable: false,
            k: 3,
            person_status: false,
        };
        for rendered in all_rendered(&m) {
            assert!(!rendered.html.contains("<script"), "{}", rendered.html);
            assert!(!rendered.html.contains("<b>"));
            assert!(rendered.html.contains("&lt;script&gt;"));
            assert!(!rendered.subject.contains('\n'));
        }
        let invitation = scan_invitation(Language::Nl, &m);
        assert!(invitation.html.contains(
            "<p>Hallo<br>\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>\n\
             <p>&lt;b&gt;vet&lt;/b&gt; &amp; meer</p>\n"
        ));
        // The plain-text part carries the values as they are; that is its nature.
        assert!(invitation.text.contains("<b>vet</b> & meer"));
        assert!(invitation.subject.contains(script));
    }

    #[test]
    fn introduction_becomes_paragraphs() {
        let mut m = mail();
        m.introduction = "\r\n  Eerste regel\r\nTweede regel  \r\n\r\n \r\n\r\nNieuwe alinea\r\n";
        let nl = scan_invitation(Language::Nl, &m);
        assert!(nl.html.contains(
            "<p>hr@gemeente.example.nl vraagt u om mee te werken aan een ontwikkelscan over Jan \
             Jansen (gemeentesecretaris). In een vragenlijst geeft u aan hoe u het functioneren \
             van Jan Jansen ziet.</p>\n\
             <p>Eerste regel<br>\nTweede regel</p>\n\
             <p>Nieuwe alinea</p>\n\
             <p>Uw antwoorden zijn anoniem."
        ));
        assert!(nl.text.contains(
            "ziet.\n\nEerste regel\nTweede regel  \n\n \n\nNieuwe alinea\n\nUw antwoorden zijn"
        ));
        assert!(!nl.text.contains('\r'));
        assert!(!nl.html.contains('\r'));
    }

    #[test]
    fn empty_introduction_leaves_no_trace() {
        for introduction in ["", "   ", "\n\n", " \r\n \r\n"] {
            let mut m = mail();
            m.introduction = introduction;
            for language in [Language::Nl, Language::En] {
                let rendered = scan_invitation(language, &m);
                assert_no_leftovers(&rendered);
                assert!(!rendered.html.contains("<p>\n"));
                assert!(!rendered.html.contains("<p> "));
                let privacy_start = match language {
                    Language::Nl => "ziet.</p>\n<p>Uw antwoorden zijn anoniem.",
                    Language::En => "Jan Jansen.</p>\n<p>Your answers are anonymous.",
                };
                assert!(rendered.html.contains(privacy_start), "{}", rendered.html);
                assert_eq!(rendered.html.matches("<p>").count(), 7, "{}", rendered.html);
                let opening_end = match language {
                    Language::Nl => "van Jan Jansen ziet.\n\nUw antwoorden zijn anoniem.",
                    Language::En => "the work of Jan Jansen.\n\nYour answers are anonymous.",
                };
                assert!(rendered.text.contains(opening_end), "{}", rendered.text);
            }
        }
        let with = scan_invitation(Language::Nl, &mail());
        assert_eq!(with.html.matches("<p>").count(), 9);
    }

    #[test]
    fn reminder_is_short_and_complete() {
        let m = mail();
        let nl = scan_reminder(Language::Nl, &m);
        assert_eq!(
            nl.subject,
            "Herinnering: uw feedback gevraagd over Jan Jansen"
        );
        assert!(
            nl.text
                .contains("Enige tijd geleden vroeg hr@gemeente.example.nl u")
        );
        assert!(nl.text.contains("tot en met vrijdag 11 december 2026"));
        assert!(nl.text.contains("ongeveer 15 minuten"));
        assert!(nl.text.contains("kunt u deze herinnering negeren"));
        assert!(nl.text.contains("Uw antwoorden zijn anoniem."));
        assert!(nl.text.contains("niet door"));
        assert!(!nl.text.contains("Dank voor uw tijd"));
        assert_no_leftovers(&nl);
        let en = scan_reminder(Language::En, &m);
        assert_eq!(
            en.subject,
            "Reminder: request for your feedback on Jan Jansen"
        );
        assert!(
            en.text
                .contains("up to and including vrijdag 11 december 2026")
        );
        assert!(en.text.contains("you can ignore this reminder"));
        assert!(
            en.html
                .contains("<strong>vrijdag 11 december 2026</strong>")
        );
        assert_no_leftovers(&en);
    }

    #[test]
    fn self_wording_differs() {
        let mut m = mail();
        m.is_self = true;
        m.identifiable = true; // the self group always is; the self wording covers it
        let nl = scan_invitation(Language::Nl, &m);
        assert_eq!(nl.subject, "Uw zelfbeoordeling voor uw ontwikkelscan");
        assert!(nl.text.contains("uw eigen functioneren"));
        assert!(nl.text.contains("uw eigen ontwikkelscan"));
        assert!(nl.text.contains("niet anoniem"));
        assert!(!nl.text.contains("Uw antwoorden zijn anoniem"));
        assert!(!nl.text.contains("herkenbaar"));
        assert!(!nl.text.contains("Jan Jansen"));
        let other = scan_invitation(Language::Nl, &mail());
        assert!(!other.text.contains("uw eigen functioneren"));
        assert!(!other.text.contains("niet anoniem"));
        assert_ne!(nl.text, other.text);

        let en = scan_invitation(Language::En, &m);
        assert_eq!(en.subject, "Your self-assessment for your development scan");
        assert!(en.text.contains("your own development scan"));
        assert!(en.text.contains("not anonymous"));
        assert!(!en.text.contains("recognised"));

        let reminder_nl = scan_reminder(Language::Nl, &m);
        assert_eq!(
            reminder_nl.subject,
            "Herinnering: uw zelfbeoordeling voor uw ontwikkelscan"
        );
        assert!(
            reminder_nl
                .text
                .contains("uw eigen functioneren te beoordelen")
        );
        assert!(reminder_nl.text.contains("niet anoniem"));
        let reminder_en = scan_reminder(Language::En, &m);
        assert_eq!(
            reminder_en.subject,
            "Reminder: your self-assessment for your development scan"
        );
        assert!(reminder_en.text.contains("assess your own work"));
        for rendered in all_rendered(&m) {
            assert_no_leftovers(&rendered);
        }
    }

    #[test]
    fn identifiable_wording_only_when_set() {
        let mut m = mail();
        let plain_nl = scan_invitation(Language::Nl, &m);
        let plain_en = scan_invitation(Language::En, &m);
        assert!(!plain_nl.text.contains("herkenbaar"));
        assert!(!plain_en.text.contains("recognised"));
        assert!(!scan_reminder(Language::Nl, &m).text.contains("herkenbaar"));

        m.identifiable = true;
        let nl = scan_invitation(Language::Nl, &m);
        assert!(nl.text.contains("herkenbaar als antwoorden van uw groep"));
        assert!(nl.text.contains("ook als er maar weinig mensen in zitten"));
        assert!(!nl.text.contains("Uw antwoorden zijn anoniem"));
        assert!(nl.html.contains("herkenbaar als antwoorden van uw groep"));
        let en = scan_invitation(Language::En, &m);
        assert!(en.text.contains("recognised as answers from your group"));
        assert!(!en.text.contains("Your answers are anonymous"));
        assert!(scan_reminder(Language::Nl, &m).text.contains("herkenbaar"));
        assert!(scan_reminder(Language::En, &m).text.contains("recognised"));
        for rendered in all_rendered(&m) {
            assert_no_leftovers(&rendered);
        }
    }

    #[test]
    fn closed_mail_in_both_languages() {
        let nl = scan_closed(Language::Nl, &closed());
        assert_eq!(nl.subject, "Ontwikkelscan over Jan Jansen gesloten");
        assert!(nl.text.starts_with("Beste Petra de Vries,\n\n"));
        assert!(
            nl.text
                .contains("De ontwikkelscan over Jan Jansen is gesloten.")
        );
        assert!(nl.text.contains("Hartelijk dank voor uw betrokkenheid"));
        assert!(nl.html.contains("<html lang=\"nl\">"));
        assert_no_leftovers(&nl);
        let en = scan_closed(Language::En, &closed());
        assert_eq!(en.subject, "Development scan about Jan Jansen closed");
        assert!(en.text.starts_with("Dear Petra de Vries,\n\n"));
        assert!(en.text.contains("Thank you for your involvement"));
        assert!(en.html.contains("<html lang=\"en\">"));
        assert_no_leftovers(&en);
    }

    #[test]
    fn closed_mail_says_nothing_about_answering() {
        for language in [Language::Nl, Language::En] {
            let rendered = scan_closed(language, &closed());
            let all = format!("{}\n{}\n{}", rendered.subject, rendered.text, rendered.html)
                .to_lowercase();
            for word in [
                "antwoord",
                "ingevuld",
                "invullen",
                "deelname",
                "meegedaan",
                "niet gedaan",
                "answer",
                "complet",
                "respon",
                "filled",
                "particip",
                "took part",
            ] {
                assert!(!all.contains(word), "{word:?} in {all}");
            }
            // Same wording for everybody: only the salutation depends on the recipient.
            let other = scan_closed(
                language,
                &ScanClosedMail {
                    informant_name: "Kees",
                    subject_name: "Jan Jansen",
                },
            );
            assert_eq!(
                rendered.text.replace("Petra de Vries", "Kees"),
                other.text,
                "the closed mail must not vary per recipient"
            );
        }
    }

    #[test]
    fn closed_mail_escapes_names() {
        let rendered = scan_closed(
            Language::En,
            &ScanClosedMail {
                informant_name: "<img src=x onerror=alert(1)>",
                subject_name: "Jan \"<script>\"\r\nBcc: x@example.nl",
            },
        );
        assert!(!rendered.html.contains("<script>"));
        assert!(!rendered.html.contains("<img"));
        assert!(!rendered.subject.contains('\n') && !rendered.subject.contains('\r'));
        assert!(rendered.html.contains("&quot;&lt;script&gt;&quot;"));
    }

    #[test]
    fn subject_line_has_no_line_breaks() {
        let mut m = mail();
        m.subject_name = "Jan\r\nBcc: iemand@example.nl";
        for rendered in all_rendered(&m) {
            assert!(!rendered.subject.contains('\n') && !rendered.subject.contains('\r'));
        }
    }

    #[test]
    fn marker_character_in_input_cannot_move_the_introduction() {
        let mut m = mail();
        m.subject_name = "Jan \u{E000}introduction\u{E000} Jansen";
        m.informant_name = "\u{E000}introduction\u{E000}";
        m.introduction = "Tekst \u{E000}introduction\u{E000} hier";
        for language in [Language::Nl, Language::En] {
            let rendered = scan_invitation(language, &m);
            assert_eq!(rendered.html.matches("Tekst introduction hier").count(), 1);
            assert_no_leftovers(&rendered);
        }
    }
}
