//! OpenAPI links: which operations can follow a successful response, and the values they take
//! from it — the scan's id (from the body, or from the request's path), its `ETag` for an
//! update, an invitation's id from the invitation list, a framework's id from the catalog. A
//! client can discover the API by them; the fuzz test's stateful phase (schemathesis,
//! `.ci/test.sh`) follows them, so it drives real scans from creation through invitations,
//! opening, closing and release to the report instead of guessing ids.

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::link::{Link, LinkBuilder};
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

/// An operation: name of the link that leads to it, method, path, success status.
pub(super) type Op = (&'static str, &'static str, &'static str, &'static str);

/// Every operation on one scan, by its id alone: each can follow each other.
const ON_A_SCAN: [Op; 14] = [
    ("GetScan", "get", "/api/v1/scans/{id}", "200"),
    ("UpdateScan", "put", "/api/v1/scans/{id}", "200"),
    ("DeleteScan", "delete", "/api/v1/scans/{id}", "204"),
    ("OpenScan", "post", "/api/v1/scans/{id}/open", "200"),
    ("RemindScan", "post", "/api/v1/scans/{id}/remind", "200"),
    ("CloseScan", "post", "/api/v1/scans/{id}/close", "200"),
    ("ReopenScan", "post", "/api/v1/scans/{id}/reopen", "200"),
    ("ScanProgress", "get", "/api/v1/scans/{id}/progress", "200"),
    (
        "ListInvitations",
        "get",
        "/api/v1/scans/{id}/invitations",
        "200",
    ),
    (
        "AddInvitations",
        "post",
        "/api/v1/scans/{id}/invitations",
        "201",
    ),
    ("GetReport", "get", "/api/v1/scans/{id}/report", "200"),
    (
        "GetReportCsv",
        "get",
        "/api/v1/scans/{id}/report.csv",
        "200",
    ),
    (
        "GetReportChart",
        "get",
        "/api/v1/scans/{id}/report/charts/{chart}",
        "200",
    ),
    ("ReleaseReport", "post", "/api/v1/scans/{id}/release", "204"),
];

const CREATE_SCAN: Op = ("CreateScan", "post", "/api/v1/scans", "201");
const LIST_SCANS: Op = ("ListScans", "get", "/api/v1/scans", "200");

/// Operations on one invitation of a scan (id and invitation id).
const ON_AN_INVITATION: [Op; 2] = [
    (
        "RevokeInvitation",
        "post",
        "/api/v1/scans/{id}/invitations/{invitation}/revoke",
        "204",
    ),
    (
        "ResendInvitation",
        "post",
        "/api/v1/scans/{id}/invitations/{invitation}/resend",
        "204",
    ),
];

/// A framework in the catalog, by its id.
const ON_A_FRAMEWORK: [Op; 2] = [
    ("GetFramework", "get", "/api/v1/frameworks/{id}", "200"),
    (
        "ExportFramework",
        "get",
        "/api/v1/frameworks/{id}/export",
        "200",
    ),
];

/// Where a framework's id comes from: the list (its first item) and an import (both outcomes).
const FRAMEWORK_SOURCES: [(Op, &str); 3] = [
    (
        ("ListFrameworks", "get", "/api/v1/frameworks", "200"),
        "$response.body#/items/0/id",
    ),
    (
        ("ImportFramework", "post", "/api/v1/frameworks", "201"),
        "$response.body#/id",
    ),
    (
        ("ImportFramework", "post", "/api/v1/frameworks", "200"),
        "$response.body#/id",
    ),
];

/// A conversation type, by its id: from the list (its first item) and an import (both outcomes).
const GET_CONVERSATION_TYPE: Op = (
    "GetConversationType",
    "get",
    "/api/v1/conversation-types/{id}",
    "200",
);
const CONVERSATION_TYPE_SOURCES: [(Op, &str); 3] = [
    (
        (
            "ListConversationTypes",
            "get",
            "/api/v1/conversation-types",
            "200",
        ),
        "$response.body#/items/0/id",
    ),
    (
        (
            "ImportConversationType",
            "post",
            "/api/v1/conversation-types",
            "201",
        ),
        "$response.body#/id",
    ),
    (
        (
            "ImportConversationType",
            "post",
            "/api/v1/conversation-types",
            "200",
        ),
        "$response.body#/id",
    ),
];

