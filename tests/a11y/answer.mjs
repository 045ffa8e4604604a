// Answers the date proposal of a personal page as its person would, in the real headless
// Chromium (Debian's /usr/bin/chromium), without JavaScript on the page's side:
//   node tests/a11y/answer.mjs URL TEXT... [?TEXT...]
// Ticks the dates whose label contains one of the TEXTs (and unticks the others) — with a
// leading "?", the date's "if need be" box instead —, presses the dates' button, and prints,
// as one JSON line, what the page shows after it: its address, its status message, the labels
// of the dates ticked, and those ticked "if need be".
import { chromium } from "playwright-core";

const [url, ...wanted] = process.argv.slice(2);
if (!url) {
  console.error("usage: node tests/a11y/answer.mjs URL TEXT...");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const dates = page.locator("form:has(input[type=checkbox])");
  const firm = wanted.filter((text) => !text.startsWith("?"));
  const ifNeedBe = wanted.filter((text) => text.startsWith("?")).map((text) => text.slice(1));
  // The date a box is about: its own label, or for an "if need be" box the date it describes.
  const dateOf = async (box) => {
    const described = await box.getAttribute("aria-describedby");
    if (described) return page.locator(`[id="${described}"]`).innerText();
    const id = await box.getAttribute("id");
    return page.locator(`label[for="${id}"]`).innerText();
  };
  const boxes = dates.locator("input[type=checkbox]");
  for (let index = 0; index < (await boxes.count()); index += 1) {
    const box = boxes.nth(index);
    const date = await dateOf(box);
    const texts = (await box.getAttribute("name")) === "maybe" ? ifNeedBe : firm;
    await box.setChecked(texts.some((text) => date.includes(text)));
  }
  await Promise.all([page.waitForNavigation(), dates.locator("button[type=submit]").click()]);
  const status = (await page.locator("[role=status]").allInnerTexts()).join(" ");
  const ticked = [];
  const maybe = [];
  const after = page.locator("input[type=checkbox]:checked");
  for (let index = 0; index < (await after.count()); index += 1) {
    const box = after.nth(index);
    const kept = (await box.getAttribute("name")) === "maybe" ? maybe : ticked;
    kept.push(await dateOf(box));
  }
  console.log(JSON.stringify({ url: new URL(page.url()).search, status, ticked, maybe }));
} finally {
  await browser.close();
}
