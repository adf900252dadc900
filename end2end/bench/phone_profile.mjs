// The slow phone both benchmarks load pages on (phone.mjs, respond-wasm/startup.mjs), so their
// figures stay comparable: Lighthouse's "slow 4G" network and CPU slowdown, on a 390x844 screen.

export const phone = {
  downloadKbps: 1600,
  uploadKbps: 750,
  latencyMs: 150,
  cpuSlowdown: 4,
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
};

/**
 * A fresh browser context with the phone's screen (nothing cached or signed in from an earlier
 * load), `initScript` run before each page's own scripts; its page and a DevTools session on it.
 */
export async function newPhonePage(browser, initScript) {
  const context = await browser.newContext({
    viewport: phone.viewport,
    deviceScaleFactor: phone.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    userAgent: phone.userAgent,
    locale: "nl-NL",
  });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Network events on and the cache off: every load fetches everything, as a first visit does. */
export async function disableCache(cdp) {
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
}

/** The phone's network and CPU speed for the session's page (after `disableCache`). */
export async function throttleToPhone(cdp) {
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: phone.latencyMs,
    downloadThroughput: (phone.downloadKbps * 1000) / 8,
    uploadThroughput: (phone.uploadKbps * 1000) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: phone.cpuSlowdown });
}
