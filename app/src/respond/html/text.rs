//! Text for the respondent's pages, escaped exactly as maud's `(value)` escapes (`&`, `<`, `>`,
//! `"`), but copied in runs between those characters instead of byte by byte: a questionnaire
//! page is mostly statements and scale labels, and escaping them was the largest single cost of
//! rendering it.

use maud::Render;

pub struct Text<'a>(pub &'a str);

impl Render for Text<'_> {
    fn render_to(&self, out: &mut String) {
        let mut rest = self.0;
        while let Some(at) = rest
            .bytes()
            .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"'))
        {
            out.push_str(&rest[..at]);
            out.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            });
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn maud_escaped(s: &str) -> String {
        let mut out = String::new();
        s.render_to(&mut out);
        out
    }

    fn text_escaped(s: &str) -> String {
        let mut out = String::new();
        Text(s).render_to(&mut out);
        out
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            text_escaped(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; 'b'&lt;/script&gt;"
        );
        assert_eq!(text_escaped(""), "");
        assert_eq!(text_escaped("Je luistert"), "Je luistert");
        assert_eq!(text_escaped("&&"), "&amp;&amp;");
    }

    proptest! {
        #[test]
        fn same_output_as_maud(s in "(?s).{0,200}", special in "[&<>\"a-zë]{0,40}") {
            prop_assert_eq!(text_escaped(&s), maud_escaped(&s));
            prop_assert_eq!(text_escaped(&special), maud_escaped(&special));
        }
    }
}
