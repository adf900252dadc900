//! A small, valid conversation type file: the example of the API's import operation, so that a
//! client (and the API fuzz test) has a body the import accepts. A unit test keeps it valid.

/// The text of a minimal conversation type (two roles, one question, four sections).
pub const EXAMPLE_TOML: &str = r#"id = "voorbeeld-gesprek"
version = 1
name = "Voorbeeldgesprek"
name_en = "Example conversation"
source = "Een voorbeeld uit de API-documentatie"
description = "Een kort gesprek tussen een leidinggevende en een medewerker."
subject_role = "medewerker"
planner_roles = ["leidinggevende"]
retention_months = 12
subject_may_change = "always"
sample_agenda = ["Terugblik op de afspraken", "Afspraken voor de komende periode"]

[[roles]]
id = "leidinggevende"
name = "Leidinggevende"
name_en = "Manager"
required = true
signs_off = true

[[roles]]
id = "medewerker"
name = "Medewerker"
name_en = "Employee"
required = true
signs_off = true

[[sections]]
id = "terugblik"
number = 1
title = "Terugblik"
kind = "look_back"

[[sections]]
id = "werk"
number = 2
title = "Werk"
prompts = ["Hoe gaat het werk?"]
notes_label = "Toelichting/opmerkingen"

[[sections]]
id = "afspraken"
number = 3
title = "Afspraken"
kind = "agreements"

[[sections]]
id = "akkoord"
number = 4
title = "Voor akkoord"
kind = "sign_off"
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::conversation_type::ConversationType;

    #[test]
    fn the_api_example_is_a_valid_type() {
        let parsed = ConversationType::from_toml("voorbeeld.toml", EXAMPLE_TOML)
            .expect("the API's example type must stay valid");
        assert_eq!(parsed.id, "voorbeeld-gesprek");
        assert_eq!(parsed.sections.len(), 4);
    }
}
