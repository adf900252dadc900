import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, signIn, expectAccessible } from "./fixtures";
import { answerAll, ensureAdmin, inbox, inviteAccount, isJs, newContext, scanLink, settle, signedIn } from "./journeys";

// Issue 21: the conversation the scan prepares. Two journeys, with and without JavaScript:
// the municipal secretary's performance conversation with the mayor and the alderman for HR
// (seeds 000/001) and a council member's conversation with their party (seed 003). Accounts
// only for the organisers; the person discussed and the reader act through the personal link
// the server mailed them (an .eml file in the server's outbox directory, their inbox).
// Runs on its own too: it makes the administrator when the server is fresh.

// A stranger's (the unnamed administrator's) 404 and a refused approval's 422 are logged by
// Chromium with JavaScript.
test.use({ expectedConsoleErrors: [/status of (404|422)/] });

const password = "een-gesprek-lang-wachtwoord";
const alderman = { name: "Wim de Wethouder", email: "wethouder@gemeente.nl", password };
const mayor = { name: "Bea Burgemeester", email: "burgemeester@gemeente.nl" };
const secretary = { name: "Marieke van den Berg", email: "m.vandenberg@gemeente.nl" };
const collegeMember = { name: "Karel Collegelid", email: "collegelid@gemeente.nl" };
const groupLeader = { name: "Fenna Fractievoorzitter", email: "fractievoorzitter@partij.nl", password };
const boardMember = { name: "Bart Bestuurslid", email: "bestuur@partij.nl" };
const councillor = { name: "Ruud Raadslid", email: "r.raadslid@partij.nl" };

/** The personal conversation links (`/g/<token>`) in the messages to `recipient` that contain `marker`. */
function conversationLinks(js: boolean, recipient: string, marker: string): string[] {
  return inbox(js, recipient)
    .filter((message) => message.includes(marker))
    .map((message) => message.match(/\/g\/([A-Za-z0-9_-]{20,})/)?.[0])
    .filter((link): link is string => link !== undefined);
}

/** Waits for the outbox worker to write a message to `recipient` with `marker` and a personal link. */
async function awaitLink(js: boolean, recipient: string, marker: string): Promise<string> {
  await expect
    .poll(() => conversationLinks(js, recipient, marker).length, { timeout: 20_000, message: `a mail to ${recipient} with "${marker}"` })
    .toBeGreaterThan(0);
  const links = conversationLinks(js, recipient, marker);
  return links[links.length - 1];
}

/**
 * The alderman's scan about the secretary: self and three colleagues answer (k = 3, so the
 * colleagues are shown and the gap chart has a line), then the alderman closes it.
 */
