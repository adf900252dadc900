//! The emails of a conversation record (issue 21): the participants hear that it is planned,
//! the person discussed gets the concept agenda when it is sent and the concept summary when it
//! is proposed, and readers hear that an approved record was shared with them. Each carries the
//! recipient's personal link (its token filled in by the outbox worker, see [`super::links`]).
//!
//! A record has no language of its own, so every message is in Dutch first and English second,
//! in one message; formal "u" in Dutch, like the scan's mails. Built on
//! [`crate::email::templates::render`], so every value is escaped in the HTML part; the agenda
//! list is put in afterwards as an escaped fragment.

use crate::domain::language::Language;
use crate::domain::record_document::text::date_time_text;
use crate::email::templates::{Rendered, Template, escape_html, render};

/// Where the agenda list goes (never allowed in from a value).
const AGENDA_MARKER: &str = "\u{E000}agenda\u{E000}";

/// What every message names.
#[derive(Debug, Clone, Copy)]
pub struct RecordMail<'a> {
    /// The conversation type's name ("Functioneringsgesprek secretaris").
    pub type_name: &'a str,
    pub type_name_en: &'a str,
    /// The person discussed.
    pub subject_name: &'a str,
    /// Who did it (role and name), e.g. "Burgemeester (Jan de Vries)".
    pub actor: &'a str,
    /// When the conversation starts (unix seconds), if planned.
    pub starts_at: Option<i64>,
    pub place: &'a str,
    /// The recipient's personal link (placeholder for the token).
    pub link: &'a str,
    pub valid_days: u32,
}

/// The characters that mark the link's and the agenda's place: never allowed in from a value.
fn clean(value: &str) -> String {
    value.replace(['\u{E000}', '\u{E001}'], "")
}

const LINK_NOTE: &str = "De link is persoonlijk en {days} dagen geldig; stuur deze e-mail daarom \
niet door. Hebt u een account in Ontwikkelscan met dit e-mailadres, dan kunt u ook inloggen.";
const LINK_NOTE_EN: &str = "The link is personal and valid for {days} days, so please do not \
forward this email. If you have an Ontwikkelscan account with this address, you can also sign in.";

const PLANNED: Template = Template {
    subject: "Gesprek gepland: {type} met {subject} / Conversation planned",
    text: "Beste deelnemer,\n\n\
{actor} heeft het {type} met {subject} gepland op {when_nl}, {place}.\n\n\
Open het gesprek via uw persoonlijke link:\n{link}\n\n\
De link is persoonlijk en {days} dagen geldig; stuur deze e-mail daarom niet door.\n\n\
---\n\n\
Dear participant,\n\n\
{actor} has planned the {type_en} with {subject} on {when_en}, {place}.\n\n\
Open the conversation with your personal link:\n{link}\n\n\
The link is personal and valid for {days} days, so please do not forward this email.",
    html: "<p>Beste deelnemer,</p>\n\
<p>{actor} heeft het {type} met <strong>{subject}</strong> gepland op {when_nl}, {place}.</p>\n\
<p><a href=\"{link}\">Open het gesprek</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>De link is persoonlijk en {days} dagen geldig; stuur deze e-mail daarom niet door.</p>\n\
<hr>\n\
<p lang=\"en\">Dear participant,</p>\n\
<p lang=\"en\">{actor} has planned the {type_en} with <strong>{subject}</strong> on {when_en}, \
{place}.</p>\n\
<p lang=\"en\"><a href=\"{link}\">Open the conversation</a></p>\n\
<p lang=\"en\">The link is personal and valid for {days} days, so please do not forward this \
email.</p>",
};

