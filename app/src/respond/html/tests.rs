use super::*;
use crate::domain::questionnaire::{Item, Section};
use crate::respond::pages::Unanswered;

fn assets() -> Assets {
    Assets {
        css: "/pkg/o.css".into(),
    }
}

fn section() -> Section {
    Section {
        competency_id: "samenwerken".into(),
        name: "Samenwerken".into(),
        definition: "Werkt met anderen <samen>.".into(),
        items: vec![
            Item {
                key: "samenwerken.1".into(),
                text: "Je deelt kennis.".into(),
                level_id: None,
                next_level: false,
            },
            Item {
                key: "samenwerken.2".into(),
                text: "Je bouwt netwerken.".into(),
                level_id: Some("3".into()),
                next_level: true,
            },
        ],
    }
}

fn section_page<'a>(section: &'a Section, index: usize, total: usize) -> SectionPage<'a> {
    SectionPage {
        token: "tok",
        is_self: false,
        subject_name: "Piet <b>Jansen</b>",
        language: Language::Nl,
        index,
        total,
        section,
        chosen: vec![Some("4".into()), None],
        comment: "Goed & <snel>".into(),
        problems: vec![],
    }
}

fn welcome(promise: Promise) -> Welcome {
    Welcome {
        token: "tok".into(),
        subject_name: "Piet <b>Jansen</b>".into(),
        subject_job_title: "Gemeentesecretaris".into(),
        organiser: "org@gemeente.nl".into(),
        introduction: "Eerste alinea.\n\nTweede alinea.".into(),
        deadline: 1_800_000_000,
        group_nl: "collega's".into(),
        group_en: "colleagues".into(),
        promise,
        person_status: false,
        competencies: 7,
        resume_at: Some(0),
        started: false,
        language: Language::Nl,
    }
}

fn render_nl(page: &RespondentPage) -> String {
    render(&assets(), Language::Nl, "/s/tok", page)
}

#[test]
fn every_value_is_escaped() {
    let page = render_nl(&RespondentPage::Welcome(welcome(Promise::Anonymous {
        k: 3,
    })));
    assert!(
        page.contains("Feedback over Piet &lt;b&gt;Jansen&lt;/b&gt;"),
        "{page}"
    );
    assert!(!page.contains("<b>Jansen"));
    let section = section();
    let page = render_nl(&RespondentPage::Section(section_page(&section, 0, 2)));
    assert!(page.contains("Werkt met anderen &lt;samen&gt;."));
    assert!(
        page.contains(">Goed &amp; &lt;snel&gt;</textarea>"),
        "{page}"
    );
}

#[test]
fn the_document_has_the_frame_language_and_start_up_of_the_app() {
    let page = render(
        &assets(),
        Language::En,
        "/s/tok/q/1?flash=a b",
        &RespondentPage::Thanks,
    );
    assert!(
        page.starts_with("<!DOCTYPE html><html lang=\"en\""),
        "{page}"
    );
    assert!(
        page.contains("<main class=\"content\" id=\"main\" tabindex=\"-1\">"),
        "{page}"
    );
    assert!(page.contains("href=\"#main\""));
    assert!(page.contains("href=\"/pkg/o.css\""));
    // Its own small script, inlined; never the organiser app's bundle (issue 23).
    assert!(page.contains("fetch(\"/api/respond/save\""), "{page}");
    assert!(
        !page.contains(".wasm") && !page.contains("/pkg/o.js"),
        "{page}"
    );
    // The switch goes to Dutch and comes back to this very page.
    assert!(
        page.contains("href=\"/language?to=nl&amp;next=/s/tok/q/1%3Fflash%3Da%20b\""),
        "{page}"
    );
    assert!(page.contains(">Nederlands</a>"));
    assert!(page.contains("data-testid=\"thanks\""));
}

