//! `/cycli`: the appraisal cycles (het goede gesprek, issue 22) the signed-in account runs as
//! manager or is assessed in as employee, each with its stage and the deadline it waits on, and
//! the way to a new one; administrators also reach HR's overview.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::localized::pick;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::appraisal::view::CycleListLine;
use crate::i18n::*;
use crate::pages::cycle::feedback::CycleErrorMessage;
use crate::server_fns::cycles::load_cycles;

#[component]
pub fn CyclesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=pick(i18n, "Gesprekscyclus", "Appraisal cycles") />
        <RequireUser children=move |_| view! { <CycleList /> } />
    }
}

#[component]
fn CycleList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| load_cycles());
    view! {
        <h1>{pick(i18n, "Gesprekscyclus: het goede gesprek", "Appraisal cycle: het goede gesprek")}</h1>
        <p>{pick(
            i18n,
            "Planning, voortgang en beoordeling per medewerker volgens de Regeling gesprekscyclus het goede gesprek (Maastricht).",
            "Planning, progress and assessment per employee under Maastricht's regulation 'het goede gesprek'.",
        )}</p>
        <p><a class="button button-primary" href="/cycli/nieuw">{pick(i18n, "Nieuwe cyclus", "New cycle")}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(page) => {
                        let admin = page.is_admin.then(|| view! {
                            <p><a href="/admin/cycli">{pick(i18n, "Overzicht voor HR", "Overview for HR")}</a></p>
                        });
                        let table = if page.lines.is_empty() {
                            view! { <p>{pick(i18n, "Nog geen cycli.", "No cycles yet.")}</p> }.into_any()
                        } else {
                            view! { <CycleTable lines=page.lines /> }.into_any()
                        };
                        view! { {admin} {table} }.into_any()
                    }
                    Err(error) => view! { <CycleErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CycleTable(lines: Vec<CycleListLine>) -> impl IntoView {
    let i18n = use_i18n();
    let body = lines
        .into_iter()
        .map(|line| {
            let you = if line.you == "manager" {
                pick(i18n, "leidinggevende", "manager")
            } else {
                pick(i18n, "medewerker", "employee")
            };
            let deadline = line.next_deadline.map(|d| {
                let class = if d.overdue { "badge badge-overdue" } else { "" };
                let overdue = d.overdue.then(|| pick(i18n, " (verlopen)", " (overdue)"));
                view! { <span class=class>{format!("{} — {}", d.label.pick(crate::components::localized::language(i18n)), d.by)}{overdue}</span> }
            });
            view! {
                <tr>
                    <td><a href=format!("/cycli/{}", line.id)>{line.employee_name.clone()}</a></td>
                    <td>{line.department.clone()}</td>
                    <td>{line.kind_label.pick(crate::components::localized::language(i18n)).to_string()}</td>
                    <td>{you}</td>
                    <td>{line.stage_label.pick(crate::components::localized::language(i18n)).to_string()}</td>
                    <td>{deadline}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = pick(i18n, "Cycli", "Cycles");
    view! {
        <TableWrap label=caption.clone()>
            <table data-testid="cycles">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{pick(i18n, "Medewerker", "Employee")}</th>
                        <th scope="col">{pick(i18n, "Afdeling", "Department")}</th>
                        <th scope="col">{pick(i18n, "Soort", "Kind")}</th>
                        <th scope="col">{pick(i18n, "U bent", "You are")}</th>
                        <th scope="col">{pick(i18n, "Fase", "Stage")}</th>
                        <th scope="col">{pick(i18n, "Eerstvolgende termijn", "Next deadline")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </TableWrap>
    }
}