const AGENDA: Template = Template {
    subject: "Agenda voor uw {type} / Agenda for your conversation",
    text: "Beste {subject},\n\n\
{actor} heeft de concept-agenda voor uw {type} op {when_nl}, {place}, verstuurd:\n\n\
{agenda}\n\
Via uw persoonlijke link leest u de agenda en kunt u tot het gesprek zelf onderwerpen \
toevoegen:\n{link}\n\n\
{note}\n\n\
---\n\n\
Dear {subject},\n\n\
{actor} has sent the draft agenda for your {type_en} on {when_en}, {place}:\n\n\
{agenda}\n\
With your personal link you can read the agenda and add topics until the conversation:\n{link}\n\n\
{note_en}",
    html: "<p>Beste {subject},</p>\n\
<p>{actor} heeft de concept-agenda voor uw {type} op {when_nl}, {place}, verstuurd:</p>\n\
{agenda}\n\
<p>Via uw persoonlijke link leest u de agenda en kunt u tot het gesprek zelf onderwerpen \
toevoegen.</p>\n\
<p><a href=\"{link}\">Open de agenda</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>{note}</p>\n\
<hr>\n\
<p lang=\"en\">Dear {subject},</p>\n\
<p lang=\"en\">{actor} has sent the draft agenda for your {type_en} on {when_en}, {place} (see \
above).</p>\n\
<p lang=\"en\"><a href=\"{link}\">Open the agenda</a> to read it and add topics until the \
conversation.</p>\n\
<p lang=\"en\">{note_en}</p>",
};

const PROPOSED: Template = Template {
    subject: "Conceptverslag van uw {type} / Draft record of your conversation",
    text: "Beste {subject},\n\n\
{actor} heeft het conceptverslag van uw {type} ter instemming aan u voorgelegd. Lees het via \
uw persoonlijke link en stel het vast als u het ermee eens bent:\n{link}\n\n\
{note}\n\n\
---\n\n\
Dear {subject},\n\n\
{actor} has proposed the draft record of your {type_en} for your approval. Read it with your \
personal link and approve it if you agree:\n{link}\n\n\
{note_en}",
    html: "<p>Beste {subject},</p>\n\
<p>{actor} heeft het conceptverslag van uw {type} ter instemming aan u voorgelegd. Lees het en \
stel het vast als u het ermee eens bent.</p>\n\
<p><a href=\"{link}\">Open het conceptverslag</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>{note}</p>\n\
<hr>\n\
<p lang=\"en\">Dear {subject},</p>\n\
<p lang=\"en\">{actor} has proposed the draft record of your {type_en} for your approval. \
<a href=\"{link}\">Read it</a> and approve it if you agree.</p>\n\
<p lang=\"en\">{note_en}</p>",
};

const SHARED: Template = Template {
    subject: "Verslag gedeeld: {type} met {subject} / Record shared with you",
    text: "Beste lezer,\n\n\
{actor} heeft het vastgestelde verslag van het {type} met {subject} met u gedeeld. Lees het \
via uw persoonlijke link:\n{link}\n\n\
Het verslag is vertrouwelijk. {note}\n\n\
---\n\n\
Dear reader,\n\n\
{actor} has shared the approved record of the {type_en} with {subject} with you. Read it with \
your personal link:\n{link}\n\n\
The record is confidential. {note_en}",
    html: "<p>Beste lezer,</p>\n\
<p>{actor} heeft het vastgestelde verslag van het {type} met <strong>{subject}</strong> met u \
gedeeld.</p>\n\
<p><a href=\"{link}\">Lees het verslag</a></p>\n\
<p>Werkt de knop niet? Kopieer dan deze link in uw browser:<br>{link}</p>\n\
<p>Het verslag is vertrouwelijk. {note}</p>\n\
<hr>\n\
<p lang=\"en\">Dear reader,</p>\n\
<p lang=\"en\">{actor} has shared the approved record of the {type_en} with \
<strong>{subject}</strong> with you. <a href=\"{link}\">Read the record</a>.</p>\n\
<p lang=\"en\">The record is confidential. {note_en}</p>",
};

