//! The words of the printed report's running header and footer. The stylesheet
//! (`style/main.css`, `@media print`) places four `@page` margin boxes and fills them from the
//! custom properties `--print-top-left`, `--print-top-right`, `--print-bottom-left` and
//! `--print-bottom-right`; the report page sets them in an inline `<style>` made here, because
//! the person's name and the date differ per report and CSS cannot read them from the page.

/// The text as a CSS string literal. Every ASCII character that is not a letter, digit or space
/// is written as a hexadecimal escape, so neither a quote nor `</style>` in a name can end the
/// string or the element, and HTML escaping of the element's text has nothing to change.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            out.push(c);
        } else {
            // The space ends the escape, so a following hex digit is not read into it.
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// The words of the running header and footer in the reader's language.
pub struct RunningText<'a> {
    /// Top left: whose report.
    pub person: &'a str,
    /// Bottom left: the date of the figures.
    pub date: &'a str,
    /// Top right: "Vertrouwelijk".
    pub confidential: &'a str,
    /// Bottom right: "pagina" … "van" … around the page numbers.
    pub page: &'a str,
    pub of: &'a str,
}

/// The rule that sets the four custom properties; `counter(page)` and `counter(pages)` are left
/// for the margin box to count.
pub fn running_style(text: &RunningText<'_>) -> String {
    format!(
        ":root{{--print-top-left:{};--print-top-right:{};--print-bottom-left:{};\
         --print-bottom-right:{} counter(page) {} counter(pages);}}",
        css_string(text.person),
        css_string(text.confidential),
        css_string(text.date),
        css_string(&format!("{} ", text.page)),
        css_string(&format!(" {} ", text.of)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_css_strings() {
        assert_eq!(css_string("Piet Jansen"), "\"Piet Jansen\"");
        assert_eq!(css_string("José Ünal"), "\"José Ünal\"");
        assert_eq!(css_string("a\"b"), "\"a\\22 b\"");
        assert_eq!(css_string("O'Brien & Co"), "\"O\\27 Brien \\26  Co\"");
        let hostile = css_string("x</style><script>alert(1)</script>\\");
        assert!(
            !hostile.contains('<') && !hostile.contains('>'),
            "{hostile}"
        );
        assert_eq!(hostile.matches('"').count(), 2);
        assert!(hostile.ends_with("\\5c \""));
        assert_eq!(css_string("a\nb"), "\"a\\a b\"");
    }

    #[test]
    fn the_rule_sets_four_properties_with_the_page_counters() {
        let style = running_style(&RunningText {
            person: "Piet Jansen",
            date: "vrijdag 4 december 2026",
            confidential: "Vertrouwelijk",
            page: "pagina",
            of: "van",
        });
        assert_eq!(
            style,
            ":root{--print-top-left:\"Piet Jansen\";--print-top-right:\"Vertrouwelijk\";\
             --print-bottom-left:\"vrijdag 4 december 2026\";\
             --print-bottom-right:\"pagina \" counter(page) \" van \" counter(pages);}"
        );
    }
}
