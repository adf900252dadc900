//! The respondent's pages as plain HTML, rendered straight to a string (maud escapes every
//! value). These pages skip Leptos' per-request render: a respondent's page is a form that the
//! server handles, and a small script of its own only enhances it (`enhance.js`, inlined): the
//! respondent never loads the organiser app's WebAssembly. The markup, classes and texts are
//! those of the rest of the app.

use maud::{DOCTYPE, Markup, PreEscaped, html};

mod text;

use super::LinkError;
use super::pages::{Promise, RespondentPage, SectionPage, SummaryPage, Welcome};
use crate::domain::anonymity_promise::{PromiseFacts, Standing};
use crate::domain::calendar::format_deadline;
use crate::domain::language::Language;
use crate::i18n::*;
use crate::promise_text::promise_text;
use crate::request_language::switch_address;
use crate::site_assets::SiteAssets;
use text::Text;

/// The respondent's enhancement: save-as-you-go and in-place page changes, in plain JavaScript.
const ENHANCE_SCRIPT: &str = include_str!("enhance.js");

/// Where the stylesheet is served (the only file a respondent's page loads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    css: String,
}

impl Assets {
    /// The stylesheet's (content-hashed) address, as Leptos' own pages use it.
    pub fn new(site: &SiteAssets) -> Self {
        Assets {
            css: site.stylesheet().to_owned(),
        }
    }

    /// The page's script, inlined: without JavaScript nothing here runs and the forms post.
    fn start_script(&self) -> &'static str {
        ENHANCE_SCRIPT
    }

    /// The Content-Security-Policy source that allows exactly the start-up script
    /// (`'sha256-…'`): the same for every page, so the pages need no nonce.
    pub fn start_script_source(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.start_script().as_bytes());
        format!("'sha256-{}'", base64(&digest))
    }
}

/// Standard base64 with padding (RFC 4648), as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The whole document for `page` in `language`. `path` is the page's own path and query, for
/// the language switch's way back. Each view derives leptos_i18n's `Locale` for its
/// `td_string!` texts from the `Language` (`request_language`'s `From`).
pub fn render(
    assets: &Assets,
    language: Language,
    path: &str,
    page: &RespondentPage<'_>,
) -> String {
    let locale = Locale::from(language);
    let body = match page {
        RespondentPage::Welcome(welcome) => welcome_view(language, welcome),
        RespondentPage::Section(section) => section_view(language, section),
        RespondentPage::Summary(summary) => summary_view(language, summary),
        RespondentPage::Thanks => html! {
            h1 { (td_string!(locale, respond_thanks_title)) }
            p data-testid="thanks" { (td_string!(locale, respond_thanks)) }
        },
        RespondentPage::Unavailable(reason) => unavailable_view(language, reason),
        RespondentPage::Internal => html! {
            h1 { (td_string!(locale, respond_error_title)) }
            div.message.message-error role="alert" { p { (td_string!(locale, error_internal)) } }
        },
    };
    document(assets, language, path, body).into_string()
}

fn document(assets: &Assets, language: Language, path: &str, main: Markup) -> Markup {
    let locale = Locale::from(language);
    let (lang, other) = (language.code(), language.other().code());
    let switch = switch_address(language.other(), path);
    // Allowed by its hash in the Content-Security-Policy (`Assets::start_script_source`).
    let start = assets.start_script();
    html! {
        (DOCTYPE)
        html lang=(lang) dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (td_string!(locale, respond_title)) }
                link rel="stylesheet" href=(assets.css);
                link rel="icon" href="data:,";
                script type="module" { (PreEscaped(start)) }
            }
            body {
                a.skip-link href="#main" { (td_string!(locale, skip_to_content)) }
                header.site-header {
                    div.site-header-inner {
                        a.brand href="/" { (td_string!(locale, app_name)) }
                        a.language-switch href=(switch) hreflang=(other)
                            title=(td_string!(locale, switch_to_other_language_hint)) {
                            (td_string!(locale, switch_to_other_language))
                        }
                    }
                }
                main #main .content tabindex="-1" { (main) }
                footer.site-footer { p { (td_string!(locale, tagline)) } }
            }
        }
    }
}

