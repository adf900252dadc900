//! `/cycli`: the appraisal cycles (het goede gesprek, issue 22) the signed-in account runs as
//! manager or is assessed in as employee, each with its stage and the deadline it waits on, and
//! the way to a new one; administrators also reach HR's overview.

use leptos::prelude::*;
use leptos_meta::Title;

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
        <Title text=t_string!(i18n, cycle_list_title).to_string() />
        <RequireUser children=move |_| view! { <CycleList /> } />
    }
}

#[component]
fn CycleList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| load_cycles());
    view! {
        <h1>{t!(i18n, cycle_list_heading)}</h1>
        <p>{t!(i18n, cycle_list_intro)}</p>
        <p><a class="button button-primary" href="/cycli/nieuw">{t!(i18n, cycle_new_title)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(page) => {
                        let admin = page.is_admin.then(|| view! {
                            <p><a href="/admin/cycli">{t!(i18n, cycle_list_overview_link)}</a></p>
                        });
                        let table = if page.lines.is_empty() {
                            view! { <p>{t!(i18n, cycle_list_empty)}</p> }.into_any()
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
                t_string!(i18n, cycle_role_manager).to_string()
            } else {
                t_string!(i18n, cycle_role_employee).to_string()
            };
            let deadline = line.next_deadline.map(|d| {
                let class = if d.overdue { "badge badge-overdue" } else { "" };
                let overdue = d.overdue.then(|| t_string!(i18n, cycle_list_overdue).to_string());
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
    let caption = t_string!(i18n, cycle_list_caption).to_string();
    view! {
        <TableWrap label=caption.clone()>
            <table data-testid="cycles">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, cycle_list_employee)}</th>
                        <th scope="col">{t!(i18n, cycle_department)}</th>
                        <th scope="col">{t!(i18n, cycle_kind)}</th>
                        <th scope="col">{t!(i18n, cycle_you_are)}</th>
                        <th scope="col">{t!(i18n, cycle_stage)}</th>
                        <th scope="col">{t!(i18n, cycle_list_next_deadline)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </TableWrap>
    }
}
