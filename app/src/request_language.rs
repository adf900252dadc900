//! Which language a request gets, the same rule for every page and API answer the server
//! writes itself: the language cookie if it names one, else the best match of the browser's
//! `Accept-Language` (weights honoured), else Dutch. The answer is the domain's [`Language`];
//! here too is the one pair of conversions between it and leptos_i18n's [`Locale`], which only
//! the view layer (the `t!` macros, `I18nContext<Locale>`) needs.

use crate::domain::language::Language;
use crate::i18n::Locale;

impl From<Locale> for Language {
    fn from(locale: Locale) -> Language {
        match locale {
            Locale::nl => Language::Nl,
            Locale::en => Language::En,
        }
    }
}

impl From<Language> for Locale {
    fn from(language: Language) -> Locale {
        match language {
            Language::Nl => Locale::nl,
            Language::En => Locale::en,
        }
    }
}

/// The address of the language switch: it sets the language cookie to `to` and sends the
/// browser back to `next` (a path with its query). A plain link, so it works without
/// JavaScript, on the organiser's pages and the respondent's alike.
pub fn switch_address(to: Language, next: &str) -> String {
    format!(
        "/language?to={}&next={}",
        to.code(),
        encode_query_value(next)
    )
}

/// A page's address from its path and its query, as the language switch returns to it. The
/// router's `search` has no leading `?` when the page is rendered on the server (a browser's
/// `location.search` has one), so it is put back here exactly once.
pub fn page_address(path: &str, search: &str) -> String {
    match search.trim_start_matches('?') {
        "" => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and `/` pass through).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The language of a request with these headers: the one rule every door applies (pages,
/// server functions, respondent pages, report files, the API's problem documents, the refusal
/// of a cross-site write).
#[cfg(feature = "ssr")]
pub fn of_request(headers: &axum::http::HeaderMap) -> Language {
    language_from(
        crate::state::cookie_value(headers, crate::state::LOCALE_COOKIE).as_deref(),
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The language of a respondent's page: the language switch's cookie if the respondent chose
/// one, else the scan's own language (`scan`, when the page belongs to a known scan), else the
/// browser's. A scan in English opens in English in a Dutch browser: the organiser chose the
/// language for the people they invite.
#[cfg(feature = "ssr")]
pub fn of_respondent_request(headers: &axum::http::HeaderMap, scan: Option<Language>) -> Language {
    respondent_language_from(
        crate::state::cookie_value(headers, crate::state::LOCALE_COOKIE).as_deref(),
        scan,
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// [`of_respondent_request`] without the headers.
pub fn respondent_language_from(
    cookie: Option<&str>,
    scan: Option<Language>,
    accept_language: Option<&str>,
) -> Language {
    match (cookie.and_then(Language::parse), scan) {
        (Some(chosen), _) => chosen,
        (None, Some(scan)) => scan,
        (None, None) => language_from(None, accept_language),
    }
}

/// The language of a request: the language cookie if it names one, else the best match of
/// the browser's `Accept-Language`, else Dutch. Doors call [`of_request`].
pub fn language_from(cookie: Option<&str>, accept_language: Option<&str>) -> Language {
    match cookie {
        Some("nl") => return Language::Nl,
        Some("en") => return Language::En,
        _ => {}
    }
    let Some(header) = accept_language else {
        return Language::Nl;
    };
    // Highest quality first; equal qualities keep their order.
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (!tag.is_empty() && quality > 0.0).then_some((tag, quality))
        })
        .collect();
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    let tags: Vec<&str> = tags.into_iter().map(|(tag, _)| tag).collect();
    if tags.is_empty() {
        Language::Nl
    } else {
        <Locale as leptos_i18n::Locale>::find_locale(&tags).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_comes_back_to_the_page_with_its_query_encoded() {
        assert_eq!(
            switch_address(Language::En, "/admin/users?x=1&y=é"),
            "/language?to=en&next=/admin/users%3Fx%3D1%26y%3D%C3%A9"
        );
    }

    #[test]
    fn the_page_address_keeps_the_query_behind_one_question_mark() {
        assert_eq!(
            page_address("/admin/frameworks", "report=ab12"),
            "/admin/frameworks?report=ab12"
        );
        assert_eq!(
            page_address("/admin/frameworks", "?report=ab12"),
            "/admin/frameworks?report=ab12"
        );
        assert_eq!(page_address("/scans", ""), "/scans");
    }

    #[test]
    fn the_language_is_the_cookie_then_the_browser_then_dutch() {
        assert_eq!(language_from(Some("en"), Some("nl")), Language::En);
        assert_eq!(language_from(Some("nl"), Some("en-GB")), Language::Nl);
        assert_eq!(
            language_from(Some("fr"), Some("en-GB,en;q=0.9")),
            Language::En
        );
        assert_eq!(
            language_from(None, Some("de;q=0.9,en;q=0.8,nl;q=0.95")),
            Language::Nl
        );
        assert_eq!(language_from(None, Some("fr-FR, en;q=0.5")), Language::En);
        assert_eq!(language_from(None, Some("en;q=0")), Language::Nl);
        assert_eq!(language_from(None, Some(";;,q=x")), Language::Nl);
        assert_eq!(language_from(None, None), Language::Nl);
    }

    #[test]
    fn a_respondent_page_takes_the_switch_then_the_scan_then_the_browser() {
        let (en, nl) = (Some(Language::En), Some(Language::Nl));
        assert_eq!(respondent_language_from(None, en, Some("nl")), Language::En);
        assert_eq!(respondent_language_from(None, nl, Some("en")), Language::Nl);
        assert_eq!(
            respondent_language_from(Some("nl"), en, Some("en")),
            Language::Nl
        );
        assert_eq!(respondent_language_from(Some("en"), nl, None), Language::En);
        assert_eq!(
            respondent_language_from(Some("fr"), en, Some("nl")),
            Language::En
        );
        assert_eq!(
            respondent_language_from(None, None, Some("en")),
            Language::En
        );
        assert_eq!(respondent_language_from(None, None, None), Language::Nl);
    }

    #[test]
    fn language_and_locale_convert_both_ways() {
        for language in [Language::Nl, Language::En] {
            assert_eq!(Language::from(Locale::from(language)), language);
        }
        assert_eq!(Locale::from(Language::En), Locale::en);
        assert_eq!(Language::from(Locale::nl), Language::Nl);
    }
}
