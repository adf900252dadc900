//! The organiser's standard scan, created through the real forms (posted as a browser without
//! JavaScript posts them), for the HTTP tests.

use app::state::unix_now;

use super::{TestApp, location};

pub const SCAN_FORM: &[(&str, &str)] = &[
    ("framework_id", "maastricht-2014"),
    ("framework_version", "1"),
    ("revision", ""),
    ("subject_name", "Piet Jansen"),
    ("subject_email", "piet@gemeente.nl"),
    ("subject_job_title", "Beleidsmedewerker"),
    ("profile_id", "beleidsmedewerker"),
    ("level_id", "8-10"),
    ("competency[]", "samenwerken"),
    ("competency[]", "klantgericht-werken"),
    ("competency[]", "integriteit"),
    ("competency[]", "gevoel-voor-bestuurlijke-verhouding"),
    ("competency[]", "werken-in-netwerken"),
    ("competency[]", "visie-ontwikkelen"),
    ("competency[]", "resultaatgerichtheid"),
    ("group[]", "self"),
    ("group[]", "colleagues"),
    ("group[]", "staff"),
    ("k", "3"),
    ("language", "nl"),
    ("reminder_days", ""),
];

/// The scan form with a deadline two weeks ahead and some fields replaced.
pub fn scan_form(changes: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    let deadline = app::domain::calendar::amsterdam_date(unix_now())
        .add_days(14)
        .iso();
    let mut form: Vec<(String, String)> = SCAN_FORM
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    form.extend(
        changes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    if !form.iter().any(|(k, _)| k == "deadline") {
        form.push(("deadline".into(), deadline));
    }
    form
}

pub async fn post_pairs(app: &TestApp, path: &str, form: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Posts `form` as a browser without JavaScript does to the server function at
/// `/api/<endpoint>`, from `page` (the `Referer`).
pub async fn act_pairs(
    app: &TestApp,
    endpoint: &str,
    page: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/{endpoint}", app.base))
        .header(reqwest::header::REFERER, format!("{}{page}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Posts the scan form to create a scan, from the form's page.
pub async fn post_new_scan(app: &TestApp, form: &[(String, String)]) -> reqwest::Response {
    act_pairs(app, "scans/create", NEW_SCAN_PAGE, form).await
}

/// The page of the scan form for the standard scan's framework.
pub const NEW_SCAN_PAGE: &str = "/scans/new?framework=maastricht-2014";

/// Creates the standard scan through the form; returns its id.
pub async fn create_scan(app: &TestApp) -> String {
    create_scan_from(app, &scan_form(&[])).await
}

/// Creates a scan by posting `form` to the scan form; returns its id.
pub async fn create_scan_from(app: &TestApp, form: &[(String, String)]) -> String {
    let r = post_new_scan(app, form).await;
    let to = location(&r);
    let id = to
        .strip_prefix("/scans/")
        .and_then(|rest| rest.strip_suffix("?gedaan=aangemaakt"))
        .unwrap_or_else(|| panic!("unexpected redirect {to}"))
        .to_owned();
    assert_eq!(id.len(), 32);
    id
}

/// The standard scan with `reader` named as its report's reader and `informants` (first name,
/// group; address `<name>@gemeente.nl`) each added through the form, then opened; its id and
/// where the opening redirected to.
pub async fn open_scan_read_by(
    app: &TestApp,
    reader: &str,
    informants: &[(&str, &str)],
) -> (String, String) {
    let mut form = scan_form(&[]);
    form.push(("report_readers".into(), reader.into()));
    let id = create_scan_from(app, &form).await;
    for (name, group) in informants {
        let email = format!("{name}@gemeente.nl");
        let r = app.add_informant(&id, name, &email, group).await;
        assert!(
            location(&r).contains("gedaan=toegevoegd"),
            "{}",
            location(&r)
        );
    }
    let r = app.scan_action("open", &id).await;
    (id, location(&r))
}

/// The standard scan with Anna invited as a colleague (Piet rates himself), opened through its
/// confirmation step; its id and the personal links of Anna and Piet.
pub async fn open_scan_with_anna(app: &TestApp) -> (String, String, String) {
    let id = create_scan(app).await;
    app.add_informant(&id, "Anna", "anna@gemeente.nl", "colleagues")
        .await;
    let r = app.scan_action("open", &id).await;
    assert_eq!(
        location(&r),
        format!("/scans/{id}?gedaan=geopend&aantal=2#actions")
    );
    let [anna, piet] = app
        .personal_links(["anna@gemeente.nl", "piet@gemeente.nl"])
        .await;
    (id, anna, piet)
}

pub async fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert!(r.status().is_success(), "{path}: {}", r.status());
    r.text().await.unwrap()
}

impl TestApp {
    /// Adds one informant to scan `id` through its form, as a browser without JavaScript.
    pub async fn add_informant(
        &self,
        id: &str,
        name: &str,
        email: &str,
        group: &str,
    ) -> reqwest::Response {
        self.act(
            "scans/informants/add",
            &format!("/scans/{id}"),
            &[
                ("scan_id", id),
                ("name", name),
                ("email", email),
                ("group", group),
            ],
        )
        .await
    }

    /// Posts a pasted informant list to scan `id`: `action` `preview` checks it, `save` adds it
    /// when every line is good.
    pub async fn post_informant_list(
        &self,
        id: &str,
        action: &str,
        list: &str,
    ) -> reqwest::Response {
        self.act(
            "scans/informants/list",
            &format!("/scans/{id}"),
            &[("scan_id", id), ("action", action), ("list", list)],
        )
        .await
    }
}