fn fill(template: &Template, mail: &RecordMail<'_>, agenda: &[String]) -> Rendered {
    let (type_name, type_name_en) = (clean(mail.type_name), clean(mail.type_name_en));
    let (subject, actor, place) = (
        clean(mail.subject_name),
        clean(mail.actor),
        clean(mail.place),
    );
    let (when_nl, when_en) = match mail.starts_at {
        Some(at) => (
            date_time_text(at, Language::Nl),
            date_time_text(at, Language::En),
        ),
        None => ("(nog niet gepland)".into(), "(not planned yet)".into()),
    };
    let days = mail.valid_days.to_string();
    let note = LINK_NOTE.replace("{days}", &days);
    let note_en = LINK_NOTE_EN.replace("{days}", &days);
    let mut rendered = render(
        template,
        Language::Nl,
        &[
            ("type", &type_name),
            ("type_en", &type_name_en),
            ("subject", &subject),
            ("actor", &actor),
            ("place", &place),
            ("when_nl", &when_nl),
            ("when_en", &when_en),
            ("link", mail.link),
            ("days", &days),
            ("note", &note),
            ("note_en", &note_en),
            ("agenda", AGENDA_MARKER),
        ],
    );
    let items: Vec<String> = agenda.iter().map(|item| clean(item)).collect();
    let text_list: String = items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {item}\n", i + 1))
        .collect();
    let html_list = format!(
        "<ol>{}</ol>",
        items
            .iter()
            .map(|item| format!("<li>{}</li>", escape_html(item)))
            .collect::<String>()
    );
    rendered.text = rendered.text.replace(AGENDA_MARKER, &text_list);
    rendered.html = rendered.html.replace(AGENDA_MARKER, &html_list);
    rendered
}

/// To the participants: the conversation is planned.
pub fn planned(mail: &RecordMail<'_>) -> Rendered {
    fill(&PLANNED, mail, &[])
}

/// To the person discussed: the concept agenda, with their link to add topics.
pub fn agenda_sent(mail: &RecordMail<'_>, agenda: &[String]) -> Rendered {
    fill(&AGENDA, mail, agenda)
}

/// To the person discussed: the concept summary awaits their approval.
pub fn summary_proposed(mail: &RecordMail<'_>) -> Rendered {
    fill(&PROPOSED, mail, &[])
}

/// To a reader: the approved record was shared with them.
pub fn shared(mail: &RecordMail<'_>) -> Rendered {
    fill(&SHARED, mail, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> RecordMail<'static> {
        RecordMail {
            type_name: "Functioneringsgesprek secretaris",
            type_name_en: "Performance review",
            subject_name: "Piet <Jansen>\u{E001}",
            actor: "Burgemeester (Jan de Vries)",
            starts_at: Some(1_800_000_000),
            place: "Raadhuis",
            link: "https://gesprek.example.nl/g/\u{E001}link-token\u{E001}",
            valid_days: 30,
        }
    }

    #[test]
    fn the_agenda_is_listed_escaped_in_both_languages() {
        let agenda = vec!["Terugblik <afspraken>".to_string(), "Opleiding".to_string()];
        let m = agenda_sent(&mail(), &agenda);
        assert!(m.text.contains("1. Terugblik <afspraken>\n2. Opleiding\n"));
        assert!(
            m.html
                .contains("<ol><li>Terugblik &lt;afspraken&gt;</li><li>Opleiding</li></ol>")
        );
        assert!(m.html.contains("Piet &lt;Jansen&gt;"));
        assert!(m.text.contains("Beste Piet <Jansen>,"), "{}", m.text);
        assert!(m.text.contains("Dear Piet <Jansen>,"));
        assert!(m.text.contains("30 dagen geldig") && m.text.contains("valid for 30 days"));
        assert!(!m.text.contains(AGENDA_MARKER) && !m.html.contains(AGENDA_MARKER));
        // The link's placeholder is there once per use, and no value added one.
        assert_eq!(
            m.text.matches("\u{E001}link-token\u{E001}").count(),
            m.text.matches("/g/").count()
        );
    }

    #[test]
    fn each_message_carries_the_link_and_names_the_conversation() {
        for m in [planned(&mail()), summary_proposed(&mail()), shared(&mail())] {
            assert!(
                m.text
                    .contains("https://gesprek.example.nl/g/\u{E001}link-token\u{E001}")
            );
            assert!(
                m.html
                    .contains("href=\"https://gesprek.example.nl/g/\u{E001}link-token\u{E001}\"")
            );
            assert!(m.text.contains("Burgemeester (Jan de Vries)"));
            assert!(m.subject.contains('/'), "Dutch / English: {}", m.subject);
        }
    }
}
