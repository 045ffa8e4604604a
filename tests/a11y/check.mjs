// Checks pages of the group's site in the real headless Chromium (Debian's /usr/bin/chromium):
//   node tests/a11y/check.mjs [--screenshot=FILE] URL...
// For every URL, at three sizes (a desktop window; the same window at 200 % zoom, i.e. half its
// CSS width at twice the pixel density; a phone, 360 CSS pixels wide):
//   - axe-core's WCAG 2.0/2.1 A and AA rules: zero violations;
//   - a `lang` on <html>;
//   - no sideways scrolling (the content reflows);
//   - the first element that Tab reaches shows a visible focus outline.
// Prints one line per page and size, then "violations: N" in all; exits 1 if N > 0.
// --screenshot=FILE saves the first URL at the phone's width (for docs/).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
const screenshot = args.find((a) => a.startsWith("--screenshot="))?.slice("--screenshot=".length);
const urls = args.filter((a) => !a.startsWith("--"));
if (urls.length === 0) {
  console.error("usage: node tests/a11y/check.mjs [--screenshot=FILE] URL...");
  process.exit(2);
}

const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  { name: "zoom-200", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
  { name: "phone", viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let total = 0;
try {
  for (const size of sizes) {
    const context = await browser.newContext({
      viewport: size.viewport,
      deviceScaleFactor: size.deviceScaleFactor,
      isMobile: size.isMobile ?? false,
      hasTouch: size.hasTouch ?? false,
    });
    const page = await context.newPage();
    for (const url of urls) {
      const response = await page.goto(url, { waitUntil: "load" });
      const problems = [];
      if (!response || response.status() !== 200) problems.push(`status ${response?.status()}`);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }),
      );
      for (const v of result.violations) {
        const where = v.nodes.map((n) => n.target.join(" ")).join(", ");
        problems.push(`${v.id} (${v.impact}): ${v.help} — ${where}`);
      }
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute("lang"),
        scrollWidth: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (!facts.lang) problems.push("no lang attribute on <html>");
      if (facts.scrollWidth > facts.width) {
        problems.push(`scrolls sideways: ${facts.scrollWidth} px of content in ${facts.width} px`);
      }
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (!focus) problems.push("Tab reaches nothing");
      else if (focus.outline === "none" || !(focus.width >= 2)) {
        problems.push(`no visible focus on ${focus.tag} (outline ${focus.outline} ${focus.width}px)`);
      }
      total += problems.length;
      const path = new URL(url).pathname.replace(/^\/[^/]+\//, "/");
      console.log(`${size.name} ${path}: ${problems.length === 0 ? "ok" : problems.join("; ")}`);
      if (screenshot && size.name === "phone" && url === urls[0]) {
        await page.keyboard.press("Escape");
        await page.screenshot({ path: screenshot, fullPage: true });
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`violations: ${total}`);
process.exit(total === 0 ? 0 : 1);
