//! The respondent's pages once the WebAssembly has loaded: every answer is saved as it is given,
//! and the forms and links move between the pages without a full reload (the server's own HTML
//! of the next page replaces the body, the address follows, focus goes to the new heading).
//! Without it the same pages are plain forms that the server handles (`crate::respond::html`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    DomParser, Element, Event, EventTarget, FormData, HtmlAnchorElement, HtmlButtonElement,
    HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement, MouseEvent, RequestInit,
    Response, SubmitEvent, SupportedType, UrlSearchParams,
};

/// Called by the page's start-up script instead of `hydrate`.
#[wasm_bindgen]
pub fn enhance_respondent() {
    console_error_panic_hook::set_once();
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    listen(&document, "change", on_change);
    listen(&document, "submit", on_submit);
    listen(&document, "click", on_click);
    listen(&window, "popstate", |_| {
        let href = web_sys::window().and_then(|w| w.location().href().ok());
        if let Some(href) = href {
            spawn_local(async move { load_or_reload(href, None, false).await });
        }
    });
}

/// Listens on the document itself, so the listeners survive each swapped-in body.
fn listen(target: &EventTarget, name: &str, handler: fn(Event)) {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    // Lives as long as the page does.
    closure.forget();
}

/// The token of the personal link the page is on (`/s/{token}/…`).
fn current_token() -> Option<String> {
    let path = web_sys::window()?.location().pathname().ok()?;
    let mut parts = path.split('/').skip(1);
    (parts.next()? == "s").then(|| parts.next().map(str::to_owned))?
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
    let Some(index) = form
        .get_attribute("data-save")
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return;
    };
    let Some(token) = current_token() else { return };
    let status = form.query_selector(".saved").ok().flatten();
    if let Some(status) = &status {
        status.set_text_content(None);
    }
    spawn_local(async move {
        let saved = crate::server_fns::respond::save_field(token, index, field, value).await;
        if let (Ok(true), Some(status)) = (saved, status) {
            status.set_text_content(status.get_attribute("data-saved-text").as_deref());
        }
    });
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
        return form.submit().unwrap_or_default();
    };
    let submitter = event
        .dyn_ref::<SubmitEvent>()
        .and_then(SubmitEvent::submitter)
        .and_then(|s| s.dyn_into::<HtmlButtonElement>().ok());
    if let Some(button) = submitter.filter(|b| !b.name().is_empty()) {
        let _ = data.append_with_str(&button.name(), &button.value());
    }
    let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return form.submit().unwrap_or_default();
    };
    // The attribute, not `form.action()`: the form's own button is named "action", and a named
    // control shadows the form's property of that name in the DOM.
    let Some(url) = form
        .get_attribute("action")
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
    else {
        return form.submit().unwrap_or_default();
    };
    let _ = form.set_attribute("aria-busy", "true");
    spawn_local(async move {
        if swap_in(&url, Some(&body), true).await.is_err() {
            // Let the browser post it the plain way instead.
            let _ = form.remove_attribute("aria-busy");
            let _ = form.submit();
        }
    });
}

/// A plain click on a link to another of the respondent's pages.
fn on_click(event: Event) {
    let Some(click) = event.dyn_ref::<MouseEvent>() else {
        return;
    };
    if event.default_prevented()
        || click.button() != 0
        || click.ctrl_key()
        || click.meta_key()
        || click.shift_key()
        || click.alt_key()
    {
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
    let own = link.get_attribute("href").unwrap_or_default();
    let same_site = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .is_some_and(|origin| link.origin() == origin);
    // In-page anchors (the skip link), other sites, new windows and the language switch (which
    // sets a cookie) keep their usual behaviour.
    if !own.starts_with("/s/") || !same_site || !link.target().is_empty() {
        return;
    }
    event.prevent_default();
    let href = link.href();
    spawn_local(async move { load_or_reload(href, None, true).await });
}

async fn load_or_reload(href: String, body: Option<UrlSearchParams>, push: bool) {
    if swap_in(&href, body.as_ref(), push).await.is_err()
        && let Some(window) = web_sys::window()
    {
        let _ = window.location().set_href(&href);
    }
}

/// Fetches `url` (a post when there is a body), and puts the page it answers in place of the
/// current one. An error when the answer is not one of the respondent's pages.
async fn swap_in(url: &str, body: Option<&UrlSearchParams>, push: bool) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let init = RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        init.set_body_opt_url_search_params(Some(body));
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let is_html = response
        .headers()
        .get("content-type")?
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html {
        return Err("not a page".into());
    }
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let next = DomParser::new()?.parse_from_string(&text, SupportedType::TextHtml)?;
    let (Some(body_now), Some(body_next)) = (document.body(), next.body()) else {
        return Err("no body".into());
    };
    if next.get_element_by_id("main").is_none() {
        return Err("not a respondent's page".into());
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
