import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";

// Runs after 03-scans, which opened a scan and mailed its invitations; without an SMTP server
// each email is an .eml file in the server's data directory: the respondent's inbox.
function personalLink(js: boolean, recipient: string, subject = "Subject: Uw feedback gevraagd"): string {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name), "utf8");
    if (!raw.includes(`To: ${recipient}`) || !raw.includes(subject)) continue;
    const text = raw.replace(/=\r?\n/g, ""); // quoted-printable soft line breaks
    const match = text.match(/\/s\/([0-9a-f]{64})/);
    if (match) return `/s/${match[1]}`;
  }
  throw new Error(`no invitation for ${recipient} in ${dir}`);
}

/** `personalLink` once the outbox worker has delivered the message (it sends in the background). */
async function deliveredLink(js: boolean, recipient: string, subject: string): Promise<string> {
  let link = "";
  await expect(() => {
    link = personalLink(js, recipient, subject);
  }).toPass({ timeout: 15_000 });
  return link;
}

/** Answers every statement on the page with the given label. */
async function answerPage(page: Page, label: string) {
  const items = page.locator("fieldset.item");
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByText(label, { exact: true }).click();
  }
}

test("a respondent fills in half, closes the page, comes back and finishes", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const link = personalLink(js, "anna@gemeente.nl");

  await page.goto(link);
  // Wait for the WebAssembly to take over before clicking: a choice made on the server-rendered
  // page in the moment before hydration is not guaranteed to survive it.
  if (js) await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Feedback over Piet Jansen");
  // The promise says exactly what the engine keeps (issue 18), and no longer that nobody can
  // see which answers are whose.
  const promise = page.getByTestId("anonymity-promise");
  await expect(promise).toContainText("Uw antwoorden zijn anoniem.");
  await expect(promise).toContainText("alleen als ten minste 3 mensen uit die groep hebben geantwoord");
  await expect(promise).toContainText("samengevoegd als ze samen ten minste 3 mensen tellen");
  await expect(promise).toContainText("in een lijst met toelichtingen van ten minste 3 verschillende mensen");
  await expect(promise).toContainText("De organisator ziet per groep hoeveel mensen hebben geantwoord, niet wie.");
  await expect(promise).toContainText("zonder enige verwijzing naar u of uw uitnodiging");
  await expect(promise).not.toContainText("Niemand, ook de beheerder niet");
  await page.getByRole("link", { name: "Beginnen" }).click();

  // Part 1: every statement, and a comment.
  await expect(page.getByText(/Onderdeel 1 van \d+/)).toBeVisible();
  if (js) await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await answerPage(page, "4 goed");
  await page.getByLabel("Toelichting (niet verplicht)").fill("Werkt prettig samen.");
  await page.getByRole("button", { name: "Volgende" }).click();
  // Part 2: only the first statement, then the browser is closed.
  await expect(page.getByText(/Onderdeel 2 van \d+/)).toBeVisible();
  await page.locator("fieldset.item").first().getByText("kan ik niet beoordelen", { exact: true }).click();
  if (js) {
    // With JavaScript the part came without a page load, and the answer is saved as it is given.
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
    // The skip link moves within the page: the page is not fetched again (which would empty
    // the status line).
    await page.getByRole("link", { name: "Naar de inhoud" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Volgende" }).click();
    await expect(page.getByText(/Onderdeel 3 van \d+/)).toBeVisible();
  }
  await page.close();

  // A new browser session opens the same link: it resumes at part 2, with the answers kept.
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const again = await context.newPage();
  await again.goto(link);
  if (js) await again.waitForLoadState("networkidle");
  await again.getByRole("link", { name: "Verdergaan waar u was" }).click();
  await expect(again.getByText(/Onderdeel 2 van \d+/)).toBeVisible();
  await expect(again.locator("fieldset.item").first().getByLabel("kan ik niet beoordelen")).toBeChecked();
  await again.getByRole("button", { name: "Vorige" }).click();
  await expect(again.getByLabel("Toelichting (niet verplicht)")).toHaveValue("Werkt prettig samen.");
  await again.getByRole("button", { name: "Volgende" }).click();

  // Finish every part and look at the summary. (With JavaScript the next part arrives without a
  // page load: wait for it before answering.)
  for (let part = 2; ; part++) {
    await expect(again.getByText(new RegExp(`Onderdeel ${part} van \\d+`))).toBeVisible();
    await answerPage(again, "3 normaal");
    const next = again.getByRole("button", { name: "Volgende" });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await again.getByRole("button", { name: "Naar het overzicht" }).click();
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Overzicht voor het versturen");
  await expect(again.getByText("U heeft alle uitspraken beantwoord.")).toBeVisible();
  await again.getByRole("button", { name: "Versturen" }).click();
  await expect(again.getByTestId("thanks")).toContainText("Uw antwoorden zijn opgeslagen");

  // The link now says it was used; nothing can be sent twice.
  await again.goto(link);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Al ingevuld");
  await context.close();
});

test("a respondent completes the scan with the keyboard only", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto(personalLink(js, "bram@gemeente.nl"));
  if (js) await page.waitForLoadState("networkidle");

  const focusOn = async (name: RegExp) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.innerText || (el as HTMLInputElement).value || "") : "";
      });
      if (name.test(label.trim())) return;
    }
    throw new Error(`could not reach ${name} with Tab`);
  };

  await focusOn(/^Beginnen$/);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Onderdeel 1 van \d+/)).toBeVisible();
  for (let part = 0; part < 20; part++) {
    const items = await page.locator("fieldset.item").count();
    for (let i = 0; i < items; i++) {
      // Tab reaches the next group of choices; Space picks the first, arrows move to "4 goed".
      await page.keyboard.press("Tab");
      if (i === 0) {
        // From the top of the page the first Tab may land on a link; go until a radio has focus.
        while ((await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type)) !== "radio") {
          await page.keyboard.press("Tab");
        }
      }
      await page.keyboard.press("Space");
      for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowRight");
    }
    const last = (await page.getByRole("button", { name: "Volgende" }).count()) === 0;
    await focusOn(last ? /^Naar het overzicht$/ : /^Volgende$/);
    await page.keyboard.press("Enter");
    if (last) break;
    await expect(page.getByText(new RegExp(`Onderdeel ${part + 2} van \\d+`))).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht voor het versturen");
  await expect(page.getByText("U heeft alle uitspraken beantwoord.")).toBeVisible();
  await focusOn(/^Versturen$/);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("thanks")).toBeVisible();
});

