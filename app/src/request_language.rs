//! Which language a request gets, the same rule for every page and API answer the server
//! writes itself: the language cookie if it names one, else the best match of the browser's
//! `Accept-Language` (weights honoured), else Dutch.

use crate::i18n::Locale;

/// The language of a request with these headers: the one rule every door applies (pages,
/// server functions, respondent pages, report files, the API's problem documents).
#[cfg(feature = "ssr")]
pub fn of_request(headers: &axum::http::HeaderMap) -> Locale {
    locale_from(
        crate::state::cookie_value(headers, crate::state::LOCALE_COOKIE).as_deref(),
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The language of a request: the language cookie if it names one, else the best match of
/// the browser's `Accept-Language`, else Dutch.
pub fn locale_from(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    match cookie {
        Some("nl") => return Locale::nl,
        Some("en") => return Locale::en,
        _ => {}
    }
    let Some(header) = accept_language else {
        return Locale::nl;
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
        Locale::nl
    } else {
        leptos_i18n::Locale::find_locale(&tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_cookie_then_the_browser_then_dutch() {
        assert_eq!(locale_from(Some("en"), Some("nl")), Locale::en);
        assert_eq!(locale_from(Some("nl"), Some("en-GB")), Locale::nl);
        assert_eq!(locale_from(Some("fr"), Some("en-GB,en;q=0.9")), Locale::en);
        assert_eq!(
            locale_from(None, Some("de;q=0.9,en;q=0.8,nl;q=0.95")),
            Locale::nl
        );
        assert_eq!(locale_from(None, Some("fr-FR, en;q=0.5")), Locale::en);
        assert_eq!(locale_from(None, Some("en;q=0")), Locale::nl);
        assert_eq!(locale_from(None, Some(";;,q=x")), Locale::nl);
        assert_eq!(locale_from(None, None), Locale::nl);
    }
}
