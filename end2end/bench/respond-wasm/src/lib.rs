//! The respondent's enhancement (`app/src/respond/enhance.js`) as a WebAssembly module of its
//! own, for measurement only (issue 23): every answer is saved as it is given, and the forms and
//! links move between the pages without a full reload (the server's own HTML of the next page
//! replaces the body, the address follows, focus goes to the new heading). The logic is that of
//! `enhance.js`, step for step; it started from the Rust version the app had before the
//! JavaScript (`app/src/enhance.rs` at `bd4a5d5`), without Leptos and its server function.

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    DomParser, Element, Event, EventTarget, FormData, HtmlAnchorElement, HtmlButtonElement,
    HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement, MouseEvent, RequestInit,
    Response, SubmitEvent, SupportedType, UrlSearchParams,
};

#[wasm_bindgen]
extern "C" {
    /// The browser's own submit, `HTMLFormElement.prototype.submit.call(form)`: web-sys calls
    /// `form.submit()` by name, and a control named "submit" would shadow that.
    #[wasm_bindgen(js_namespace = ["HTMLFormElement", "prototype", "submit"], js_name = call)]
    fn plain_submit(form: &HtmlFormElement);
}

/// Runs as soon as the module is instantiated (the glue's `init` calls it).
#[wasm_bindgen(start)]
fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    // On the document itself, so the listeners survive each swapped-in body; in the same order
    // as enhance.js.
    listen(&document, "change", on_change);
    listen(&document, "submit", on_submit);
    listen(&document, "click", on_click);
    listen(&window, "popstate", |_| {
        if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
            load_or_reload(href, false);
        }
    });
}

fn listen(target: &EventTarget, name: &str, handler: fn(Event)) {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    // Lives as long as the page does.
    closure.forget();
}

/// The personal link's token of the page (`/s/{token}/…`).
fn token() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let mut parts = path.split('/').skip(1);
    if parts.next()? != "s" {
        return None;
    }
    parts.next().filter(|t| !t.is_empty()).map(str::to_owned)
}

/// A rating or comment changed: save it, and say so in the form's status line.
fn on_change(event: Event) {
    let Some(target) = event.target() else { return };
    let (field, value, form) = if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        (input.name(), input.value(), input.form())
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        (area.name(), area.value(), area.form())
    } else {
        return;
    };
    let Some(form) = form else { return };
    let index = form.get_attribute("data-save").unwrap_or_default();
    // enhance.js: /^\d+$/.
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let Some(link) = token() else { return };
    let status = form.query_selector(".saved").ok().flatten();
    if let Some(status) = &status {
        status.set_text_content(Some(""));
    }
    let Ok(body) = UrlSearchParams::new() else {
        return;
    };
    body.append("token", &link);
    body.append("index", &index);
    body.append("field", &field);
    body.append("value", &value);
    spawn_local(async move {
        // Errors (offline, a refused save) leave the status line empty, as in enhance.js.
        if let (Ok(true), Some(status)) = (save(&body).await, status) {
            status.set_text_content(status.get_attribute("data-saved-text").as_deref());
        }
    });
}

/// Posts one answer; true when the server answers `true`.
async fn save(body: &UrlSearchParams) -> Result<bool, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let response: Response =
        JsFuture::from(window.fetch_with_str_and_init("/api/respond/save", &init))
            .await?
            .dyn_into()?;
    if !response.ok() {
        return Ok(false);
    }
    Ok(JsFuture::from(response.json()?).await?.as_bool() == Some(true))
}

/// A respondent's form is posted in the background; the page it leads to is swapped in.
fn on_submit(event: Event) {
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    if !form.class_list().contains("respond-form") {
        return;
    }
    event.prevent_default();
    // One post at a time: a second press while the first is under way does nothing.
    if form.get_attribute("aria-busy").as_deref() == Some("true") {
        return;
    }
    let Ok(data) = FormData::new_with_form(&form) else {
        return;
    };
    let button = event
        .dyn_ref::<SubmitEvent>()
        .and_then(SubmitEvent::submitter)
        .and_then(|s| s.dyn_into::<HtmlButtonElement>().ok());
    if let Some(button) = button.filter(|b| !b.name().is_empty()) {
        let _ = data.append_with_str(&button.name(), &button.value());
    }
    // The attribute, not `form.action()`: the form's own button is named "action", and a named
    // control shadows the form's property of that name.
    let Some(url) = form
        .get_attribute("action")
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
    else {
        return;
    };
    let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    let _ = form.set_attribute("aria-busy", "true");
    spawn_local(async move {
        if swap_in(&url, Some(&body), true).await.is_err() {
            // Let the browser post it the plain way instead.
            let _ = form.remove_attribute("aria-busy");
            plain_submit(&form);
        }
    });
}

/// A plain click on a link to another of the respondent's pages.
fn on_click(event: Event) {
    let Some(click) = event.dyn_ref::<MouseEvent>() else {
        return;
    };
    if event.default_prevented() || click.button() != 0 {
        return;
    }
    if click.ctrl_key() || click.meta_key() || click.shift_key() || click.alt_key() {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    // In-page anchors (the skip link), other sites, new windows and the language switch (which
    // sets a cookie) keep their usual behaviour.
    let own = link.get_attribute("href").unwrap_or_default();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    if !own.starts_with("/s/")
        || origin.as_deref() != Some(&link.origin())
        || !link.target().is_empty()
    {
        return;
    }
    event.prevent_default();
    load_or_reload(link.href(), true);
}

fn load_or_reload(href: String, push: bool) {
    spawn_local(async move {
        if swap_in(&href, None, push).await.is_err()
            && let Some(window) = web_sys::window()
        {
            let _ = window.location().assign(&href);
        }
    });
}

/// Fetches `url` (a post when there is a body) and puts the page it answers in place of the
/// current one; fails when the answer is not one of the respondent's pages.
async fn swap_in(url: &str, body: Option<&UrlSearchParams>, push: bool) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let init = RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        init.set_body(body);
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let content_type = response.headers().get("content-type")?.unwrap_or_default();
    if !content_type.starts_with("text/html") {
        return Err(JsValue::NULL);
    }
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let next = DomParser::new()?.parse_from_string(&text, SupportedType::TextHtml)?;
    let (Some(body_now), Some(body_next)) = (document.body(), next.body()) else {
        return Err(JsValue::NULL);
    };
    if next.get_element_by_id("main").is_none() {
        return Err(JsValue::NULL);
    }
    document.set_title(&next.title());
    if let (Some(root), Some(lang)) = (
        document.document_element(),
        next.document_element()
            .and_then(|e| e.get_attribute("lang")),
    ) {
        root.set_attribute("lang", &lang)?;
    }
    body_now.set_inner_html(&body_next.inner_html());
    // The address follows a link or a redirect; a post answered in place keeps the address.
    if push && (body.is_none() || response.redirected()) {
        window
            .history()?
            .push_state_with_url(&JsValue::NULL, "", Some(&response.url()))?;
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    // Screen readers announce the new page from its heading; keyboard users continue from there.
    if let Some(heading) = document
        .query_selector("main h1")?
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
    {
        heading.set_tab_index(-1);
        heading.focus()?;
    }
    Ok(())
}