#[test]
fn a_section_shows_its_statements_on_the_scale_with_the_answers_so_far() {
    let section = section();
    let page = render_nl(&RespondentPage::Section(section_page(&section, 0, 2)));
    assert!(page.contains("Onderdeel 1 van 2"));
    assert!(page.contains("<progress value=\"1\" max=\"2\""));
    assert_eq!(page.matches("<fieldset class=\"item\">").count(), 2);
    assert_eq!(page.matches("type=\"radio\"").count(), 12);
    // The saved answer is checked, nothing else.
    assert_eq!(page.matches(" checked").count(), 1);
    assert!(page.contains(
        "id=\"item-0-4\" name=\"r:samenwerken.1\" value=\"4\" checked><label for=\"item-0-4\">4 goed</label>"
    ), "{page}");
    assert!(page.contains("<label for=\"item-1-x\">kan ik niet beoordelen</label>"));
    // The next level is labelled; the comment is a labelled field with its limit.
    assert!(page.contains("Je bouwt netwerken. <span class=\"badge\">niveau hoger</span>"));
    assert!(
        page.contains("<label for=\"comment-samenwerken\">Toelichting (niet verplicht)</label>")
    );
    assert!(page.contains("name=\"c:samenwerken\" rows=\"4\" maxlength=\"4000\""));
    // First part: forward only, and not yet to the summary.
    assert!(page.contains("action=\"/s/tok/q/0\""));
    assert!(page.contains(">Volgende</button>"));
    assert!(!page.contains("value=\"prev\""));
    assert!(page.contains("data-saved-text=\"Opgeslagen\""));
    assert!(!page.contains("role=\"alert\""));
    // An informant is told who "de betrokkene" is (escaped); self is not.
    assert!(
        page.contains("„De betrokkene” in de uitspraken is Piet &lt;b&gt;Jansen&lt;/b&gt;."),
        "{page}"
    );
}

#[test]
fn the_last_section_leads_to_the_summary_and_problems_show_in_the_pages_language() {
    let section = section();
    let mut last = section_page(&section, 1, 2);
    last.problems = vec![(
        "staat niet op de schaal".into(),
        "is not on the scale".into(),
    )];
    last.is_self = true;
    let page = render_nl(&RespondentPage::Section(last.clone()));
    assert!(page.contains(">Naar het overzicht</button>"));
    assert!(page.contains("value=\"prev\">Vorige</button>"));
    assert!(
        page.contains("role=\"alert\"><ul><li>staat niet op de schaal</li>"),
        "{page}"
    );
    assert!(page.contains("in hoeverre die bij u past"));
    assert!(!page.contains("data-testid=\"about-subject\""));
    let page = render(&assets(), Language::En, "/", &RespondentPage::Section(last));
    assert!(page.contains("<li>is not on the scale</li>"));
    assert!(!page.contains("staat niet op de schaal"));
}

#[test]
fn the_welcome_page_promises_what_the_group_gets() {
    let anonymous = render_nl(&RespondentPage::Welcome(welcome(Promise::Anonymous {
        k: 3,
    })));
    for promised in [
        "Uw antwoorden zijn anoniem.",
        "alleen als ten minste 3 mensen uit die groep hebben geantwoord",
        "samengevoegd als ze samen ten minste 3 mensen tellen",
        "toelichtingen van ten minste 3 verschillende mensen",
        "De organisator ziet per groep hoeveel mensen hebben geantwoord, niet wie.",
        "zonder enige verwijzing naar u of uw uitnodiging",
    ] {
        assert!(anonymous.contains(promised), "{promised}: {anonymous}");
    }
    assert!(!anonymous.contains("Niemand, ook de beheerder niet"));
    assert!(
        anonymous.contains("U bent uitgenodigd in de groep: collega&#39;s.")
            || anonymous.contains("groep: collega's."),
        "{anonymous}"
    );
    let mut watched = welcome(Promise::Anonymous { k: 3 });
    watched.person_status = true;
    let watched = render_nl(&RespondentPage::Welcome(watched));
    assert!(watched.contains(
        "ziet de organisator per persoon of iemand de vragenlijst heeft ingestuurd, maar niet wat"
    ));
    assert!(!watched.contains("niet wie"));
    assert!(anonymous.contains("<p>Eerste alinea.</p><p>Tweede alinea.</p>"));
    // The organiser's line breaks stay, escaped first; blank lines make paragraphs.
    let mut typed = welcome(Promise::Anonymous { k: 3 });
    typed.introduction =
        "Beste collega,\r\nGraag uw <b>blik</b>.\r\n\r\n\r\n  Met groet,\nHR  \n\n".into();
    let typed = render_nl(&RespondentPage::Welcome(typed));
    assert!(
        typed.contains(
            "<p>Beste collega,<br>Graag uw &lt;b&gt;blik&lt;/b&gt;.</p><p>Met groet,<br>HR</p>"
        ),
        "{typed}"
    );
    let mut silent = welcome(Promise::OwnRating);
    silent.introduction = " \n \n".into();
    let silent = render_nl(&RespondentPage::Welcome(silent));
    assert!(!silent.contains("Bericht van"), "{silent}");
    assert!(anonymous.contains("Bericht van org@gemeente.nl"));
    assert!(anonymous.contains("over 7 competenties"));
    assert!(anonymous.contains("href=\"/s/tok/q/0\">Beginnen</a>"));
    let own = render_nl(&RespondentPage::Welcome(welcome(Promise::OwnRating)));
    assert!(own.contains("<h1>Uw zelfbeoordeling</h1>"));
    assert!(own.contains("niet anoniem"));
    let shown = render_nl(&RespondentPage::Welcome(welcome(Promise::Identifiable {
        k: 3,
    })));
    assert!(shown.contains("herkenbaar als antwoorden van uw groep"));
    let mut resumed = welcome(Promise::Anonymous { k: 3 });
    resumed.started = true;
    resumed.resume_at = Some(2);
    let page = render_nl(&RespondentPage::Welcome(resumed.clone()));
    assert!(page.contains("href=\"/s/tok/q/2\">Verdergaan waar u was</a>"));
    resumed.resume_at = None;
    let page = render_nl(&RespondentPage::Welcome(resumed));
    assert!(page.contains("href=\"/s/tok/overzicht\">Naar het overzicht</a>"));
    let english = render(
        &assets(),
        Language::En,
        "/",
        &RespondentPage::Welcome(welcome(Promise::Anonymous { k: 4 })),
    );
    assert!(english.contains("colleagues"), "{english}");
    assert!(english.contains("Your answers are anonymous."), "{english}");
    assert!(
        english.contains("at least 4 people in that group"),
        "{english}"
    );
    assert!(!english.contains("collega's"));
}

