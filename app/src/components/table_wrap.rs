//! The box around a table that may be wider than the screen.

use leptos::prelude::*;

/// A table's box that scrolls sideways when the table is wider than the page (phones, the
/// report's group columns). A region that scrolls must be reachable by keyboard (WCAG 2.1.1,
/// axe's `scrollable-region-focusable`), so it takes focus and is named after its table for
/// screen readers that list regions.
#[component]
pub fn TableWrap(
    /// What the table shows, e.g. "Scores per competentie".
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