test("an unknown link and a tampered answer get a clear page and change nothing", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto(`/s/${"0".repeat(64)}`);
  await expect(page.getByTestId("link-invalid")).toBeVisible();

  // A rating outside the scale, posted as a tampered form, is refused with a message.
  const link = personalLink(js, "cees@gemeente.nl");
  await page.goto(`${link}/q/0`);
  const key = await page.locator("fieldset.item input[type=radio]").first().getAttribute("name");
  const response = await page.request.post(`${link}/q/0`, { form: { [key!]: "9", action: "next" }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  await page.goto(response.headers()["location"]);
  await expect(page.getByRole("alert")).toContainText("staat niet op de schaal");
  await expect(page.locator("fieldset.item").first().locator("input:checked")).toHaveCount(0);
});

test("an informant reads about de betrokkene, the subject reads about themselves", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  // Opening a page writes nothing: 05-report still finds these links unused.
  await page.goto(`${personalLink(js, "dirk@gemeente.nl")}/q/0`);
  const statements = page.locator("fieldset.item legend");
  await expect(statements.first()).toHaveText(/^De betrokkene /);
  for (const text of await statements.allInnerTexts()) {
    expect(text).not.toMatch(/\b(je|jij|jou|jouw|jezelf)\b/i);
  }
  await expect(page.getByTestId("about-subject")).toHaveText("„De betrokkene” in de uitspraken is Piet Jansen.");

  await page.goto(`${personalLink(js, "piet.jansen@gemeente.nl", "Subject: Uw zelfbeoordeling")}/q/0`);
  await expect(statements.first()).toHaveText(/^Ik /);
  await expect(page.getByTestId("about-subject")).toHaveCount(0);
});