#[test]
fn the_summary_lists_what_is_open() {
    let summary = SummaryPage {
        token: "tok".into(),
        language: Language::Nl,
        total_items: 10,
        answered: 7,
        sections: 3,
        unanswered: vec![Unanswered {
            index: 1,
            name: "Integriteit".into(),
            count: 3,
        }],
    };
    let page = render_nl(&RespondentPage::Summary(summary.clone()));
    assert!(page.contains("U heeft 7 van de 10 uitspraken beantwoord."));
    assert!(
        page.contains("<a href=\"/s/tok/q/1\">Integriteit</a>: 3 open"),
        "{page}"
    );
    assert!(page.contains("action=\"/s/tok/versturen\""));
    assert!(page.contains("href=\"/s/tok/q/2\">Vorige</a>"));
    let done = SummaryPage {
        answered: 10,
        unanswered: vec![],
        ..summary
    };
    let page = render_nl(&RespondentPage::Summary(done));
    assert!(page.contains("U heeft alle uitspraken beantwoord."));
    assert!(!page.contains("data-testid=\"unanswered\""));
}

#[test]
fn unknown_revoked_closed_and_submitted_links_say_why() {
    let invalid = render_nl(&RespondentPage::Unavailable(LinkError::NotValid));
    assert!(invalid.contains("<h1>Deze link werkt niet</h1>"));
    assert!(invalid.contains("data-testid=\"link-invalid\""));
    let closed = render_nl(&RespondentPage::Unavailable(LinkError::Closed {
        subject_name: "Piet".into(),
        language: Language::Nl,
    }));
    assert!(closed.contains("De scan over Piet is gesloten"));
    let submitted = render_nl(&RespondentPage::Unavailable(LinkError::Submitted {
        subject_name: "Piet".into(),
        language: Language::Nl,
    }));
    assert!(submitted.contains("<h1>Al ingevuld</h1>"));
    let internal = render_nl(&RespondentPage::Internal);
    assert!(internal.contains("Er ging aan onze kant iets mis"));
}

#[test]
fn base64_as_rfc_4648() {
    for (bytes, encoded) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"foobar", "Zm9vYmFy"),
        (&[0xfb, 0xff], "+/8="),
    ] {
        assert_eq!(base64(bytes), encoded);
    }
}

#[test]
fn the_csp_hash_allows_exactly_the_inline_start_script() {
    use sha2::{Digest, Sha256};
    let html = render(&assets(), Language::Nl, "/s/x", &RespondentPage::Thanks);
    let open = "<script type=\"module\">";
    let start = html.find(open).expect("a start-up script") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let inline = &html[start..end];
    let expected = format!("'sha256-{}'", base64(&Sha256::digest(inline.as_bytes())));
    assert_eq!(assets().start_script_source(), expected);
    assert_eq!(html.matches("<script").count(), 1, "no other inline script");
}
