// Browser tests of the reader's site (issue 3): the article page at a phone
// (390×844) and a laptop (1280×800) size in Debian's Chromium, driven by npm
// playwright-core against a real `jarida serve` on a demo site.
//
//   JARIDA_BIN=build/jarida node --test tests/browser/
//
// Env: JARIDA_BIN (server binary), JARIDA_ARTIFACTS (screenshot folder,
// default build/browser-artifacts), JARIDA_UPDATE_README_SHOT=1 (also write
// docs/screenshots/article-390.png), CI=true or JARIDA_REQUIRE_BROWSER=1
// (fail instead of skipping when Chromium or playwright-core is missing).
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness");

const T = { timeout: 60000 };
const HOOK_T = { timeout: 90000 };

const unavailable = h.browserUnavailable();

if (unavailable && h.BROWSER_REQUIRED) {
  it("browser tests can run", () => {
    assert.fail(`browser tests required (CI=true or JARIDA_REQUIRE_BROWSER=1) but cannot run: ${unavailable}`);
  });
}

if (unavailable && !h.BROWSER_REQUIRED) {
  process.stderr.write(`WARNING: browser tests SKIPPED: ${unavailable}\n`);
}

describe("reader's site in Chromium", { skip: unavailable ? `SKIPPED: ${unavailable}` : false }, () => {
  let server;
  let browser;
  let article; // { path, comments }

  before(async () => {
    server = await h.startServer();
    article = await h.findArticleWithComments(server.base);
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
      let problems; // console errors, page errors, failed requests
      const url = () => new URL(article.path, server.base).href;

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
        page.on("console", (m) => {
          // Chromium's own /favicon.ico probe is not the page's doing.
          if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location().url || "")) {
            problems.push(`console: ${m.text()} (${decodeURI(m.location().url || "?")})`);
          }
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("requestfailed", (r) => problems.push(`request failed: ${decodeURI(r.url())} ${r.failure()?.errorText}`));
        page.on("response", (r) => { if (r.status() >= 400 && r.request().resourceType() !== "document") problems.push(`HTTP ${r.status()}: ${decodeURI(r.url())}`); });
      }, HOOK_T);

      after(async () => {
        if (context) await context.close().catch(() => {});
      }, HOOK_T);

      it("loads with status 200, no script errors, CSP violations or failed requests", T, async () => {
        problems.length = 0;
        const res = await h.open(page, url());
        assert.equal(res.status(), 200);
        assert.deepEqual(problems, []);
      });

      it("is right-to-left Arabic", T, async () => {
        await h.open(page, url());
        const dir = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          body: getComputedStyle(document.querySelector(".article .body")).direction,
          headline: getComputedStyle(document.querySelector("h1.headline")).direction,
        }));
        assert.deepEqual(dir, { dir: "rtl", lang: "ar", body: "rtl", headline: "rtl" });
      });

      it("shows every label of the seed page", T, async () => {
        await h.open(page, url());
        const art = page.locator("article.article");
        await h.assertReadable(page.getByRole("button", { name: "ارسل الى صديق", exact: true }), "button ارسل الى صديق");
        await h.assertReadable(art.locator(".tools span", { hasText: "وقت الإرسال:" }), "وقت الإرسال:");
        await h.assertReadable(art.locator(".tools span", { hasText: "زيارة:" }), "زيارة:");
        const visits = await art.locator(".tools .visits").innerText();
        assert.match(visits, /^زيارة: \d+$/, "visit counter text");
        const published = await art.locator(".tools .published").innerText();
        assert.match(published, /^وقت الإرسال: \d{1,2} \S+ \d{4}/, "publish time text");

        const headline = art.locator("h1.headline");
        await h.assertReadable(headline, "headline h1.headline");
        assert.ok((await headline.innerText()).trim().length > 10, "headline has text");

        const category = art.locator("p.category");
        await h.assertReadable(category.locator("a"), "category link");
        assert.match(await category.innerText(), /^\(.+\)$/, "category is shown in parentheses");
        assert.match(decodeURI(await category.locator("a").getAttribute("href")), /^\/category\/[^/]+\/$/);

        const commentsTitle = page.locator("#comments h2", { hasText: "التعليقات" });
        await h.assertReadable(commentsTitle, "التعليقات");
        assert.ok(!(await commentsTitle.innerText()).includes("أحدث"), "comments heading is not the latest-comments one");
        assert.ok(await page.locator("#comments article.comment").count() >= 1, "the article shows its comments");
        await h.assertReadable(page.locator("#comments article.comment").first(), "first comment");

        await h.assertReadable(page.locator("h2", { hasText: "أحدث التعليقات" }), "أحدث التعليقات");
        assert.ok(await page.locator(".latest-comments li").count() >= 1, "latest-comments list has items");
        await h.assertReadable(page.locator("h2", { hasText: "عن الموقع" }), "عن الموقع");
        const more = page.getByRole("link", { name: "اقرأ المزيد", exact: true });
        await h.assertReadable(more, "link اقرأ المزيد");
        assert.equal(await more.getAttribute("href"), "/about/");
      });

      it("draws the text with the Arabic web fonts Jarida serves", T, async (t) => {
        await h.open(page, url());
        const checks = [
          { selector: ".body p", families: ["Noto Naskh Arabic"] },
          { selector: "h1.headline", families: ["Noto Kufi Arabic", "Noto Naskh Arabic"] },
          { selector: "#comments .comment .text", families: ["Noto Naskh Arabic"] },
          { selector: ".site-footer .about p", families: ["Noto Naskh Arabic"] },
        ];
        for (const { selector, families } of checks) {
          const fonts = await h.platformFonts(page, selector);
          const summary = fonts.map((f) => `${f.familyName}${f.isCustomFont ? " (web font)" : ""}: ${f.glyphCount}`).join(", ");
          t.diagnostic(`${selector}: ${summary}`);
          const top = fonts[0];
          assert.ok(top && families.includes(top.familyName), `${selector}: drawn mostly with ${summary || "nothing"}; want ${families.join(" or ")}`);
          assert.ok(top.isCustomFont, `${selector}: ${top.familyName} comes from the system, not the web font served by Jarida (${summary})`);
          const notdef = fonts.filter((f) => /notdef|last ?resort/i.test(f.familyName));
          assert.deepEqual(notdef, [], `${selector}: tofu (${summary})`);
          // Glyphs not in the Arabic web fonts (Latin digits, quotes) may fall
          // back to system fonts, but Arabic text must not: at most a few %.
          const total = fonts.reduce((s, f) => s + f.glyphCount, 0);
          const fallback = fonts.filter((f) => !f.isCustomFont).reduce((s, f) => s + f.glyphCount, 0);
          assert.ok(fallback <= total * 0.05, `${selector}: ${fallback} of ${total} glyphs from system fonts (${summary})`);
        }
      });

      it("has no horizontal scroll", T, async () => {
        await h.open(page, url());
        const m = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          wide: [...document.querySelectorAll("body *")]
            .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1); })
            .filter((e) => !e.closest("dialog:not([open]), .skip, .cats ul"))
            .slice(0, 5).map((e) => e.outerHTML.slice(0, 100)),
        }));
        assert.ok(m.scrollWidth <= m.innerWidth, `scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}; too wide: ${m.wide.join(" | ")}`);
      });

      it("opens the send-to-friend dialog and closes it with x, Esc and a click outside", T, async () => {
        await h.open(page, url());
        const button = page.getByRole("button", { name: "ارسل الى صديق", exact: true });
        const dialog = page.locator("dialog#send-friend");
        const isOpen = () => dialog.evaluate((d) => d.open);
        assert.equal(await isOpen(), false, "dialog starts closed");

        const openIt = async (how) => {
          await button.scrollIntoViewIfNeeded();
          await button.click();
          assert.equal(await isOpen(), true, `dialog open after click (${how})`);
          assert.ok(await dialog.isVisible(), `dialog visible (${how})`);
          const focused = await page.evaluate(() => {
            const a = document.activeElement;
            return a ? `${a.tagName.toLowerCase()}[type=${a.getAttribute("type")}] in dialog: ${!!a.closest("dialog#send-friend")}` : "nothing";
          });
          assert.equal(focused, "input[type=email] in dialog: true", `email input focused (${how})`);
          const box = await dialog.boundingBox();
          const vw = page.viewportSize().width;
          assert.ok(box.x >= 0 && box.x + box.width <= vw, `dialog fits the viewport (${JSON.stringify(box)})`);
          // Its fields stay inside its padding: nothing sticks out or scrolls.
          const fit = await dialog.evaluate((d) => {
            const r = d.getBoundingClientRect();
            const cs = getComputedStyle(d);
            const left = r.left + parseFloat(cs.paddingLeft) - 0.5;
            const right = r.right - parseFloat(cs.paddingRight) + 0.5;
            return {
              scrolls: d.scrollWidth > d.clientWidth,
              outside: [...d.querySelectorAll("h2, label, input:not([type=hidden]), button:not(.close)")]
                .filter((e) => { const b = e.getBoundingClientRect(); return b.left < left || b.right > right; })
                .map((e) => `${e.outerHTML.slice(0, 60)} [${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}] not in [${Math.round(left)}..${Math.round(right)}]`),
            };
          });
          assert.deepEqual(fit, { scrolls: false, outside: [] }, `dialog content fits inside the dialog (${how})`);
          await h.assertReadable(dialog.locator("h2", { hasText: "ارسل الى صديق" }), "dialog title");
          await h.assertReadable(dialog.locator("button.close"), "close x");
        };

        await openIt("x");
        if (vp.width === 390) await page.screenshot({ path: h.artifact("article-390-dialog.png") });
        const close = dialog.locator("button.close");
        assert.equal((await close.innerText()).trim(), "x");
        await close.click();
        assert.equal(await isOpen(), false, "closed by x");
        assert.ok(!(await dialog.isVisible()), "hidden after x");

        await openIt("Esc");
        await page.keyboard.press("Escape");
        await page.waitForFunction(() => !document.getElementById("send-friend").open, null, { timeout: 3000 })
          .catch(() => {});
        assert.equal(await isOpen(), false, "closed by Escape");

        await openIt("outside");
        await page.mouse.click(5, 5); // on the ::backdrop, outside the dialog box
        assert.equal(await isOpen(), false, "closed by a click outside");

        // A click inside the dialog (on its own padding, beside the form) must
        // not close it.
        await openIt("inside");
        const b = await dialog.boundingBox();
        await page.mouse.click(b.x + b.width / 2, b.y + b.height - 4);
        assert.equal(await isOpen(), true, "a click inside the dialog box keeps it open");
        await page.keyboard.press("Escape");
      });

      it("screenshots: article and home page", T, async () => {
        await h.open(page, url());
        if (vp.width === 390 && h.UPDATE_README_SHOT) {
          fs.mkdirSync(path.dirname(h.README_SHOT), { recursive: true });
          await page.screenshot({ path: h.README_SHOT });
        }
        await page.screenshot({ path: h.artifact(`article-${vp.width}.png`) });
        await page.screenshot({ path: h.artifact(`article-${vp.width}-full.png`), fullPage: true });
        await h.open(page, server.base);
        await page.screenshot({ path: h.artifact(`home-${vp.width}-full.png`), fullPage: true });
        const home = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          scroll: document.documentElement.scrollWidth <= window.innerWidth,
          cards: document.querySelectorAll("article.card").length,
        }));
        assert.deepEqual(home, { dir: "rtl", scroll: true, cards: home.cards });
        assert.ok(home.cards >= 5, `home page lists articles (${home.cards})`);
      });

      it("404 page is Arabic, right-to-left, with a search box", T, async () => {
        const res = await h.open(page, new URL("/no-such-page/", server.base).href);
        assert.equal(res.status(), 404);
        await h.assertReadable(page.getByText("الصفحة غير موجودة", { exact: true }), "الصفحة غير موجودة");
        await h.assertReadable(page.locator("main input[type=search]"), "search input on the 404 page");
        const m = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          main: getComputedStyle(document.querySelector("main")).direction,
          noScroll: document.documentElement.scrollWidth <= window.innerWidth,
        }));
        assert.deepEqual(m, { dir: "rtl", lang: "ar", main: "rtl", noScroll: true });
        await page.screenshot({ path: h.artifact(`404-${vp.width}.png`), fullPage: true });
      });
    });
  }
});