async function closedScanAboutSecretary(page: Page, js: boolean) {
  await page.goto("/scans/new");
  await settle(page, js);
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await expect(page.getByLabel("Samenwerken", { exact: true })).toBeChecked();
  await settle(page, js);
  await page.getByLabel("Naam", { exact: true }).fill(secretary.name);
  await page.getByLabel("E-mailadres").fill(secretary.email);
  await page.getByLabel("Functie", { exact: true }).fill("Gemeentesecretaris");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(secretary.name);
  await settle(page, js);
  const colleagues = ["Ans Arts <ans.arts@gemeente.nl>", "Bert Bos <bert.bos@gemeente.nl>", "Cor Claassen <cor.claassen@gemeente.nl>"];
  await page.getByRole("textbox", { name: "Informanten" }).fill(colleagues.map((c) => `${c}, collega's`).join("\n"));
  await page.getByRole("button", { name: "Controleren", exact: true }).click();
  await expect(page.getByTestId("preview")).toBeVisible();
  await page.getByRole("button", { name: "Alle informanten opslaan" }).click();
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(4);
  await page.getByRole("link", { name: /Scan openen/ }).first().click();
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open");
  const scanPath = new URL(page.url()).pathname;

  const answers: [string, string][] = [
    [secretary.email, "5"],
    ["ans.arts@gemeente.nl", "3"],
    ["bert.bos@gemeente.nl", "4"],
    ["cor.claassen@gemeente.nl", "3"],
  ];
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

/** A date `days` from today as YYYY-MM-DD. */
function isoDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/**
 * Clicks `button` and waits for the outcome the address reports (`gedaan=<command>`) and, on a
 * record page, for the record as it is after the command: its `data-revision` (the revision the
 * page was rendered from) moves on. With JavaScript the page loads the record again after the
 * command; until that has rendered, a field filled in would be replaced by the reloaded form
 * (the forms already post the new revision, so a command would not be refused as stale).
 * Without JavaScript the redirect brings the new record.
 */
async function submit(page: Page, button: Locator, command: string, text: string) {
  const record = page.locator(".record[data-revision]");
  const before = (await record.count()) > 0 ? await record.getAttribute("data-revision") : null;
  await button.click();
  await expect(page).toHaveURL(new RegExp(`[?&]gedaan=${command}`));
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
  if (before !== null) await expect(record).not.toHaveAttribute("data-revision", before);
}

/** The record's current state, as its facts say it. */
function stateBadge(page: Page) {
  return page.getByTestId("record-facts").locator(".badge");
}

/** One section of the record's form by its heading ("1. Resultaten"). */
function section(page: Page, heading: string) {
  return page.getByRole("group", { name: heading, exact: true });
}

/** Fills the plan form and saves it. */
async function plan(page: Page, js: boolean, minutes: number) {
  await settle(page, js);
  const form = page.locator("#plan");
  await form.getByLabel("Datum").fill(isoDate(21));
  await form.getByLabel("Tijd").fill("14:00");
  await form.getByLabel("Plaats").fill("Stadhuis, kamer 2.14");
  await form.getByLabel("Duur in minuten").fill(String(minutes));
  await submit(page, form.getByRole("button", { name: "Planning opslaan" }), "plan", "De planning is opgeslagen.");
}

/**
 * On a slow line a command's answer can take a while. Meanwhile the page keeps its forms, and the
 * pressed button says it is busy and cannot be pressed again; the answer is one page from the
 * server, so the record and every form on it show the same revision, and the next command made
 * from them is not refused as stale. All without a page reload.
 */
async function planSlowlyThenSend(page: Page) {
  await settle(page, true);
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  const form = page.locator("#plan");
  const action = new URL((await form.getAttribute("action")) ?? "", page.url()).pathname;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${action}`, async (route) => {
    await held;
    await route.continue();
  });
  await form.getByLabel("Datum").fill(isoDate(21));
  await form.getByLabel("Tijd").fill("14:00");
  await form.getByLabel("Plaats").fill("Stadhuis, kamer 2.14");
  await form.getByLabel("Duur in minuten").fill("60");
  const before = Number(await form.locator('input[name="revision"]').inputValue());
  await form.getByRole("button", { name: "Planning opslaan" }).click();
  const busy = form.getByRole("button", { name: "Bezig…" });
  await expect(busy).toBeDisabled();
  await expect(busy).toHaveAttribute("aria-busy", "true");
  await expect(page.locator(".record")).toHaveAttribute("data-revision", String(before));
  release();
  await expect(page).toHaveURL(/[?&]gedaan=plan/);
  await page.unroute(`**${action}`);
  await expect(page.locator(".record")).toHaveAttribute("data-revision", String(before + 1));
  for (const revision of await page.locator('input[name="revision"]').all()) {
    await expect(revision).toHaveValue(String(before + 1));
  }
  await page.getByRole("button", { name: "Agenda versturen", exact: true }).click();
  await expect(page).toHaveURL(/[?&]gedaan=send_agenda/);
  await expect(page.getByRole("status").filter({ hasText: "De agenda is verstuurd naar alle deelnemers." })).toBeVisible();
  await expect(page.locator('[data-error="stale"]')).toHaveCount(0);
  await expect(page.locator(".record")).toHaveAttribute("data-revision", String(before + 2));
  await expect(stateBadge(page)).toHaveText("Agenda verstuurd");
  const samePage = await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage === true);
  expect(samePage, "planned and sent without a page reload").toBe(true);
}

/** Clicks a one-button command and waits for its outcome. */
async function command(page: Page, js: boolean, button: string, code: string, done: string) {
  await settle(page, js);
  await submit(page, page.getByRole("button", { name: button, exact: true }), code, done);
}

/** No rating anywhere: no radio scale, no slider, no 1–5 choice, no word "score". */
async function expectNoRatings(page: Page) {
  await expect(page.locator('input[type="radio"]')).toHaveCount(0);
  await expect(page.locator('input[type="range"]')).toHaveCount(0);
  await expect(page.locator("select").filter({ has: page.locator('option[value="5"]') })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText(/score|beoordeling/i);
}

test("the secretary's conversation: planned, agenda by link, scan attached, summary changed and approved, read by the college, closed to others", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const js = isJs(testInfo);
  await ensureAdmin(page, js);
  await signIn(page, testInfo);
  await inviteAccount(page, browser, testInfo, alderman.email, password);

  // The alderman for HR: a closed scan about the secretary, then the conversation.
  const { context: aldermanContext, page: wethouder } = await signedIn(browser, testInfo, alderman);
  await closedScanAboutSecretary(wethouder, js);

  await wethouder.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Gesprekken" }).click();
  await expect(wethouder).toHaveURL(/\/gesprekken$/);
  await expectAccessible(wethouder, testInfo, "the conversations list (empty)");
  await wethouder.getByRole("link", { name: "Nieuw gesprek" }).click();
  await expectAccessible(wethouder, testInfo, "new conversation, step 1");
  await wethouder.getByRole("link", { name: "Functioneringsgesprek B&W – secretaris" }).click();
  await expect(wethouder.getByText("Trek minstens 90 minuten uit voor het gesprek.")).toBeVisible();
  await expectAccessible(wethouder, testInfo, "new conversation, step 2");
  await settle(wethouder, js);
  const subject = wethouder.getByRole("group", { name: "Wie wordt besproken (Secretaris)" });
  await subject.getByLabel("Naam").fill(secretary.name);
  await subject.getByLabel("E-mailadres").fill(secretary.email);
  const mayorRow = wethouder.getByTestId("participant-burgemeester");
  // The first planning role starts with the creator's own address: here that is the alderman's row.
  await expect(mayorRow.getByLabel("E-mailadres")).toHaveValue(alderman.email);
  await mayorRow.getByLabel("Naam").fill(mayor.name);
  await mayorRow.getByLabel("E-mailadres").fill(mayor.email);
  const aldermanRow = wethouder.getByTestId("participant-wethouder-po");
  await aldermanRow.getByLabel("Naam").fill(alderman.name);
  await aldermanRow.getByLabel("E-mailadres").fill(alderman.email);
  await submit(wethouder, wethouder.getByRole("button", { name: "Gesprek aanmaken" }), "aangemaakt", "Het gesprek is aangemaakt.");
  const record = new URL(wethouder.url()).pathname;
  expect(record).toMatch(/^\/gesprekken\/[^/]+$/);
  await expect(wethouder.getByRole("heading", { level: 1 })).toHaveText(`Functioneringsgesprek B&W – secretaris: ${secretary.name}`);
  await expect(stateBadge(wethouder)).toHaveText("Gepland");
  // Seed 000's sample agenda is there from the start.
  await expect(wethouder.getByTestId("record-agenda")).toContainText("Terugblik");
  await expectAccessible(wethouder, testInfo, "a planned record (organiser)");

  // Planned below an hour and a half: a warning, not a refusal; 90 minutes and it is gone.
  await plan(wethouder, js, 60);
  await expect(wethouder.getByTestId("duration-warning")).toContainText("ten minste 1,5 uur");
  await expect(wethouder.getByTestId("record-plan")).toContainText("60 minuten");
  await plan(wethouder, js, 90);
  await expect(wethouder.getByTestId("duration-warning")).toHaveCount(0);
  await expect(wethouder.getByTestId("record-plan")).toContainText("Stadhuis, kamer 2.14");

  // The concept agenda goes out; the secretary's mail has a personal link.
  await command(wethouder, js, "Agenda versturen", "send_agenda", "De agenda is verstuurd naar alle deelnemers.");
  const agendaLink = await awaitLink(js, secretary.email, "concept-agenda");

  // The secretary, without an account, adds a topic through that link.
  const secretaryContext = await newContext(browser, testInfo);
  const secretaryPage = await secretaryContext.newPage();
  await secretaryPage.goto(agendaLink);
  await expect(secretaryPage).toHaveURL(new RegExp(`${record}$`));
  await expect(secretaryPage.getByTestId("record-facts")).toContainText("Secretaris");
  await settle(secretaryPage, js);
  const topic = "Werkdruk rond de begroting";
  await secretaryPage.getByLabel("Nieuw agendapunt").fill(topic);
  await submit(secretaryPage, secretaryPage.getByRole("button", { name: "Agendapunt toevoegen" }), "add_topic", "Het agendapunt is toegevoegd.");
  await expect(secretaryPage.getByTestId("record-agenda")).toContainText(topic);
  // The person discussed plans nothing and sends nothing.
  await expect(secretaryPage.getByRole("button", { name: "Planning opslaan" })).toHaveCount(0);
  await expect(secretaryPage.getByRole("button", { name: "Agenda versturen" })).toHaveCount(0);
  await expectAccessible(secretaryPage, testInfo, "the record as the person discussed sees it (agenda sent)");

  // The alderman sees the topic and attaches the closed scan: its gap chart appears.
  await wethouder.goto(record);
  await expect(wethouder.getByTestId("record-agenda")).toContainText(topic);
  await settle(wethouder, js);
  const scans = wethouder.locator("#scans");
  await scans.getByLabel("Gesloten scan").selectOption({ index: 0 });
  await submit(wethouder, scans.getByRole("button", { name: "Scan toevoegen" }), "attach_scan", "De scan is toegevoegd.");
  const attached = wethouder.getByTestId("record-attached-scan");
  await expect(attached).toHaveCount(1);
  await expect(attached.getByRole("heading", { level: 3 })).toContainText(secretary.name);
  const chart = attached.getByTestId("record-gap-chart");
  await expect(chart.locator("svg")).toBeVisible();
  await expect(chart).toContainText("Samenwerken");
  await expect(attached.getByTestId("record-suggested-agenda")).toContainText("Terugblik op de afspraken");

  // Held; the concept summary written in the form, with an agreement; proposed to the secretary.
  await command(wethouder, js, "Het gesprek is gevoerd", "mark_held", "Vastgelegd: het gesprek is gevoerd.");
  await expect(stateBadge(wethouder)).toHaveText("Gevoerd");
  await settle(wethouder, js);
  const results = "De begroting is op tijd en binnen de kaders aangeboden.";
  await section(wethouder, "1. Resultaten").getByLabel("Toelichting/opmerkingen").fill(results);
  await section(wethouder, "3. Ondersteuning en aansturing door het bestuur").getByLabel("Toelichting/opmerkingen").fill("Wekelijks overleg met de burgemeester.");
  await wethouder.getByLabel("Afspraak 1: wat").fill("Leergang strategisch leiderschap volgen");
  await wethouder.getByLabel("Afspraak 1: wie").fill(secretary.name);
  await wethouder.getByLabel("Afspraak 1: wanneer").fill(isoDate(180));
  await submit(wethouder, wethouder.getByRole("button", { name: "Verslag opslaan" }), "save_summary", "Het verslag is opgeslagen.");
  await expect(section(wethouder, "1. Resultaten").getByLabel("Toelichting/opmerkingen")).toHaveValue(results);
  await expectAccessible(wethouder, testInfo, "a held record with the summary form (organiser)");
  await command(wethouder, js, "Ter instemming voorleggen", "propose_summary", "Het verslag is ter instemming voorgelegd.");
  await expect(stateBadge(wethouder)).toHaveText("Verslag ter instemming");

  // The secretary's mail with the concept summary; she changes a line and approves.
  const proposedLink = await awaitLink(js, secretary.email, "conceptverslag");
  await secretaryPage.goto(proposedLink);
  await expect(secretaryPage).toHaveURL(new RegExp(`${record}$`));
  await settle(secretaryPage, js);
  const changed = "De begroting is op tijd en binnen de kaders aangeboden, met dank aan het team Financiën.";
  const resultsField = section(secretaryPage, "1. Resultaten").getByLabel("Toelichting/opmerkingen");
  await expect(resultsField).toHaveValue(results);
  await resultsField.fill(changed);
  await submit(secretaryPage, secretaryPage.getByRole("button", { name: "Wijzigingen opslaan" }), "change_summary", "Het verslag is opgeslagen.");
  await expect(section(secretaryPage, "1. Resultaten").getByLabel("Toelichting/opmerkingen")).toHaveValue(changed);
  await expectAccessible(secretaryPage, testInfo, "the proposed summary with the approval form (person discussed)");
  await settle(secretaryPage, js);
  const approval = secretaryPage.locator("#sign-off");
  // Not without the ticked confirmation: refused, nothing approved.
  await approval.getByRole("button", { name: "Verslag vaststellen" }).click();
  await expect(secretaryPage.getByRole("alert").first()).toBeVisible();
  await expect(stateBadge(secretaryPage)).toHaveText("Verslag ter instemming");
  await settle(secretaryPage, js);
  await approval.getByLabel("Ik heb het verslag gelezen en stel het vast.").check();
  await submit(secretaryPage, approval.getByRole("button", { name: "Verslag vaststellen" }), "approve", "Het verslag is vastgesteld.");
  await expect(stateBadge(secretaryPage)).toHaveText("Vastgesteld");
  await expect(secretaryPage.getByTestId("record-kept-until")).toContainText(
    // The secretary's type keeps an approved record 36 months (seed 001 K).
    new RegExp(`Bewaard tot [a-z]+ \\d{1,2} [a-z]+ ${new Date().getFullYear() + 3}`),
  );
  // Approved is final: no text to change any more.
  await expect(secretaryPage.locator("#summary textarea")).toHaveCount(0);
  // The person discussed sees the trail, her own reads and changes included.
  await expect(secretaryPage.getByTestId("record-audit")).toContainText("Verslag gewijzigd");
  await expect(secretaryPage.getByTestId("record-audit")).toContainText("Verslag vastgesteld");
  // And downloads her record at any time.
  const ownPdf = await secretaryPage.request.get(`${record}/verslag.pdf`);
  expect(ownPdf.status()).toBe(200);
  expect(ownPdf.headers()["content-type"]).toBe("application/pdf");

  // The alderman shares the approved record with a college member.
  await wethouder.goto(record);
  await expect(stateBadge(wethouder)).toHaveText("Vastgesteld");
  await expectAccessible(wethouder, testInfo, "an approved record (organiser)");
  await settle(wethouder, js);
  const readers = wethouder.locator("#readers");
  await readers.getByLabel("Naam").fill(collegeMember.name);
  await readers.getByLabel("E-mailadres").fill(collegeMember.email);
  await submit(wethouder, readers.getByRole("button", { name: "Meelezer toevoegen" }), "add_reader", "De meelezer is toegevoegd.");
  // A reader named on an approved record is shared with at once (and mailed).
  await expect(wethouder.getByTestId("record-readers")).toContainText(`${collegeMember.name} — gedeeld op`);

  // The college member reads it through the link in their mail: the changed line, no forms.
  const readerLink = await awaitLink(js, collegeMember.email, "vastgestelde verslag");
  const readerContext = await newContext(browser, testInfo);
  const readerPage = await readerContext.newPage();
  await readerPage.goto(readerLink);
  await expect(readerPage).toHaveURL(new RegExp(`${record}$`));
  await expect(readerPage.getByRole("heading", { level: 1 })).toContainText(secretary.name);
  await expect(section(readerPage, "1. Resultaten")).toContainText(changed);
  await expect(readerPage.getByTestId("record-agreements")).toContainText("Leergang strategisch leiderschap volgen");
  await expect(readerPage.locator("main textarea")).toHaveCount(0);
  await expect(readerPage.locator("main form")).toHaveCount(0);
  await expectAccessible(readerPage, testInfo, "an approved record (reader)");
  await readerContext.close();

  // The record as a PDF for the personnel file, with the changed line.
  await expect(wethouder.getByRole("link", { name: "Verslag downloaden (pdf)" })).toHaveAttribute("href", `${record}/verslag.pdf`);
  const pdf = await wethouder.request.get(`${record}/verslag.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const pdfPath = testInfo.outputPath("verslag.pdf");
  writeFileSync(pdfPath, await pdf.body());
  const text = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain(secretary.name);
  expect(text).toContain("met dank aan het team Financiën");
  expect(text).toContain("Voor accoord");
  await aldermanContext.close();

  // The administrator, not named in it: 404 for the page and the PDF, nothing shown.
  await page.goto("/");
  const refused = await page.goto(record);
  expect(refused!.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText("Dit gesprek bestaat niet, of u heeft er geen toegang toe.");
  await expect(page.getByText(secretary.name)).toHaveCount(0);
  expect((await page.request.get(`${record}/verslag.pdf`)).status()).toBe(404);
  await page.goto("/gesprekken");
  await expect(page.getByText(secretary.name)).toHaveCount(0);
  await secretaryContext.close();
});

test("the council member's conversation: preparation settings, no ratings, action points return next time", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const js = isJs(testInfo);
  await ensureAdmin(page, js);
  await signIn(page, testInfo);
  await inviteAccount(page, browser, testInfo, groupLeader.email, password);
  const { context, page: leader } = await signedIn(browser, testInfo, groupLeader);

  /** The group leader creates a council member's conversation; answers the preparation questions the first time. */
  async function create(prepare: boolean): Promise<string> {
    await leader.goto("/gesprekken/nieuw");
    await leader.getByRole("link", { name: "Functioneringsgesprek raadslid" }).click();
    await settle(leader, js);
    const subject = leader.getByRole("group", { name: "Wie wordt besproken (Raadslid)" });
    await subject.getByLabel("Naam").fill(councillor.name);
    await subject.getByLabel("E-mailadres").fill(councillor.email);
    const board = leader.getByTestId("participant-bestuurslid").first();
    await board.getByLabel("Naam").fill(boardMember.name);
    await board.getByLabel("E-mailadres").fill(boardMember.email);
    const own = leader.getByTestId("participant-fractievoorzitter");
    await own.getByLabel("Naam").fill(groupLeader.name);
    await own.getByLabel("E-mailadres").fill(groupLeader.email);
    if (prepare) {
      await leader.getByLabel("Wat is het doel van de functioneringsgesprekken?").fill("Het raadslid groeit in zijn rol.");
      await leader.getByLabel("Wie voert de gesprekken?").fill("De fractievoorzitter en een bestuurslid.");
      await leader.getByLabel("Hoe vaak worden de gesprekken gevoerd?").fill("Eens per jaar.");
      await leader.getByLabel("Wordt er een verslag gemaakt en zo ja, kan het raadslid nog veranderingen aanbrengen?").selectOption("nee");
      await leader.getByLabel("Wordt het verslag met derden gedeeld, bijvoorbeeld de kandidatencommissie?").selectOption("nee");
      await leader.getByLabel("Krijgt de fractie een terugkoppeling van alle gesprekken?").selectOption("ja");
    }
    await expectNoRatings(leader);
    await submit(leader, leader.getByRole("button", { name: "Gesprek aanmaken" }), "aangemaakt", "Het gesprek is aangemaakt.");
    return new URL(leader.url()).pathname;
  }

  const first = await create(true);
  await expect(leader.getByRole("heading", { level: 1 })).toHaveText(`Functioneringsgesprek raadslid: ${councillor.name}`);
  // The preparation answers are the record's settings, shown on it.
  const settings = leader.getByTestId("record-settings");
  await expect(settings).toContainText("Wordt er een verslag gemaakt en zo ja, kan het raadslid nog veranderingen aanbrengen?Nee");
  await expect(settings).toContainText("Krijgt de fractie een terugkoppeling van alle gesprekken?Ja");
  await expect(settings).toContainText("Eens per jaar.");
  await expectNoRatings(leader);
  // The first conversation has nothing to look back on.
  await expect(section(leader, "1. Terugblik op de actiepunten van het vorige gesprek")).toContainText("Er zijn geen afspraken uit een vorig gesprek.");

  if (js) {
    await planSlowlyThenSend(leader);
  } else {
    await plan(leader, js, 60);
    await command(leader, js, "Agenda versturen", "send_agenda", "De agenda is verstuurd naar alle deelnemers.");
  }
  // Only the secretary's type asks for 90 minutes.
  await expect(leader.getByTestId("duration-warning")).toHaveCount(0);
  await command(leader, js, "Het gesprek is gevoerd", "mark_held", "Vastgelegd: het gesprek is gevoerd.");
  await settle(leader, js);
  await section(leader, "2. Ambities en doelen").getByLabel("Toelichting/opmerkingen").fill("Woordvoerder ruimtelijke ordening worden.");
  await section(leader, "4. Ontwikkelpunten").getByLabel("Toelichting/opmerkingen").fill("Korter en scherper debatteren.");
  const actions = [
    ["Debattraining volgen", councillor.name],
    ["Werkbezoek woningcorporatie organiseren", groupLeader.name],
  ];
  for (const [i, [what, who]] of actions.entries()) {
    await leader.getByLabel(`Afspraak ${i + 1}: wat`).fill(what);
    await leader.getByLabel(`Afspraak ${i + 1}: wie`).fill(who);
    await leader.getByLabel(`Afspraak ${i + 1}: wanneer`).fill(isoDate(120 + i));
  }
  await expectNoRatings(leader);
  await submit(leader, leader.getByRole("button", { name: "Verslag opslaan" }), "save_summary", "Het verslag is opgeslagen.");
  await expectNoRatings(leader);
  await command(leader, js, "Ter instemming voorleggen", "propose_summary", "Het verslag is ter instemming voorgelegd.");

  // The council member may not change the record (the settings say no): read, then approve.
  const link = await awaitLink(js, councillor.email, "conceptverslag");
  const memberContext = await newContext(browser, testInfo);
  const member = await memberContext.newPage();
  await member.goto(link);
  await expect(member).toHaveURL(new RegExp(`${first}$`));
  await expect(section(member, "2. Ambities en doelen")).toContainText("Woordvoerder ruimtelijke ordening worden.");
  await expect(member.getByTestId("record-agreements")).toContainText("Debattraining volgen");
  await expect(member.locator("#summary textarea")).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Wijzigingen opslaan" })).toHaveCount(0);
  await expectNoRatings(member);
  await settle(member, js);
  await member.getByLabel("Ik heb het verslag gelezen en stel het vast.").check();
  await submit(member, member.getByRole("button", { name: "Verslag vaststellen" }), "approve", "Het verslag is vastgesteld.");
  await expect(stateBadge(member)).toHaveText("Vastgesteld");
  await expectNoRatings(member);
  await memberContext.close();

  // The next conversation with the same member opens with the action points to look back on.
  const second = await create(false);
  expect(second).not.toBe(first);
  const lookBack = section(leader, "1. Terugblik op de actiepunten van het vorige gesprek");
  await expect(lookBack.getByTestId("record-look-back")).toHaveCount(2);
  await expect(lookBack).toContainText("Debattraining volgen");
  await expect(lookBack).toContainText("Werkbezoek woningcorporatie organiseren");
  await expectNoRatings(leader);
  await expectAccessible(leader, testInfo, "a planned record with the previous action points");

  // Both are on the group leader's list.
  await leader.goto("/gesprekken");
  await expect(leader.getByTestId("conversations").getByRole("row", { name: new RegExp(councillor.name) })).toHaveCount(2);
  await expectAccessible(leader, testInfo, "the conversations list");
  await context.close();
});
