// Browser tests of comments and "send to a friend" (issue 4, "Tests in a
// browser"): post a comment with and without JavaScript, see it held,
// approve it from the CLI, see it on the article and in the latest comments
// list, reply to it; send an article to a friend and see the mail arrive in
// a real SMTP sink (tests/mail/smtp_sink.py). Phone size (390×844), Debian's
// Chromium driven by npm playwright-core against a real `jarida serve`.
//
//   CI=true JARIDA_BIN=build/jarida node --test tests/browser/
//
// Env: see article.test.js. Screenshots go to JARIDA_ARTIFACTS
// (default build/browser-artifacts), comments-*.png and send-friend-*.png.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const h = require("./harness");

const T = { timeout: 60000 };
const HOOK_T = { timeout: 90000 };
const VP = { width: 390, height: 844 };
const HELD = "تعليقك بانتظار المراجعة";
const SENT = "أرسلنا المقال إلى صديقك.";
const MIN_SECONDS = 1;
// Just over [comments] min_seconds: the form's token must be that old.
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const waitPastMinimum = () => wait(MIN_SECONDS * 1000 + 400);
const tag = () => crypto.randomBytes(4).toString("hex");

const unavailable = h.browserUnavailable();

if (unavailable && h.BROWSER_REQUIRED) {
  it("comment browser tests can run", () => {
    assert.fail(`browser tests required (CI=true or JARIDA_REQUIRE_BROWSER=1) but cannot run: ${unavailable}`);
  });
}