fn unavailable_view(language: Language, reason: &LinkError) -> Markup {
    let locale = Locale::from(language);
    match reason {
        LinkError::NotValid => html! {
            h1 { (td_string!(locale, respond_invalid_title)) }
            p data-testid="link-invalid" { (td_string!(locale, respond_invalid)) }
        },
        LinkError::Closed { subject_name, .. } => html! {
            h1 { (td_string!(locale, respond_closed_title)) }
            p { (td_string!(locale, respond_closed, subject_name)) }
        },
        LinkError::Submitted { subject_name, .. } => html! {
            h1 { (td_string!(locale, respond_submitted_title)) }
            p { (td_string!(locale, respond_submitted, subject_name)) }
        },
    }
}

fn welcome_view(language: Language, w: &Welcome) -> Markup {
    let locale = Locale::from(language);
    let group = language.pick(&w.group_nl, &w.group_en);
    // The same words as the invitation email (`domain::anonymity_promise`).
    let (standing, k) = match w.promise {
        Promise::OwnRating => (Standing::OwnRating, 0),
        Promise::Identifiable { k } => (Standing::Identifiable, k),
        Promise::Anonymous { k } => (Standing::Anonymous, k),
    };
    let promise = promise_text(
        language,
        &PromiseFacts {
            standing,
            k,
            person_status: w.person_status,
        },
    );
    let token = &w.token;
    let (start_href, start_label) = match (w.resume_at, w.started) {
        (Some(at), false) => (
            format!("/s/{token}/q/{at}"),
            td_string!(locale, respond_start).to_string(),
        ),
        (Some(at), true) => (
            format!("/s/{token}/q/{at}"),
            td_string!(locale, respond_resume).to_string(),
        ),
        (None, _) => (
            format!("/s/{token}/overzicht"),
            td_string!(locale, respond_to_summary).to_string(),
        ),
    };
    let paragraphs = paragraphs(&w.introduction);
    let date = format_deadline(w.deadline, language);
    let count = w.competencies;
    html! {
        h1 {
            @if w.promise == Promise::OwnRating {
                (td_string!(locale, respond_welcome_self))
            } @else {
                (td_string!(locale, respond_welcome, subject = &w.subject_name))
            }
        }
        @if !w.subject_job_title.is_empty() { p.lead { (w.subject_job_title) } }
        @if !w.introduction.trim().is_empty() {
            section.card aria-labelledby="respond-intro" {
                h2 #respond-intro { (td_string!(locale, respond_intro_from, organiser = &w.organiser)) }
                // Each value escaped by maud; the organiser's line breaks become `<br>`.
                @for lines in &paragraphs {
                    p { @for (i, line) in lines.iter().enumerate() { @if i > 0 { br; } (line) } }
                }
            }
        }
        section.card aria-labelledby="respond-facts" {
            h2 #respond-facts { (td_string!(locale, respond_facts)) }
            ul {
                li { (td_string!(locale, respond_deadline, date)) }
                li { (td_string!(locale, respond_duration, count)) }
                li { (td_string!(locale, respond_group, group)) }
                li { (td_string!(locale, respond_drafts)) }
            }
            p data-testid="anonymity-promise" {
                strong { (td_string!(locale, respond_anonymity)) } " " (promise)
            }
        }
        p { a.button.button-primary href=(start_href) { (start_label) } }
    }
}

/// The organiser's text as paragraphs (a blank line starts one) of lines (a line break
/// within a paragraph is kept), without surrounding blanks. Escaping is the caller's (maud).
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut all = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                all.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    all
}

/// The five points of the rating scale and "cannot judge", as form values and labels.
fn scale(language: Language) -> [(&'static str, &'static str); 6] {
    let locale = Locale::from(language);
    [
        ("1", td_string!(locale, rating_1)),
        ("2", td_string!(locale, rating_2)),
        ("3", td_string!(locale, rating_3)),
        ("4", td_string!(locale, rating_4)),
        ("5", td_string!(locale, rating_5)),
        ("x", td_string!(locale, rating_cannot_judge)),
    ]
}

