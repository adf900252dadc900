//! A readable page for the OpenAPI document, rendered on the server from the document itself
//! (no script or stylesheet from elsewhere, so it works on a closed network).

use utoipa::openapi::OpenApi;
use utoipa::openapi::path::Operation;

use app::email::templates::escape_html;

fn operations(document: &OpenApi) -> Vec<(String, &'static str, &Operation)> {
    let mut list = Vec::new();
    for (path, item) in &document.paths.paths {
        let methods: [(&'static str, &Option<Operation>); 5] = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                list.push((path.clone(), method, operation));
            }
        }
    }
    list
}

/// The HTML page.
pub fn render(document: &OpenApi) -> String {
    let mut body = String::new();
    for (path, method, operation) in operations(document) {
        let summary = operation.summary.clone().unwrap_or_default();
        let description = operation.description.clone().unwrap_or_default();
        let params = operation
            .parameters
            .iter()
            .flatten()
            .map(|p| format!("<code>{}</code>", escape_html(&p.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let statuses = operation
            .responses
            .responses
            .keys()
            .map(|s| escape_html(s))
            .collect::<Vec<_>>()
            .join(", ");
        body.push_str(&format!(
            "<section><h2><code>{method} {}</code></h2><p>{}</p>{}<p>Parameters: {}</p>\
             <p>Responses: {statuses}</p></section>\n",
            escape_html(&path),
            escape_html(&summary),
            if description.is_empty() {
                String::new()
            } else {
                format!("<p>{}</p>", escape_html(&description))
            },
            if params.is_empty() {
                "—".to_owned()
            } else {
                params
            },
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;\
         line-height:1.5;color:#1b1f24}}code{{font-family:ui-monospace,monospace}}\
         section{{border-top:1px solid #c9d1db;padding-top:0.5rem}}h2{{font-size:1.1rem}}</style>\
         </head><body><h1>{title}</h1><p>{description}</p>\
         <p>Machine-readable: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>\n\
         {body}</body></html>",
        title = escape_html(&document.info.title),
        description = escape_html(document.info.description.as_deref().unwrap_or("")),
    )
}
