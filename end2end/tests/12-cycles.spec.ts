import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, admin, signIn, expectAccessible } from "./fixtures";
import { answerAll, ensureAdmin, inviteAccount, isJs, scanLink, settle, signedIn } from "./journeys";

// Issue 22: Maastricht's appraisal cycle "het goede gesprek" (seed 004). One journey, with and
// without JavaScript: a probation cycle (art. 2 lid 3) from the planning conversation to the
// second assessment, with a closed 360° scan attached (art. 6 lid 10), the concept released a
// week ahead (art. 6 lid 3), the employee signing "voor gezien" with objections (lid 11) and the
// manager setting the assessment after the objection conversation (lid 12). The manager and the
// employee are organiser accounts; the cycle is theirs alone, so the administrator gets 404 and
// HR's overview shows counts only. Runs on its own too: it makes the administrator when the
// server is fresh.

// A stranger's (the administrator's) 404 and a refused release's 422 are logged by Chromium
// with JavaScript.
test.use({ expectedConsoleErrors: [/status of (404|422)/] });

const password = "een-cyclus-lang-wachtwoord";

/** The people of one project's run: addresses of their own on each server. */
function people(js: boolean) {
  const tag = js ? "js" : "nojs";
  return {
    manager: { email: `leidinggevende.${tag}@maastricht.nl`, password },
    employee: { name: "Sanne Verhoeven", email: `s.verhoeven.${tag}@maastricht.nl`, password },
    informants: ["Ans Aerts", "Bert Bemelmans", "Cor Curfs"].map((name) => ({
      name,
      email: `${name.toLowerCase().replace(" ", ".")}.cyclus.${tag}@maastricht.nl`,
    })),
  };
}

const department = "Sociaal Domein";

/**
 * The manager's 360° scan about the employee: self and three colleagues answer (k = 3, so the
 * colleagues are shown and the gap chart has a line), then the manager closes it.
 */
