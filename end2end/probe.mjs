import { chromium } from "@playwright/test";
const base = process.argv[2]; const path = process.argv[3] || "/login";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const page = await browser.newPage({ locale: "nl-NL" });
page.on("console", async m => {
  const parts = [];
  for (const a of m.args()) { try { parts.push(await a.evaluate(n => (n && n.nodeType) ? (n.nodeType + ":" + (n.outerHTML || n.textContent || "").slice(0, 300) + " | parent=" + (n.parentNode && n.parentNode.outerHTML ? n.parentNode.outerHTML.slice(0, 400) : "")) : String(n).slice(0, 200))); } catch (e) { parts.push("?"); } }
  console.log("CONSOLE", m.type(), parts.join(" ## "));
});
await page.goto(base + path);
await page.waitForTimeout(4000);
await browser.close();
