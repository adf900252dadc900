import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect, signIn } from "./fixtures";

// Runs after 05-report, which names lezer@gemeente.nl (an account) as the report's reader and
// closes the scan. Issue 20: nobody has to tell the reader; the closing mailed them a link to
// the report (here an .eml file in the server's outbox directory, the reader's inbox), the link
// opens the report once they sign in, and the scan page says who was told.
const reader = { email: "lezer@gemeente.nl", password: "een-ander-lang-wachtwoord" };

/** The messages in the outbox directory addressed to `recipient`, decoded from quoted-printable soft breaks. */
function inbox(js: boolean, recipient: string): string[] {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .filter((raw) => raw.includes(`To: ${recipient}`))
    .map((raw) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "="));
}

test("the closing told the report's reader, whose link opens the report", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const base = testInfo.project.use.baseURL!;

  // One message, with the report's link and no account invitation (the reader has an account).
  const notices = inbox(js, reader.email).filter((raw) => /^Subject: Het rapport over Piet Jansen is klaar/m.test(raw));
  expect(notices).toHaveLength(1);
  const link = notices[0].match(/https?:\/\/[^\s"<>]+\/scans\/[^\s"<>/]+\/rapport/)?.[0];
  expect(link, "a link to the report").toBeTruthy();
  expect(link!.startsWith(base)).toBe(true);
  expect(notices[0]).not.toContain("/invite/");

  // The link opens the report for the reader, behind the login.
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: base, locale: "nl-NL" });
  const readerPage = await context.newPage();
  await signIn(readerPage, testInfo, reader);
  const response = await readerPage.goto(new URL(link!).pathname);
  expect(response!.status()).toBe(200);
  if (js) await readerPage.waitForLoadState("networkidle");
  await expect(readerPage.getByRole("heading", { level: 1 })).toContainText("Piet Jansen");
  await context.close();

  // The organiser's scan page lists the reader as told.
  await signIn(page, testInfo);
  await page.goto(new URL(link!).pathname.replace(/\/rapport$/, ""));
  if (js) await page.waitForLoadState("networkidle");
  const notice = page.getByTestId("readers-notice");
  await expect(notice.getByRole("heading", { level: 2 })).toHaveText("Wie hoort dat het rapport klaar is");
  await expect(notice.getByRole("listitem")).toHaveText([`${reader.email} — heeft bericht gekregen`]);
  await expect(notice.getByRole("note")).toHaveCount(0);
  // (10-accessibility audits this page, the closed scan, with axe-core.)
});

test("a reader added to the closed scan is invited to create an account, then reads the report", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const base = testInfo.project.use.baseURL!;
  const newcomer = { email: js ? "nieuw.js@gemeente.nl" : "nieuw@gemeente.nl", password: "nog-een-lang-wachtwoord" };

  await signIn(page, testInfo);
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  const scanPath = new URL(page.url()).pathname;
  await page.goto(`${scanPath}/edit`);
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Lezers van het rapport").fill(`${reader.email}, ${newcomer.email}`);
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`${scanPath}(\\?|$)`));
  const notice = page.getByTestId("readers-notice");
  await expect(notice.getByRole("listitem")).toHaveText([
    `${reader.email} — heeft bericht gekregen`,
    `${newcomer.email} — heeft bericht gekregen`,
  ]);

  // The invitation arrives (the outbox worker sends every two seconds) with both links.
  let message = "";
  await expect
    .poll(() => (message = inbox(js, newcomer.email).find((raw) => /^Subject: Het rapport over Piet Jansen is klaar: maak uw account aan/m.test(raw)) ?? ""), { timeout: 15_000 })
    .not.toBe("");
  const invite = message.match(/https?:\/\/[^\s"<>]+\/invite\/[0-9a-f]{64}/)?.[0];
  const report = message.match(/https?:\/\/[^\s"<>]+\/scans\/[^\s"<>/]+\/rapport/)?.[0];
  expect(invite, "an invitation link").toBeTruthy();
  expect(new URL(report!).pathname).toBe(`${scanPath}/rapport`);

  // The invitation link sets a password; the new account signs in and opens the report.
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: base, locale: "nl-NL" });
  const own = await context.newPage();
  await own.goto(new URL(invite!).pathname);
  if (js) await own.waitForLoadState("networkidle");
  await own.getByLabel("Wachtwoord", { exact: true }).fill(newcomer.password);
  await own.getByLabel("Herhaal het wachtwoord").fill(newcomer.password);
  await own.getByRole("button", { name: "Account activeren" }).click();
  await expect(own.getByRole("status").first()).toContainText("Uw account is geactiveerd");
  await signIn(own, testInfo, newcomer);
  const response = await own.goto(new URL(report!).pathname);
  expect(response!.status()).toBe(200);
  if (js) await own.waitForLoadState("networkidle");
  await expect(own.getByRole("heading", { level: 1 })).toContainText("Piet Jansen");
  await context.close();
});