/// Operations whose success body is the scan itself (`ScanOutput`, with its `ETag`).
fn answers_the_scan(op: &Op) -> bool {
    matches!(op.0, "CreateScan" | "GetScan" | "UpdateScan" | "ReopenScan")
}

/// A link to `op`, by `operationRef`: `#/paths/~1api~1v1~1scans~1{id}/get`, a JSON pointer into
/// this document (RFC 6901: `/` is `~1`). Operation ids would not do: utoipa names an operation
/// after its handler, and four handlers are called `get`.
///
/// utoipa 5.5 serialises `Link::operation_ref` as `operation_ref`, a name no client reads, so
/// the reference goes in under its OpenAPI name through the extensions map (written as is).
pub(super) fn link_to(op: &Op) -> LinkBuilder {
    let reference = format!(
        "#/paths/{}/{}",
        op.2.replace('~', "~0").replace('/', "~1"),
        op.1
    );
    LinkBuilder::new().extensions(Some(Extensions::from_iter([("operationRef", reference)])))
}

fn operation<'a>(document: &'a mut OpenApi, op: &Op) -> Option<&'a mut Operation> {
    let item = document.paths.paths.get_mut(op.2)?;
    match op.1 {
        "get" => item.get.as_mut(),
        "put" => item.put.as_mut(),
        "post" => item.post.as_mut(),
        "delete" => item.delete.as_mut(),
        _ => None,
    }
}

/// Adds the links to the success responses of the document's operations.
pub fn add(document: &mut OpenApi) {
    add_scan_links(document);
    for (source, id) in &FRAMEWORK_SOURCES {
        let links = ON_A_FRAMEWORK
            .iter()
            .map(|target| {
                let link = link_to(target).parameter("path.id", *id).build();
                (target.0, link)
            })
            .collect();
        insert(document, source, links);
    }
    for (source, id) in &CONVERSATION_TYPE_SOURCES {
        let link = link_to(&GET_CONVERSATION_TYPE)
            .parameter("path.id", *id)
            .build();
        insert(document, source, vec![(GET_CONVERSATION_TYPE.0, link)]);
    }
}

pub(super) fn insert(document: &mut OpenApi, source: &Op, links: Vec<(&str, Link)>) {
    let Some(operation) = operation(document, source) else {
        return;
    };
    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut(source.3) {
        for (name, link) in links {
            response.links.insert(name.to_owned(), RefOr::T(link));
        }
    }
}

fn add_scan_links(document: &mut OpenApi) {
    let mut sources: Vec<Op> = vec![CREATE_SCAN, LIST_SCANS];
    // After a deletion nothing follows.
    sources.extend(ON_A_SCAN.into_iter().filter(|op| op.0 != "DeleteScan"));
    sources.extend(ON_AN_INVITATION);
    for source in &sources {
        let id = if answers_the_scan(source) {
            "$response.body#/id"
        } else if source.0 == "ListScans" {
            // Newest first: the scan most recently created.
            "$response.body#/items/0/id"
        } else {
            "$request.path.id"
        };
        let mut links = Vec::new();
        for target in &ON_A_SCAN {
            let mut link = link_to(target).parameter("path.id", id);
            if target.0 == "UpdateScan" {
                // A conditional update needs the revision just read; only a scan answer has it.
                if !answers_the_scan(source) {
                    continue;
                }
                link = link.parameter("header.If-Match", "$response.header.ETag");
            }
            links.push((target.0, link.build()));
        }
        if source.0 == "ListInvitations" {
            for target in &ON_AN_INVITATION {
                let link = link_to(target)
                    .parameter("path.id", "$request.path.id")
                    .parameter("path.invitation", "$response.body#/items/0/id")
                    .build();
                links.push((target.0, link));
            }
        }
        insert(document, source, links);
    }
}