fn section_view(language: Language, page: &SectionPage<'_>) -> Markup {
    let locale = Locale::from(language);
    let labels = scale(language);
    let last = page.index + 1 == page.total;
    let (n, total) = (page.index + 1, page.total);
    let comment_id = format!("comment-{}", page.section.competency_id);
    let instruction = if page.is_self {
        td_string!(locale, respond_instruction_self)
    } else {
        td_string!(locale, respond_instruction)
    };
    html! {
        p.progress-text { (td_string!(locale, respond_progress, n, total)) }
        progress value=(n) max=(total) aria-label=(td_string!(locale, respond_progress_label)) {}
        h1 { (Text(&page.section.name)) }
        p.definition { (Text(&page.section.definition)) }
        @if !page.problems.is_empty() {
            div.message.message-error role="alert" {
                ul { @for (nl, en) in &page.problems { li { (language.pick(nl, en)) } } }
            }
        }
        @if !page.is_self {
            p.help data-testid="about-subject" {
                (td_string!(locale, respond_about_subject, subject = page.subject_name))
            }
        }
        p.help { (instruction) }
        form.respond-form method="post" action=(format!("/s/{}/q/{}", page.token, page.index))
            data-save=(page.index) {
            div.stack.questionnaire {
                @for (i, (item, chosen)) in page.section.items.iter().zip(&page.chosen).enumerate() {
                    // `format_args!`: attribute values written straight into the page, not
                    // allocated first (a dozen per statement otherwise).
                    fieldset.item {
                        legend id=(format_args!("item-{i}")) {
                            (Text(&item.text))
                            @if item.next_level { " " span.badge { (td_string!(locale, respond_next_level)) } }
                        }
                        div.scale {
                            @for (value, label) in labels {
                                span class=(if value == "x" { "choice choice-none" } else { "choice" }) {
                                    input type="radio" id=(format_args!("item-{i}-{value}"))
                                        name=(format_args!("r:{}", item.key)) value=(value)
                                        checked[chosen.as_deref() == Some(value)];
                                    label for=(format_args!("item-{i}-{value}")) { (Text(label)) }
                                }
                            }
                        }
                    }
                }
                div.field {
                    label for=(comment_id) { (td_string!(locale, respond_comment)) }
                    textarea id=(comment_id) name=(format!("c:{}", page.section.competency_id)) rows="4"
                        maxlength="4000" aria-describedby="comment-help" { (Text(&page.comment)) }
                    p #comment-help .help { (td_string!(locale, respond_comment_help)) }
                }
                // The forward button comes first, so Enter moves on; the layout shows it on the right.
                div.actions.actions-nav {
                    button.button-primary type="submit" name="action" value="next" {
                        @if last { (td_string!(locale, respond_to_summary)) } @else { (td_string!(locale, respond_next)) }
                    }
                    @if page.index > 0 {
                        button type="submit" name="action" value="prev" { (td_string!(locale, respond_previous)) }
                    }
                    span.saved role="status" aria-live="polite" data-saved-text=(td_string!(locale, respond_saved)) {}
                }
            }
        }
    }
}

fn summary_view(language: Language, s: &SummaryPage) -> Markup {
    let locale = Locale::from(language);
    let token = &s.token;
    let (answered, total) = (s.answered, s.total_items);
    html! {
        h1 { (td_string!(locale, respond_summary_title)) }
        p data-testid="answered" { (td_string!(locale, respond_answered, answered, total)) }
        @if s.unanswered.is_empty() {
            p { (td_string!(locale, respond_all_answered)) }
        } @else {
            section.card aria-labelledby="unanswered" {
                h2 #unanswered { (td_string!(locale, respond_unanswered_title)) }
                p.help { (td_string!(locale, respond_unanswered_help)) }
                ul data-testid="unanswered" {
                    @for u in &s.unanswered {
                        @let count = u.count;
                        li {
                            a href=(format!("/s/{token}/q/{}", u.index)) { (u.name) }
                            ": " (td_string!(locale, respond_unanswered_count, count))
                        }
                    }
                }
            }
        }
        form.respond-form method="post" action=(format!("/s/{token}/versturen")) {
            p { (td_string!(locale, respond_submit_help)) }
            div.actions.actions-nav {
                button.button-primary type="submit" { (td_string!(locale, respond_submit)) }
                a href=(format!("/s/{token}/q/{}", s.sections.saturating_sub(1))) { (td_string!(locale, respond_previous)) }
            }
        }
    }
}

#[cfg(test)]
mod tests;
