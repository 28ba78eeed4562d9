// Browser tests of search (issue 5): a reader types into the search box on
// a page, gets results with the matched words highlighted, follows "هل
// تقصد", and sees an Arabic empty state; at a phone and a laptop size.
//
//   JARIDA_BIN=build/jarida node --test tests/browser/search.test.js
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const h = require("./harness");

const T = { timeout: 60000 };
const HOOK_T = { timeout: 90000 };

const unavailable = h.browserUnavailable();

if (unavailable && h.BROWSER_REQUIRED) {
  it("browser tests can run", () => {
    assert.fail(`browser tests required (CI=true or JARIDA_REQUIRE_BROWSER=1) but cannot run: ${unavailable}`);
  });
}

// A word of an article title the reader can search for: 6+ letters, in as
// few articles as possible but at least two (found through the API, not
// hard-coded).
async function pickWord(base, home) {
  const titles = [...home.matchAll(/<h2><a href="[^"]+">(?:<span class="kicker">[^<]*<\/span> )?([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
  const words = new Set();
  for (const t of titles) for (const w of t.match(/[\u0621-\u064A]{6,}/g) || []) words.add(w);
  let best = null;
  for (const w of words) {
    const r = await fetch(`${new URL("/api/v1/search", base).href}?q=${encodeURIComponent(w)}`);
    const data = await r.json();
    if (data.total >= 2 && !data.suggestion && (!best || data.total < best.total)) best = { w, total: data.total };
  }
  if (!best) throw new Error(`no title word on the home page is in two articles (${words.size} words)`);
  return best.w;
}

describe("search in Chromium", { skip: unavailable ? `SKIPPED: ${unavailable}` : false }, () => {
  let server;
  let browser;
  let word;

  before(async () => {
    server = await h.startServer();
    const home = await (await fetch(new URL("/", server.base))).text();
    word = await pickWord(server.base, home);
    browser = await h.launchBrowser();
  }, HOOK_T);

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  }, HOOK_T);

  for (const vp of h.VIEWPORTS) {
    describe(`at ${vp.width}×${vp.height}`, () => {
      let context;
      let page;
      let problems;

      before(async () => {
        context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          deviceScaleFactor: 1,
          isMobile: vp.mobile,
          hasTouch: vp.mobile,
          locale: "ar",
        });
        context.setDefaultTimeout(15000);
        page = await context.newPage();
        problems = [];
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("console", (m) => {
          if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location().url || "")) problems.push(`console: ${m.text()}`);
        });
      }, HOOK_T);

      after(async () => {
        if (context) await context.close().catch(() => {});
      }, HOOK_T);

      it("the header's search box leads to highlighted results", T, async () => {
        await h.open(page, new URL("/", server.base).href);
        const box = page.locator("header form.search input[name=q]");
        await h.assertReadable(box, "search box in the header");
        await box.fill(word);
        await Promise.all([page.waitForURL(/\/search\?q=/), box.press("Enter")]);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
        await h.assertReadable(page.locator(".search-count"), "result count");
        assert.match(await page.locator(".search-count").innerText(), /نتيجة|نتائج|نتيجتان/);
        const hits = page.locator("article.search-hit");
        assert.ok((await hits.count()) >= 2, "at least two results");
        await h.assertReadable(hits.first().locator("h2 a"), "first result title");
        const mark = page.locator("article.search-hit mark").first();
        await h.assertReadable(mark, "a highlighted word");
        const style = await mark.evaluate((m) => getComputedStyle(m).backgroundColor);
        assert.notEqual(style, "rgba(0, 0, 0, 0)", "highlight has a background");
        assert.ok((await mark.innerText()).includes(word.slice(1, 4)), "the highlight is the searched word");
        // The results box keeps the query for refining it.
        assert.equal(await page.locator(".search-results input[name=q]").inputValue(), word);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
        await page.screenshot({ path: h.artifact(`search-${vp.width}.png`), fullPage: true });
        // Following a result opens the article.
        await Promise.all([page.waitForURL(/\/\d{4}\/\d{2}\//), hits.first().locator("h2 a").click()]);
        assert.ok(await page.locator("h1.headline").isVisible());
        assert.deepEqual(problems, []);
      });

      it("a typo offers 'هل تقصد' and the link searches the corrected word", T, async () => {
        const typo = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
        await h.open(page, `${new URL("/search", server.base).href}?q=${encodeURIComponent(typo)}`);
        const mean = page.locator(".did-you-mean");
        await h.assertReadable(mean, "did-you-mean line");
        assert.match(await mean.innerText(), /^هل تقصد:/);
        await Promise.all([page.waitForURL(/\/search\?q=/), mean.locator("a").click()]);
        assert.equal(await page.locator(".did-you-mean").count(), 0, "the corrected search needs no correction");
        assert.ok((await page.locator("article.search-hit").count()) >= 1);
      });

      it("nothing found is said in Arabic, with advice", T, async () => {
        await h.open(page, `${new URL("/search", server.base).href}?q=${encodeURIComponent("زلزال")}`);
        await h.assertReadable(page.locator(".empty-state"), "empty state");
        assert.match(await page.locator(".empty-state").innerText(), /لم نجد مقالات تطابق بحثك/);
        assert.equal(await page.locator("article.search-hit").count(), 0);
      });
    });
  }
});