async function closedScanAbout(page: Page, js: boolean, who: ReturnType<typeof people>) {
  await page.goto("/scans/new");
  await settle(page, js);
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await expect(page.getByLabel("Samenwerken", { exact: true })).toBeChecked();
  await settle(page, js);
  await page.getByLabel("Naam", { exact: true }).fill(who.employee.name);
  await page.getByLabel("E-mailadres").fill(who.employee.email);
  await page.getByLabel("Functie", { exact: true }).fill("Beleidsmedewerker Wmo");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(who.employee.name);
  await settle(page, js);
  await page
    .getByRole("textbox", { name: "Informanten" })
    .fill(who.informants.map((i) => `${i.name} <${i.email}>, collega's`).join("\n"));
  await page.getByRole("button", { name: "Controleren", exact: true }).click();
  await expect(page.getByTestId("preview")).toBeVisible();
  await page.getByRole("button", { name: "Alle informanten opslaan" }).click();
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(4);
  await page.getByRole("link", { name: /Scan openen/ }).first().click();
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open");
  const scanPath = new URL(page.url()).pathname;

  const answers: [string, string][] = [[who.employee.email, "4"], ...who.informants.map((i, n): [string, string] => [i.email, String(3 + (n % 2))])];
  for (const [email, score] of answers) {
    await expect.poll(() => scanLink(js, email), { timeout: 20_000, message: `the scan invitation to ${email}` }).toBeDefined();
    await answerAll(page, scanLink(js, email)!, score);
  }
  await page.goto(scanPath);
  await settle(page, js);
  await page.getByRole("link", { name: "Scan nu sluiten" }).click();
  await page.getByRole("button", { name: "Ja, nu sluiten" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is gesloten");
}

/** Today in Amsterdam (the server's calendar) moved by `days`, as YYYY-MM-DD. */
function day(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today in Amsterdam a year on, as YYYY-MM-DD. */
function aYearFromToday(): string {
  const [year, rest] = [Number(day(0).slice(0, 4)), day(0).slice(4)];
  return `${year + 1}${rest === "-02-29" ? "-02-28" : rest}`;
}

/**
 * "A week passes." The server reads the real clock, and art. 6 lid 3 lets the assessment
 * conversation be held only a week after the concept's release, so a test cannot wait for it:
 * it moves assessment `number`'s release back to eight days ago and its conversation day to
 * yesterday, straight in the database (ISO dates as text, the same SQL on SQLite and
 * PostgreSQL). The database is the one in the server's data directory, or DATABASE_URL_JS /
 * DATABASE_URL_NOJS when the servers use PostgreSQL.
 */
function aWeekPasses(js: boolean, cycleId: string, number: number) {
  expect(cycleId).toMatch(/^[A-Za-z0-9_-]+$/);
  const sql =
    `UPDATE appraisal_assessments SET released_on = '${day(-8)}', conversation_on = '${day(-1)}' ` +
    `WHERE cycle_id = '${cycleId}' AND number = ${number}`;
  const databaseUrl = js ? process.env.DATABASE_URL_JS : process.env.DATABASE_URL_NOJS;
  if (databaseUrl) {
    const out = execFileSync("psql", [databaseUrl, "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" });
    expect(out.trim()).toBe("UPDATE 1");
    return;
  }
  const dataDir = js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS;
  if (!dataDir) throw new Error("DATA_DIR_JS / DATA_DIR_NOJS must name the servers' data directories");
  const script =
    "import sqlite3, sys\n" +
    "db = sqlite3.connect(sys.argv[1], timeout=10)\n" +
    "changed = db.execute(sys.argv[2]).rowcount\n" +
    "db.commit()\n" +
    "print(changed)\n";
  const out = execFileSync("python3", ["-c", script, join(dataDir, "ontwikkelscan.db"), sql], { encoding: "utf8" });
  expect(out.trim()).toBe("1");
}

/** The cycle page's root: its `data-revision` is the revision the page was rendered from. */
function cycleRoot(page: Page) {
  return page.locator("article[data-testid=cycle][data-revision]");
}

/**
 * Clicks `button` and waits for the outcome the address reports (`gedaan=<command>`), the
 * "Vastgelegd." status and the cycle as it is after the command: its `data-revision` moves on.
 * With JavaScript the page loads the cycle again after the command (a form filled in before
 * that has rendered would be replaced); without it the redirect brings the new cycle.
 */
async function submit(page: Page, js: boolean, button: Locator, command: string) {
  const root = cycleRoot(page);
  const before = await root.getAttribute("data-revision");
  await button.click();
  await expect(page).toHaveURL(new RegExp(`[?&]gedaan=${command}(&|$)`));
  await expect(page.getByRole("status").filter({ hasText: "Vastgelegd." })).toBeVisible();
  await expect(root).not.toHaveAttribute("data-revision", before!);
  await settle(page, js);
}

/** Clicks `button` and expects the refusal `text`; the cycle stays as it was. */
async function refused(page: Page, js: boolean, button: Locator, text: string | RegExp) {
  const root = cycleRoot(page);
  const before = await root.getAttribute("data-revision");
  await button.click();
  // Without JavaScript the refused post comes back to the cycle with its refusal (a flash).
  if (!js) await expect(page).toHaveURL(/[?&]flash=/);
  await expect(page.getByTestId("cycle-error")).toContainText(text);
  await expect(page.getByRole("status").filter({ hasText: "Vastgelegd." })).toHaveCount(0);
  await expect(root).toHaveAttribute("data-revision", before!);
  await settle(page, js);
}

/** One assessment's section. */
function assessment(page: Page, number: number) {
  return page.getByTestId(`assessment-${number}`);
}

/** An assessment's stage as its facts say it. */
function stage(page: Page, number: number) {
  return assessment(page, number).getByTestId("assessment-stage");
}

/** Opens the cycle afresh (another party acted meanwhile). */
async function open(page: Page, js: boolean, cycle: string) {
  await page.goto(cycle);
  await expect(cycleRoot(page)).toBeVisible();
  await settle(page, js);
}

/** The manager saves assessment `number`'s concept for a conversation on `on`, rated as `ratings` says. */
async function saveConcept(page: Page, js: boolean, number: number, on: string, ratings: [string, string][], knowledge: string) {
  const form = page.getByTestId(`concept-form-${number}`);
  await form.getByLabel("Dag van het beoordelingsgesprek").fill(on);
  for (const [label, code] of ratings) await form.getByLabel(label, { exact: true }).selectOption(code);
  await form.getByLabel("Kennisniveau", { exact: true }).selectOption(knowledge);
  await submit(page, js, form.getByRole("button", { name: "Concept opslaan" }), "save_concept");
}

/** A held-on date form (`hold_assessment-1`, `hold_objection_conversation-1`): fill the day, press. */
async function recordDay(page: Page, js: boolean, form: string, label: string, on: string, button: string, command: string) {
  const locator = page.getByTestId(form);
  await locator.getByLabel(label).fill(on);
  await submit(page, js, locator.getByRole("button", { name: button }), command);
}

const work = [
  { text: "Wmo-aanvragen binnen acht weken afhandelen", weight: "2" },
  { text: "Beleidsnotitie mantelzorg opleveren voor het college", weight: "" },
];
const competencies = [
  { id: "samenwerken", name: "Samenwerken", text: "Stemt wekelijks af met de backoffice", crucial: true },
  { id: "klantgericht-werken", name: "Klantgericht werken", text: "Vraagt door naar wat de inwoner nodig heeft", crucial: false },
];

test("a probation cycle from planning to the second assessment, with a 360° scan, objections and the final setting", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const js = isJs(testInfo);
  const who = people(js);
  await ensureAdmin(page, js);
  await signIn(page, testInfo);
  await inviteAccount(page, browser, testInfo, who.manager.email, password);
  await inviteAccount(page, browser, testInfo, who.employee.email, password);
  const { context: managerContext, page: manager } = await signedIn(browser, testInfo, who.manager);

  // The manager's closed 360° scan about the employee, to attach to the cycle (art. 6 lid 10).
  await closedScanAbout(manager, js, who);

  // The new cycle: a probation from today, the decision a year on.
  await manager.goto("/cycli");
  await expect(manager.getByRole("heading", { level: 1 })).toContainText("Gesprekscyclus");
  await manager.getByRole("link", { name: "Nieuwe cyclus" }).click();
  await expect(manager).toHaveURL(/\/cycli\/nieuw$/);
  await settle(manager, js);
  const form = manager.getByTestId("new-cycle");
  await form.getByLabel("Proeftijd (art. 2 lid 3)").check();
  await form.getByLabel("Naam medewerker").fill(who.employee.name);
  await form.getByLabel("E-mailadres medewerker (om in te loggen)").fill(who.employee.email);
  await form.getByLabel("Afdeling").fill(department);
  await form.getByLabel(/^Startdatum/).fill(day(0));
  await form.getByLabel(/^Proeftijd: datum van het besluit/).fill(aYearFromToday());
  await expectAccessible(manager, testInfo, "the new cycle form");
  await form.getByRole("button", { name: "Cyclus starten" }).click();
  await expect(manager).toHaveURL(/\/cycli\/[0-9a-f]{32}$/);
  const cycle = new URL(manager.url()).pathname;
  const cycleId = cycle.split("/").pop()!;
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(`Gesprekscyclus: ${who.employee.name}`);
  await expect(manager.getByTestId("cycle-kind")).toHaveText("Proeftijd (art. 2 lid 3)");
  await settle(manager, js);

  // Three conversations, each with its last day: the planning and two assessments before the decision.
  const schedule = manager.getByTestId("cycle-schedule").locator("tbody tr");
  await expect(schedule).toHaveCount(3);
  await expect(schedule.nth(0)).toContainText("Planningsgesprek");
  await expect(schedule.nth(1)).toContainText("Beoordelingsgesprek 1");
  await expect(schedule.nth(2)).toContainText("Beoordelingsgesprek 2");
  for (let row = 0; row < 3; row++) await expect(schedule.nth(row)).toContainText(/uiterlijk \d{4}-\d{2}-\d{2}/);
  // Two assessments (art. 2 lid 3), both concepts the manager prepares.
  await expect(assessment(manager, 1)).toBeVisible();
  await expect(assessment(manager, 2)).toBeVisible();
  await expect(stage(manager, 1)).toHaveText("Concept in voorbereiding");

  // The planning conversation: two work agreements (one weighing double), two competencies (one crucial).
  const addWork = manager.getByTestId("add-work-agreement");
  for (const agreement of work) {
    await addWork.getByLabel("Nieuwe werkafspraak (SMART)").fill(agreement.text);
    await addWork.getByLabel(/^Gewicht/).fill(agreement.weight);
    await submit(manager, js, addWork.getByRole("button", { name: "Werkafspraak toevoegen" }), "add_work_agreement");
    // Empty again for the next one, with JavaScript too (the page stays).
    await expect(addWork.getByLabel("Nieuwe werkafspraak (SMART)")).toHaveValue("");
    await expect(addWork.getByLabel(/^Gewicht/)).toHaveValue("");
  }
  // The profile (art. 3 lid 2): no development agreement before it is chosen; three of the
  // manager's choice is one too many; then the Frontoffice profile at scale 6 with one choice.
  await expect(manager.getByTestId("no-profile")).toBeVisible();
  await expect(manager.getByTestId("add-development-agreement")).toHaveCount(0);
  const choose = manager.getByTestId("choose-competencies");
  await choose.getByLabel("Profiel van de functie").selectOption("medewerker-frontoffice");
  await choose.getByLabel("Salarisschaal van de functie").fill("6");
  const ownChoice = choose.getByRole("group", { name: /^Naar keuze van de leidinggevende/ });
  for (const name of ["Analyseren", "Initiatief", "Vernieuwen"]) await ownChoice.getByLabel(name, { exact: true }).check();
  const record = choose.getByRole("button", { name: "Profiel en competenties vastleggen" });
  await refused(manager, js, record, "Het formulier bevat fouten");
  await expect(manager.getByTestId("choose-competencies")).toContainText("U voegt ten hoogste 2 competenties naar keuze toe, niet 3 (art. 3 lid 2).");
  // What was typed is still there to correct, with and without JavaScript.
  await expect(choose.getByLabel("Salarisschaal van de functie")).toHaveValue("6");
  await expect(ownChoice.getByLabel("Vernieuwen", { exact: true })).toBeChecked();
  for (const name of ["Initiatief", "Vernieuwen"]) await ownChoice.getByLabel(name, { exact: true }).uncheck();
  await submit(manager, js, record, "choose_competencies");
  await expect(manager.getByTestId("cycle-profile")).toHaveText("Medewerker Frontoffice · schaal 6 (Schaal 3–7)");
  await expect(manager.getByTestId("profile-competency")).toHaveCount(8);
  await expect(manager.getByTestId("profile-competency").filter({ hasText: "Analyseren" })).toContainText("naar keuze");

  const addCompetency = manager.getByTestId("add-development-agreement");
  for (const competency of competencies) {
    await addCompetency.getByLabel("Competentie", { exact: true }).selectOption(competency.id);
    await addCompetency.getByLabel(/^Ontwikkelafspraak/).fill(competency.text);
    if (competency.crucial) await addCompetency.getByLabel("Cruciaal voor de functie (art. 6 lid 7)").check();
    await submit(manager, js, addCompetency.getByRole("button", { name: "Ontwikkelafspraak toevoegen" }), "add_development_agreement");
    // Not ticked for the next competency: only the one marked is crucial; a competency once.
    await expect(addCompetency.getByLabel(/^Ontwikkelafspraak/)).toHaveValue("");
    await expect(addCompetency.getByLabel("Cruciaal voor de functie (art. 6 lid 7)")).not.toBeChecked();
    await expect(addCompetency.getByLabel("Competentie", { exact: true }).locator(`option[value="${competency.id}"]`)).toHaveCount(0);
  }
  const agreements = manager.getByTestId("agreement");
  await expect(agreements).toHaveCount(4);
  await expect(agreements.filter({ hasText: work[0].text })).toContainText("gewicht 2");
  // Weights 2 and 1 (equal): two thirds and one third of the work agreements' half (art. 4 lid 2).
  await expect(agreements.filter({ hasText: work[1].text })).toContainText("gewicht gelijk · 33,3 %");
  await expect(agreements.filter({ hasText: "Samenwerken" })).toContainText(`Samenwerken: ${competencies[0].text}`);
  await expect(agreements.filter({ hasText: "Samenwerken" })).toContainText("cruciaal");
  await expect(agreements.filter({ hasText: "Klantgericht werken" })).not.toContainText("cruciaal");
  const planning = manager.getByTestId("planning-form");
  await planning.getByLabel("Loopbaan en levensfase").fill("Wil doorgroeien naar senior beleidsmedewerker.");
  await planning.getByLabel("Randvoorwaarden").fill("Inwerkprogramma en een vaste buddy.");
  await planning.getByLabel("Planningsgesprek gevoerd op").fill(day(0));
  await submit(manager, js, planning.getByRole("button", { name: "Planning vastleggen" }), "save_planning");
  await expect(schedule.nth(0)).toContainText(`gevoerd op ${day(0)}`);

  // Progress conversations (art. 5): a second one on request keeps the first, each with its day.
  const progress = manager.getByTestId("record-progress");
  for (const notes of ["Loopt op schema; de Wmo-achterstand slinkt.", "Extra gesprek op verzoek: de notitie schuift een maand."]) {
    await progress.getByLabel("Voortgangsgesprek gevoerd op").fill(day(0));
    await progress.getByLabel(/^Voortgang per afspraak/).fill(notes);
    await submit(manager, js, progress.getByRole("button", { name: /oortgangsgesprek vastleggen/ }), "record_progress");
    await expect(progress.getByLabel(/^Voortgang per afspraak/)).toHaveValue("");
  }
  const held = manager.getByTestId("progress-conversation");
  await expect(held).toHaveCount(2);
  await expect(held.nth(0)).toContainText("Loopt op schema");
  await expect(held.nth(1)).toContainText(`Voortgangsgesprek 2 · gevoerd op ${day(0)}`);

  // The closed scan about the employee is offered; attached, its gap chart shows.
  const attach = manager.getByTestId("attach-scan");
  await expect(attach.getByLabel("Gesloten scan over deze medewerker").locator("option")).toHaveCount(1);
  await expect(attach.getByLabel("Gesloten scan over deze medewerker")).toContainText(who.employee.name);
  await submit(manager, js, attach.getByRole("button", { name: "Scan bijvoegen" }), "attach_scan");
  await expect(manager.getByTestId("attach-scan")).toHaveCount(0);
  const chart = manager.getByTestId("cycle-scan-chart");
  await expect(chart.locator("svg")).toBeVisible();
  await expect(chart).toContainText("Samenwerken");

  // Assessment 1, the concept: every work agreement and every chosen competency (art. 6 lid 5).
  // Work 4 and 3 (weights 2 and 1) = 3.67; Samenwerken (crucial) 1, the seven other competencies
  // and knowledge 3 = 25 / 9 = 2.78; together 3.22 → Normaal, and the crucial rule offered.
  const unagreed = ["Integriteit", "Inlevingsvermogen", "Flexibel zijn", "Luisteren", "Accuraat werken", "Analyseren"];
  const firstRatings: [string, string][] = [
    [`${work[0].text} (werkafspraak)`, "goed"],
    [`${work[1].text} (werkafspraak)`, "normaal"],
    [`Samenwerken: ${competencies[0].text} (competentie)`, "onvoldoende"],
    [`Klantgericht werken: ${competencies[1].text} (competentie)`, "normaal"],
    ...unagreed.map((name): [string, string] => [`${name} (competentie)`, "normaal"]),
  ];
  // Six days ahead first: releasing it now would leave the employee less than a week (art. 6 lid 3).
  await saveConcept(manager, js, 1, day(6), firstRatings, "normaal");
  const proposal1 = manager.getByTestId("proposal-1");
  await expect(proposal1.locator("strong")).toHaveText("Normaal");
  await expect(assessment(manager, 1)).toContainText("Een cruciale competentie is onvoldoende beoordeeld (Samenwerken)");
  const release1 = assessment(manager, 1).getByRole("button", { name: "Concept vrijgeven aan de medewerker" });
  await refused(manager, js, release1, /minstens een week voor het gesprek.*\(art\. 6 lid 3\)/);
  await expect(manager.getByTestId("cycle-error")).toContainText(`vanaf ${day(7)}`);
  await expect(stage(manager, 1)).toHaveText("Concept in voorbereiding");
  await expect(assessment(manager, 1).getByTestId("released-on")).toHaveText("—");
  // A week ahead: released.
  await saveConcept(manager, js, 1, day(7), firstRatings, "normaal");
  await submit(manager, js, assessment(manager, 1).getByRole("button", { name: "Concept vrijgeven aan de medewerker" }), "release_concept");
  await expect(stage(manager, 1)).toHaveText("Concept vrijgegeven");
  await expect(assessment(manager, 1).getByTestId("released-on")).toHaveText(day(0));
  await expectAccessible(manager, testInfo, "a cycle with a released concept (manager)");

  // The employee sees the released concept and the scan report the manager received.
  const { context: employeeContext, page: employee } = await signedIn(browser, testInfo, who.employee);
  await open(employee, js, cycle);
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText(`Gesprekscyclus: ${who.employee.name}`);
  await expect(stage(employee, 1)).toHaveText("Concept vrijgegeven");
  await expect(employee.getByTestId("ratings-1")).toContainText(`Samenwerken: ${competencies[0].text} (cruciaal)`);
  await expect(employee.getByTestId("cycle-scan-chart").locator("svg")).toBeVisible();
  await expect(employee.getByTestId("cycle-scan-chart")).toContainText("Samenwerken");
  // And the figures per competency and group, as the manager received them (art. 6 lid 10).
  await expect(employee.getByTestId("report-table")).toContainText("Samenwerken");
  // Assessment 2's concept is still the manager's alone; no forms of the manager's.
  await expect(assessment(employee, 2)).toHaveCount(0);
  await expect(employee.getByTestId("add-work-agreement")).toHaveCount(0);
  await expect(employee.getByTestId("concept-form-1")).toHaveCount(0);

  // A week passes; the conversation was yesterday. The manager records it and sets the final
  // qualification: "onvoldoende" on the crucial competency, against the proposal (art. 6 lid 7, 8).
  aWeekPasses(js, cycleId, 1);
  await open(manager, js, cycle);
  await recordDay(manager, js, "hold_assessment-1", "Beoordelingsgesprek gevoerd op", day(-1), "Gesprek vastleggen", "hold_assessment");
  await expect(stage(manager, 1)).toHaveText("Gesprek gevoerd");
  await expect(schedule.nth(1)).toContainText(`gevoerd op ${day(-1)}`);
  const setFinal1 = manager.getByTestId("set_final-1");
  await expect(setFinal1.getByLabel("Zoals voorgesteld: Normaal")).toBeChecked();
  await setFinal1.getByLabel("Onvoldoende op grond van een cruciale competentie (art. 6 lid 7)").check();
  const motivation1 = "Samenwerken is cruciaal voor deze functie en bleef in het eerste halfjaar duidelijk onder de maat.";
  await setFinal1.getByLabel("Motivering (verplicht, art. 6 lid 8)").fill(motivation1);
  await submit(manager, js, setFinal1.getByRole("button", { name: "Eindkwalificatie geven" }), "set_final");
  await expect(stage(manager, 1)).toHaveText("Eindkwalificatie gegeven");
  const final1 = manager.getByTestId("final-1");
  await expect(final1.locator("strong")).toHaveText("Onvoldoende");
  await expect(final1.getByTestId("deviation")).toHaveText("2 stappen lager dan het voorstel (Normaal)");
  await expect(final1).toContainText(motivation1);
  await expect(assessment(manager, 1).getByTestId("extra-reward")).toHaveCount(0);

  // The employee does not agree: signs "voor gezien" and files objections (art. 6 lid 11).
  await open(employee, js, cycle);
  await expect(employee.getByTestId("final-1").locator("strong")).toHaveText("Onvoldoende");
  await expect(employee.getByTestId("final-1")).toContainText(motivation1);
  await expectAccessible(employee, testInfo, "an assessment with a final qualification (employee)");
  const seen = employee.getByTestId("seen-form-1");
  const objections = "De samenwerking met het wijkteam liep via mijn voorganger; dat is mij niet aan te rekenen.";
  await seen.getByLabel(/^Niet akkoord\? Teken voor gezien/).fill(objections);
  await submit(employee, js, seen.getByRole("button", { name: "Voor gezien tekenen en bedenkingen indienen" }), "sign_seen");
  await expect(stage(employee, 1)).toHaveText("Bedenkingen ingediend");
  await expect(employee.getByTestId("final-1").getByTestId("objections")).toHaveText(objections);
  await expect(employee.getByTestId("seen-form-1")).toHaveCount(0);
  await expect(assessment(employee, 1).getByRole("button", { name: "Akkoord" })).toHaveCount(0);

  // The manager holds the objection conversation today and keeps the assessment, with reasons (lid 12).
  await open(manager, js, cycle);
  await expect(stage(manager, 1)).toHaveText("Bedenkingen ingediend");
  await expect(manager.getByTestId("final-1").getByTestId("objections")).toHaveText(objections);
  await recordDay(manager, js, "hold_objection_conversation-1", "Bedenkingengesprek gevoerd op", day(0), "Bedenkingengesprek vastleggen", "hold_objection_conversation");
  await expect(stage(manager, 1)).toHaveText("Bedenkingengesprek gevoerd");
  const settle1 = manager.getByTestId("settle-1");
  await expect(settle1.getByLabel("Beoordeling handhaven, met schriftelijke motivering")).toBeChecked();
  const kept = "Ook met het wijkteam bleef de afstemming achter; de beoordeling blijft staan.";
  await settle1.getByLabel("Motivering (verplicht, art. 6 lid 8)").fill(kept);
  await submit(manager, js, settle1.getByRole("button", { name: "Beoordeling vaststellen" }), "settle");
  await expect(stage(manager, 1)).toHaveText("Vastgesteld");
  await expect(manager.getByTestId("final-1").locator("strong")).toHaveText("Onvoldoende");
  await expect(manager.getByTestId("final-1").getByTestId("settled-on")).toHaveText(day(0));
  await expect(manager.getByTestId("final-1")).toContainText(`gehandhaafd ${kept}`);
  await expect(manager.getByTestId("settle-1")).toHaveCount(0);

  // Assessment 2, shorter: everything "goed" → proposal Goed; released a week ahead.
  const secondRatings: [string, string][] = firstRatings.map(([label]) => [label, "goed"]);
  await saveConcept(manager, js, 2, day(7), secondRatings, "goed");
  await expect(manager.getByTestId("proposal-2").locator("strong")).toHaveText("Goed");
  await submit(manager, js, assessment(manager, 2).getByRole("button", { name: "Concept vrijgeven aan de medewerker" }), "release_concept");
  await expect(stage(manager, 2)).toHaveText("Concept vrijgegeven");
  aWeekPasses(js, cycleId, 2);
  await open(manager, js, cycle);
  await recordDay(manager, js, "hold_assessment-2", "Beoordelingsgesprek gevoerd op", day(-1), "Gesprek vastleggen", "hold_assessment");
  await expect(stage(manager, 2)).toHaveText("Gesprek gevoerd");
  const setFinal2 = manager.getByTestId("set_final-2");
  await expect(setFinal2.getByLabel("Zoals voorgesteld: Goed")).toBeChecked();
  // No crucial competency rated insufficient: the crucial rule is not offered.
  await expect(setFinal2.getByLabel(/op grond van een cruciale competentie/)).toHaveCount(0);
  const motivation2 = "Sanne heeft de samenwerking met het wijkteam zichtbaar verbeterd en haar werkafspraken waargemaakt.";
  await setFinal2.getByLabel("Motivering (verplicht, art. 6 lid 8)").fill(motivation2);
  await submit(manager, js, setFinal2.getByRole("button", { name: "Eindkwalificatie geven" }), "set_final");
  await expect(stage(manager, 2)).toHaveText("Eindkwalificatie gegeven");
  await expect(manager.getByTestId("final-2").getByTestId("deviation")).toHaveText("gelijk aan het voorstel (Goed)");
  // Not final until the employee agrees: no extra reward yet.
  await expect(assessment(manager, 2).getByTestId("extra-reward")).toHaveCount(0);

  // The employee agrees: the assessment is final, and with "goed" an extra reward is possible (art. 6 lid 9).
  await open(employee, js, cycle);
  await expect(employee.getByTestId("final-2").locator("strong")).toHaveText("Goed");
  await submit(employee, js, assessment(employee, 2).getByRole("button", { name: "Akkoord", exact: true }), "approve");
  await expect(stage(employee, 2)).toHaveText("Vastgesteld (akkoord)");
  await expect(employee.getByTestId("final-2").getByTestId("settled-on")).toHaveText(day(0));
  await expect(assessment(employee, 2).getByTestId("extra-reward")).toContainText("extra beloning");
  await expect(assessment(employee, 2).getByRole("button", { name: "Akkoord", exact: true })).toHaveCount(0);
  await expectAccessible(employee, testInfo, "a completed cycle (employee)");

  // Every step with its date and who took it. (Compared as a set: the steps are stored with a
  // time in whole seconds and listed by that time and then a random id, so two steps of one
  // second may show in either order.)
  await open(manager, js, cycle);
  await expect(stage(manager, 1)).toHaveText("Vastgesteld");
  await expect(stage(manager, 2)).toHaveText("Vastgesteld (akkoord)");
  await expect(assessment(manager, 2).getByTestId("extra-reward")).toBeVisible();
  await expect(schedule.nth(2)).toContainText(`gevoerd op ${day(-1)}`);
  const managerSteps = (action: string) => `${action} (Leidinggevende / Manager)`;
  const employeeSteps = (action: string) => `${action} (Medewerker / Employee)`;
  const expectedSteps = [
    managerSteps("Cyclus gestart"),
    managerSteps("Competentieprofiel en competenties gekozen"),
    ...Array(4).fill(managerSteps("Afspraak toegevoegd")),
    managerSteps("Planningsgesprek vastgelegd"),
    ...Array(2).fill(managerSteps("Voortgangsgesprek vastgelegd")),
    managerSteps("360°-scan bijgevoegd"),
    managerSteps("Concept beoordeling 1 bijgewerkt"),
    managerSteps("Concept beoordeling 1 bijgewerkt"),
    managerSteps("Concept beoordeling 1 vrijgegeven"),
    managerSteps("Beoordelingsgesprek 1 gevoerd"),
    managerSteps("Eindkwalificatie beoordeling 1 gegeven"),
    employeeSteps("Beoordeling 1: voor gezien getekend, bedenkingen ingediend"),
    managerSteps("Bedenkingengesprek beoordeling 1 gevoerd"),
    managerSteps("Beoordeling 1 vastgesteld na bedenkingen"),
    managerSteps("Concept beoordeling 2 bijgewerkt"),
    managerSteps("Concept beoordeling 2 vrijgegeven"),
    managerSteps("Beoordelingsgesprek 2 gevoerd"),
    managerSteps("Eindkwalificatie beoordeling 2 gegeven"),
    employeeSteps("Beoordeling 2: akkoord van de medewerker"),
  ];
  const steps = manager.getByTestId("cycle-steps").locator("li");
  await expect(steps).toHaveCount(expectedSteps.length);
  const shown = (await steps.allTextContents()).map((text) => {
    // "5 december 2026 — Cyclus gestart (Leidinggevende / Manager)": a date, then the step.
    const [date, step] = text.split(" — ");
    expect(date, text).toMatch(/\d{4}/);
    return step;
  });
  expect(shown.sort()).toEqual([...expectedSteps].sort());
  // The step list names dates and parties, never a rating.
  await expect(manager.getByTestId("cycle-steps")).not.toContainText(/onvoldoende|goed|normaal/i);
  await expectAccessible(manager, testInfo, "a completed probation cycle (manager)");

  // Both parties find it on their list.
  await manager.goto("/cycli");
  const managerLine = manager.getByTestId("cycles").getByRole("row", { name: new RegExp(who.employee.name) });
  await expect(managerLine).toHaveCount(1);
  await expect(managerLine).toContainText("leidinggevende");
  await expect(managerLine).toContainText("Vastgesteld (akkoord)");
  await expectAccessible(manager, testInfo, "the cycles list");
  await employee.goto("/cycli");
  const employeeLine = employee.getByTestId("cycles").getByRole("row", { name: new RegExp(who.employee.name) });
  await expect(employeeLine).toContainText("medewerker");
  await employeeContext.close();
  await managerContext.close();

  // The administrator, no party to it: 404 and nothing shown; HR's overview has counts only.
  await page.goto("/");
  const strange = await page.goto(cycle);
  expect(strange!.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText("Deze cyclus bestaat niet, of u hebt er geen toegang toe.");
  await expect(page.getByText(who.employee.name)).toHaveCount(0);
  await page.goto("/cycli");
  await expect(page.getByText(who.employee.name)).toHaveCount(0);
  await page.goto("/admin/cycli");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht gesprekscyclus (HR)");
  const line = page.getByTestId("overview-stages").getByRole("row").filter({ hasText: who.manager.email });
  await expect(line).toHaveCount(1);
  await expect(line.getByRole("rowheader")).toHaveText(department);
  // Per stage (concept … settled) and overdue: one approved, one settled, nothing late.
  await expect(line.locator("td")).toHaveText([who.manager.email, "0", "0", "0", "0", "1", "0", "0", "1", "0"]);
  // Two final qualifications in the department: too few to show without naming a person.
  const labels = page.getByTestId("overview-qualifications").getByRole("row").filter({ hasText: department });
  await expect(labels.getByTestId("suppressed")).toBeVisible();
  await expect(page.locator("main")).not.toContainText(who.employee.name);
  await expect(page.locator("main")).not.toContainText(who.employee.email);
  await expect(page.locator("main")).not.toContainText(motivation1);
  await expectAccessible(page, testInfo, "HR's overview of the cycles");
});