describe("comments and send to a friend in Chromium at 390×844", { skip: unavailable ? `SKIPPED: ${unavailable}` : false }, () => {
  let sink;
  let server;
  let browser;
  let articlePath;
  const url = () => new URL(articlePath, server.base).href;
  // The comments the tests post: { first, second, email, name, id }.
  const posted = {};

  before(async () => {
    // The sink first: the server's config needs its port.
    sink = await h.startSmtpSink();
    server = await h.startServer({
      configure: (toml) => {
        toml = h.tomlSet(toml, "comments", "min_seconds", String(MIN_SECONDS));
        toml = h.tomlSet(toml, "smtp", "host", '"127.0.0.1"');
        toml = h.tomlSet(toml, "smtp", "port", String(sink.port));
        toml = h.tomlSet(toml, "smtp", "security", '"none"');
        toml = h.tomlSet(toml, "smtp", "from_address", '"news@example.com"');
        return toml;
      },
    });
    // An article with the comment form and the send-to-friend button.
    const home = await (await fetch(server.base, { signal: AbortSignal.timeout(5000) })).text();
    const links = [...new Set([...home.matchAll(/href="(\/\d{4}\/\d{2}\/[^"/]+\/)"/g)].map((m) => m[1]))];
    for (const link of links) {
      const html = await (await fetch(new URL(link, server.base), { signal: AbortSignal.timeout(5000) })).text();
      if (html.includes("data-comment-form") && html.includes('data-opens="send-friend"')) { articlePath = link; break; }
    }
    assert.ok(articlePath, `none of the ${links.length} articles on the home page has a comment form and the send-to-friend button`);
    browser = await h.launchBrowser();
  }, HOOK_T);

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (sink) await sink.stop();
  }, HOOK_T);

  // A fresh context (cookies and all) per test; problems collects script
  // errors, CSP violations and failed requests.
  async function newPage({ javaScriptEnabled = true } = {}) {
    const context = await browser.newContext({
      viewport: VP, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "ar", javaScriptEnabled,
    });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location().url || "")) {
        problems.push(`console: ${m.text()} (${decodeURI(m.location().url || "?")})`);
      }
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${decodeURI(r.url())} ${r.failure()?.errorText}`));
    return { context, page, problems };
  }

  async function fillComment(page, { name, email, comment }) {
    const form = page.locator("form[data-comment-form]");
    await form.locator("input[name=name]").fill(name);
    await form.locator("input[name=email]").fill(email);
    await form.locator("textarea[name=comment]").fill(comment);
    return form;
  }

  // `jarida comments list --status pending`: [{ id, line }].
  async function pending() {
    const { stdout } = await server.run(["comments", "list", "--data", server.dataDir, "--status", "pending"]);
    return stdout.split("\n").filter(Boolean).map((line) => ({ id: Number(line.split("\t")[0]), line }));
  }

  async function approveByText(marker) {
    const rows = (await pending()).filter((r) => r.line.includes(marker));
    assert.equal(rows.length, 1, `one pending comment with ${marker}; pending: ${JSON.stringify(await pending())}`);
    await server.run(["comments", "approve", "--data", server.dataDir, String(rows[0].id)]);
    return rows[0].id;
  }

  // Reloads the article until check(page) is true (the server picks up CLI
  // moderation within about a second).
  async function reloadUntil(page, check, what, timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await h.open(page, url());
      if (await check()) return;
      if (Date.now() > until) assert.fail(`${what}: not on ${decodeURI(url())} within ${timeoutMs} ms of approval`);
      await wait(250);
    }
  }

  it("1. comment without JavaScript: 303 back to the article with the held notice", T, async () => {
    const t = tag();
    posted.nojs = {
      name: "سلمى الخطيب",
      email: `salma-${t}@example.com`,
      first: `تعليق بلا جافاسكربت ${t}`,
      second: "والسطر الثاني من التعليق",
    };
    const { context, page, problems } = await newPage({ javaScriptEnabled: false });
    try {
      await h.open(page, url());
      const form = await fillComment(page, { ...posted.nojs, comment: `${posted.nojs.first}\n${posted.nojs.second}` });
      await waitPastMinimum();
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        form.locator("button[type=submit]").click(),
      ]);
      const landed = new URL(page.url());
      assert.equal(decodeURI(landed.pathname), decodeURI(articlePath), "back on the article");
      assert.equal(landed.search, "?comment=held");
      assert.equal(landed.hash, "#respond");
      assert.equal(response.status(), 200);
      const notice = page.locator("#respond .notice", { hasText: HELD });
      await h.assertReadable(notice, `notice ${HELD}`);
      assert.equal((await notice.innerText()).trim(), HELD);
      assert.equal(await page.locator("#comments article.comment", { hasText: t }).count(), 0,
        "a held comment is not on the page");
      await page.screenshot({ path: h.artifact("comments-nojs-held-390.png") });
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });

  it("2. comment with JavaScript: no navigation, the held message in .form-status", T, async () => {
    const t = tag();
    posted.js = {
      name: "Omar عمر",
      email: `omar-${t}@example.com`,
      first: `تعليق مع جافاسكربت ${t}`,
      second: "سطر ثانٍ بعد فاصل الأسطر",
    };
    const { context, page, problems } = await newPage();
    try {
      await h.open(page, url());
      const before = page.url();
      let navigated = false;
      page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigated = true; });
      const form = await fillComment(page, { ...posted.js, comment: `${posted.js.first}\n${posted.js.second}` });
      await waitPastMinimum();
      const answer = page.waitForResponse((r) => r.request().method() === "POST");
      await form.locator("button[type=submit]").click();
      const res = await answer;
      assert.match(res.headers()["content-type"] || "", /application\/json/);
      const status = form.locator(".form-status");
      await page.waitForFunction((s) => document.querySelector("[data-comment-form] .form-status").textContent.trim() === s,
        HELD, { timeout: 5000 }).catch(() => {});
      assert.equal((await status.innerText()).trim(), HELD);
      await h.assertReadable(status, ".form-status");
      assert.match(await status.getAttribute("class"), /\bok\b/);
      assert.equal(page.url(), before, "URL unchanged");
      assert.equal(navigated, false, "no navigation");
      assert.equal(await form.locator("textarea[name=comment]").inputValue(), "", "the comment box is emptied");
      await page.screenshot({ path: h.artifact("comments-js-held-390.png") });
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });

  it("3. approved from the CLI: both comments on the article (line break kept) and in the latest comments", T, async () => {
    assert.ok(posted.nojs && posted.js, "tests 1 and 2 posted their comments");
    posted.nojs.id = await approveByText(posted.nojs.first);
    posted.js.id = await approveByText(posted.js.first);
    const { context, page, problems } = await newPage();
    try {
      const shown = (c) => page.locator(`#comments article.comment#comment-${c.id}`);
      await reloadUntil(page, async () => (await shown(posted.nojs).count()) === 1 && (await shown(posted.js).count()) === 1,
        "both approved comments");
      for (const c of [posted.nojs, posted.js]) {
        const el = shown(c);
        await h.assertReadable(el.locator(".text"), `comment ${c.id}`);
        assert.equal((await el.locator(".who").first().innerText()).trim(), c.name);
        const text = await el.locator(".text").first().innerText();
        assert.equal(text.trim(), `${c.first}\n${c.second}`, `comment ${c.id}: the line break is kept`);
        const ws = await el.locator(".text").first().evaluate((e) => getComputedStyle(e).whiteSpace);
        assert.match(ws, /^pre-(line|wrap)$/, "white-space keeps line breaks");
        // Two visual lines: the second line starts below the first.
        const lines = await el.locator(".text").first().evaluate((e) => {
          const r = document.createRange();
          r.selectNodeContents(e);
          return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
        });
        assert.ok(lines >= 2, `comment ${c.id} drawn on ${lines} line(s)`);
        assert.equal(await el.getByRole("link", { name: "رد", exact: true }).count(), 1, "a رد link");
      }
      await shown(posted.nojs).scrollIntoViewIfNeeded();
      await page.screenshot({ path: h.artifact("comments-approved-390.png") });

      const latest = page.locator("section.latest-comments");
      for (const c of [posted.nojs, posted.js]) {
        const item = latest.locator("li", { hasText: c.first.slice(0, 20) });
        assert.equal(await item.count(), 1, `latest comments list shows "${c.first.slice(0, 20)}…": ${await latest.innerText()}`);
        await h.assertReadable(item.locator("p"), `latest comment ${c.id}`);
        assert.ok((await item.locator("p").innerText()).startsWith(c.first.slice(0, 20)), "excerpt starts with the text");
        assert.match(await item.locator(".who").innerText(), new RegExp(`^${c.name}`));
        assert.equal(decodeURI(await item.locator("a").getAttribute("href")).replace(/#.*$/, ""), decodeURI(articlePath));
        await item.screenshot({ path: h.artifact(`comments-latest-item-${c === posted.js ? "js" : "nojs"}-390.png`) });
      }
      await latest.scrollIntoViewIfNeeded();
      await page.screenshot({ path: h.artifact("comments-latest-390.png") });
      // The site-wide list: on the home page too.
      await h.open(page, server.base);
      assert.equal(await page.locator("section.latest-comments li", { hasText: posted.js.first.slice(0, 20) }).count(), 1,
        "the home page's latest comments list shows the new comment");
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });

  it("4. reply: the رد link fills the hidden parent; after approval the reply is nested", T, async () => {
    assert.ok(posted.js?.id, "test 3 approved the comments");
    const t = tag();
    const reply = { name: "ليلى", email: `layla-${t}@example.com`, first: `رد على التعليق ${t}`, second: "شكراً" };
    const { context, page, problems } = await newPage();
    try {
      await h.open(page, url());
      await waitPastMinimum();
      const parent = page.locator(`#comment-${posted.js.id}`);
      const link = parent.getByRole("link", { name: "رد", exact: true });
      await link.scrollIntoViewIfNeeded();
      const before = page.url();
      await link.click();
      const form = page.locator("form[data-comment-form]");
      assert.equal(await form.locator("input[name=parent]").inputValue(), String(posted.js.id), "hidden parent set");
      assert.equal(page.url(), before, "the رد link does not navigate with JavaScript");
      assert.equal(await page.evaluate(() => document.activeElement?.name), "name", "the name field has focus");
      const heading = await page.locator(".respond h3").innerText();
      assert.match(heading, new RegExp("ترد على تعليق " + posted.js.name), "the form's heading says whom it replies to");
      await fillComment(page, { ...reply, comment: `${reply.first}\n${reply.second}` });
      await page.screenshot({ path: h.artifact("comments-reply-form-390.png") });
      await form.locator("button[type=submit]").click();
      await page.waitForFunction((s) => document.querySelector("[data-comment-form] .form-status").textContent.trim() === s,
        HELD, { timeout: 5000 }).catch(() => {});
      assert.equal((await form.locator(".form-status").innerText()).trim(), HELD);

      const rows = (await pending()).filter((r) => r.line.includes(reply.first));
      assert.equal(rows.length, 1, "the reply is held");
      const id = await approveByText(reply.first);
      const nested = page.locator(`#comment-${posted.js.id} > article.reply-comment#comment-${id}`);
      await reloadUntil(page, async () => (await nested.count()) === 1, "the approved reply nested in its parent");
      assert.equal((await nested.locator(".text").innerText()).trim(), `${reply.first}\n${reply.second}`);
      await h.assertReadable(nested.locator(".text"), "reply text");
      // Drawn inside its parent, indented (RTL: its right edge moved left).
      const geo = await page.evaluate(([p, c]) => {
        const a = document.getElementById(p).getBoundingClientRect();
        const b = document.getElementById(c).getBoundingClientRect();
        return { inside: b.top >= a.top && b.bottom <= a.bottom + 0.5, indent: a.right - b.right };
      }, [`comment-${posted.js.id}`, `comment-${id}`]);
      assert.ok(geo.inside, "the reply is drawn inside its parent comment");
      assert.ok(geo.indent > 4, `the reply is indented from the right (${geo.indent}px)`);
      await parent.scrollIntoViewIfNeeded();
      await page.screenshot({ path: h.artifact("comments-reply-390.png") });
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });

  it("5. send to a friend: the dialog says it was sent, the mail arrives in the SMTP sink", T, async () => {
    const { context, page, problems } = await newPage();
    try {
      await h.open(page, url());
      const title = await page.locator("h1.headline").evaluate((e) => {
        const c = e.cloneNode(true);
        c.querySelector(".kicker")?.remove();
        return c.textContent.trim();
      });
      const sender = "خالد المصري";
      const friend = `friend-${tag()}@example.com`;
      const before = sink.messages().length;
      await page.getByRole("button", { name: "ارسل الى صديق", exact: true }).click();
      const dialog = page.locator("dialog#send-friend");
      assert.equal(await dialog.evaluate((d) => d.open), true, "dialog open");
      await dialog.locator("input[name=to]").fill(friend);
      await dialog.locator("input[name=name]").fill(sender);
      await waitPastMinimum();
      await dialog.locator("button[type=submit]").click();
      const status = dialog.locator(".form-status");
      await page.waitForFunction(() => document.querySelector("#send-friend .form-status").textContent.trim() !== "",
        null, { timeout: 10000 }).catch(() => {});
      assert.equal((await status.innerText()).trim(), SENT);
      await h.assertReadable(status, "send-to-friend status");
      assert.equal(await dialog.evaluate((d) => d.open), true, "the dialog stays open to show the message");
      await page.screenshot({ path: h.artifact("send-friend-done-390.png") });

      const eml = await sink.waitForMessage(10000, before + 1);
      const mail = await sink.parse(eml);
      assert.ok(mail.subject.includes(sender), `subject ${JSON.stringify(mail.subject)} names the sender ${sender}`);
      assert.ok(mail.subject.includes(title), `subject ${JSON.stringify(mail.subject)} has the title ${title}`);
      assert.ok(mail.to.includes(friend), `To: ${mail.to}`);
      assert.ok(mail.from.includes("news@example.com"), `From: ${mail.from}`);
      const link = new URL(articlePath, "http://127.0.0.1:8080").href; // [site] base_url
      // Percent-encoding may use either case (%d9 or %D9): compare decoded.
      const links = (mail.text.match(/https?:\/\/\S+/g) || []).map((u) => decodeURI(u));
      assert.ok(links.includes(decodeURI(link)), `the text part links the article (${decodeURI(link)}):\n${mail.text}`);
      assert.equal(mail.defects, "", "the mail parses without defects");
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });

  it("6. the dialog works with the keyboard: Enter opens, Tab moves, Esc closes and returns focus", T, async () => {
    const { context, page, problems } = await newPage();
    try {
      await h.open(page, url());
      const button = page.getByRole("button", { name: "ارسل الى صديق", exact: true });
      await button.focus();
      await page.keyboard.press("Enter");
      const dialog = page.locator("dialog#send-friend");
      await page.waitForFunction(() => document.getElementById("send-friend").open, null, { timeout: 3000 }).catch(() => {});
      assert.equal(await dialog.evaluate((d) => d.open), true, "Enter on the button opens the dialog");
      const active = () => page.evaluate(() => {
        const a = document.activeElement;
        return a ? `${a.tagName.toLowerCase()}${a.name ? `[name=${a.name}]` : ""}${a.className ? `.${a.className}` : ""}` : "none";
      });
      assert.equal(await active(), "input[name=to]", "the email field has focus");
      await page.keyboard.press("Tab");
      assert.equal(await active(), "input[name=name]", "Tab moves to the name field");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.getElementById("send-friend").open, null, { timeout: 3000 }).catch(() => {});
      assert.equal(await dialog.evaluate((d) => d.open), false, "Esc closes the dialog");
      assert.equal(await active(), "button.send-friend", "focus returns to the button");
      assert.deepEqual(problems, []);
    } finally {
      await context.close().catch(() => {});
    }
  });
});
