//! Finding a rater group by what an organiser typed: its id, its Dutch or English label, or a
//! part of the label, in any case and with accents and apostrophes tolerated.

use crate::domain::catalog::fold;
use crate::domain::scan::RaterGroup;

/// Normalises a group name for matching: folded case and accents, no apostrophes or dots,
/// single spaces, so `Collega’s`, `collegas` and `COLLEGA'S` are one group.
pub(super) fn group_key(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !matches!(c, '\'' | '.'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Other ways to name a group: the label without its explanation in brackets, the explanation
/// itself, and each half of a label with a slash ("Fractievoorzitter / partijbestuur").
fn group_aliases(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (short, rest) = match label.split_once('(') {
        Some((short, rest)) => (short, Some(rest.trim_end_matches(')'))),
        None => (label, None),
    };
    out.push(group_key(short));
    out.extend(rest.map(group_key));
    out.extend(short.split('/').map(group_key));
    out.retain(|k| !k.is_empty());
    out
}

/// Finds a group by id or label (see [`group_key`]); exact ids and labels win over aliases.
pub fn find_group<'a>(groups: &'a [RaterGroup], text: &str) -> Option<&'a RaterGroup> {
    let key = group_key(text);
    if key.is_empty() {
        return None;
    }
    groups
        .iter()
        .find(|g| {
            [&g.id, &g.label_nl, &g.label_en]
                .iter()
                .any(|name| group_key(name) == key)
        })
        .or_else(|| {
            groups.iter().find(|g| {
                group_aliases(&g.label_nl)
                    .into_iter()
                    .chain(group_aliases(&g.label_en))
                    .any(|alias| alias == key)
            })
        })
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::default_groups;

    #[test]
    fn groups_by_id_or_label_in_any_case_and_accents() {
        let groups = default_groups("gemeentesecretaris");
        let cases = [
            ("STAFF", "staff"),
            ("Medewerkers", "staff"),
            ("collegas", "colleagues"),
            ("Collega’s (MT)", "colleagues"),
            ("COLLEGA'S", "colleagues"),
            ("Colleagues (management team)", "colleagues"),
            ("Collégá's", "colleagues"),
            ("college", "board"),
            ("burgemeester en wethouders", "board"),
            ("Board", "board"),
            ("informanten", "others"),
            ("extern", "others"),
            ("  others ", "others"),
            ("zelf", "self"),
        ];
        for (given, id) in cases {
            assert_eq!(
                find_group(&groups, given).map(|g| g.id.as_str()),
                Some(id),
                "{given:?}"
            );
        }
        assert_eq!(find_group(&groups, "leidinggevende"), None);
        assert_eq!(find_group(&groups, ""), None);
        let raadslid = default_groups("raadslid");
        assert_eq!(find_group(&raadslid, "partijbestuur").unwrap().id, "board");
        assert_eq!(find_group(&raadslid, "fractie").unwrap().id, "colleagues");
    }
}