test("on a phone the five answers stand in one column, and no statement crosses its border", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${personalLink(js, "dirk@gemeente.nl")}/q/0`);
  const items = page.locator("fieldset.item");
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    const boxes = await item.locator(".choice:not(.choice-none) label").evaluateAll((labels) =>
      labels.map((l) => l.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width })),
    );
    expect(boxes).toHaveLength(5);
    const oneRow = boxes.every((b) => Math.abs(b.y - boxes[0].y) < 1);
    const oneColumn = boxes.every((b) => Math.abs(b.x - boxes[0].x) < 1 && Math.abs(b.width - boxes[0].width) < 1);
    expect(oneRow || oneColumn, JSON.stringify(boxes)).toBe(true);
    // The statement lies inside the box, below its top border.
    const [fieldset, legend] = await Promise.all([item.boundingBox(), item.locator("legend").boundingBox()]);
    expect(legend!.y).toBeGreaterThan(fieldset!.y + 1);
    expect(legend!.x + legend!.width).toBeLessThanOrEqual(fieldset!.x + fieldset!.width);
  }
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("a scan in English opens in English, each audience reads its own introduction with its line breaks", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await signIn(page, testInfo);
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Nieuwe scan" }).click();
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Karin Smit");
  await page.getByLabel("E-mailadres").fill("karin.smit@gemeente.nl");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByLabel("Taal van de uitnodigingen").selectOption("en");
  await page.getByLabel("Inleiding voor de informanten").fill("Dear colleague,\nPlease be honest.\n\nThank you,\nHR");
  await page.getByLabel("Inleiding voor de beoordeelde zelf").fill("Dear Karin,\nPlease rate yourself first.");
  if (js) await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("status").first()).toContainText("De conceptscan is aangemaakt");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Karin Smit");
  if (js) await page.waitForLoadState("networkidle");
  const addOne = page.locator("#add-one");
  await addOne.getByLabel("Naam").fill("Lotte Maas");
  await addOne.getByLabel("E-mailadres").fill("lotte@gemeente.nl");
  await addOne.getByLabel("Groep").selectOption({ label: "Collega's" });
  await addOne.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status").first()).toContainText("1 informant toegevoegd.");
  if (js) await page.waitForLoadState("networkidle");
  await page
    .getByRole("region", { name: "Volgende stappen" })
    .getByRole("link", { name: "Scan openen en uitnodigingen versturen" })
    .click();
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open. 2 uitnodigingen");

  // A browser that prefers Dutch (the context's nl-NL) still gets the scan's English.
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const informant = await context.newPage();
  const link = await deliveredLink(js, "lotte@gemeente.nl", "Subject: Request for your feedback on Karin Smit");
  await informant.goto(link);
  await expect(informant.locator("html")).toHaveAttribute("lang", "en");
  await expect(informant.getByRole("heading", { level: 1 })).toHaveText("Feedback about Karin Smit");
  const intro = informant.locator("section.card").filter({ has: informant.getByRole("heading", { name: /Message from/ }) });
  const paragraphs = intro.locator("p");
  await expect(paragraphs).toHaveCount(2);
  expect(await paragraphs.nth(0).innerHTML()).toBe("Dear colleague,<br>Please be honest.");
  expect(await paragraphs.nth(1).innerHTML()).toBe("Thank you,<br>HR");
  await expect(intro).not.toContainText("rate yourself");
  await informant.goto(`${link}/q/0`);
  await expect(informant.getByText(/Part 1 of \d+/)).toBeVisible();
  // The language switch still overrides it.
  await informant.getByRole("link", { name: "Nederlands" }).click();
  await expect(informant.locator("html")).toHaveAttribute("lang", "nl");
  await expect(informant.getByText(/Onderdeel 1 van \d+/)).toBeVisible();
  await context.close();

  const own = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const subject = await own.newPage();
  await subject.goto(await deliveredLink(js, "karin.smit@gemeente.nl", "Subject: Your self-assessment"));
  await expect(subject.getByRole("heading", { level: 1 })).toHaveText("Your self-assessment");
  const ownIntro = subject.locator("section.card").filter({ has: subject.getByRole("heading", { name: /Message from/ }) });
  expect(await ownIntro.locator("p").first().innerHTML()).toBe("Dear Karin,<br>Please rate yourself first.");
  await expect(ownIntro).not.toContainText("Please be honest");
  await own.close();
});
