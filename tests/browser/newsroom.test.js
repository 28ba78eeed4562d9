// Browser tests of the newsroom (issue 6, "Tests in a browser"), Debian's
// Chromium driven by npm playwright-core against a real `jarida serve`:
// sign in; write an article whose paragraph mixes Arabic, Latin words and
// digits and check the characters' order in the saved HTML; publish it and
// read it on the site; schedule one a minute ahead and see it appear;
// upload an image and see WebP served; moderate a comment; an author cannot
// reach another author's article or the users page; sign-in throttling and
// CSRF as a browser meets them. Screenshots: newsroom-*.png in
// JARIDA_ARTIFACTS (default build/browser-artifacts).
//
//   CI=true JARIDA_BIN=build/jarida node --test tests/browser/newsroom.test.js
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const h = require("./harness");

const T = { timeout: 60000 };
const SCHEDULE_T = { timeout: 150000 };
const HOOK_T = { timeout: 90000 };
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const EDITOR_PASSWORD = "browser-editor-pass";
const AUTHOR_PASSWORD = "browser-author-pass";
const MIXED = "افتتح الوزير مشروع Smart City بتكلفة 250 مليون جنيه في 3 مراحل";
const LOGO = path.join(h.REPO, "themes/default/static/logo.png");

const unavailable = h.browserUnavailable();
if (unavailable && h.BROWSER_REQUIRED) {
  it("newsroom browser tests can run", () => {
    assert.fail(`browser tests required but cannot run: ${unavailable}`);
  });
}

// "2026-11-26T21:05" in the site's zone (Africa/Cairo, the default).
function cairoLocal(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: "Africa/Cairo", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe("the newsroom in Chromium", { skip: unavailable ? `SKIPPED: ${unavailable}` : false }, () => {
  let server;
  let browser;
  const cli = (args, input) =>
    execFileSync(h.JARIDA_BIN, [...args, "--data", server.dataDir], { input, timeout: 30000 }).toString();

  before(async () => {
    server = await h.startServer();
    cli(["user", "add", "--login", "hoda-desk", "--role", "editor", "--name", "هدى المحررة"], EDITOR_PASSWORD + "\n");
    cli(["user", "add", "--login", "karim-desk", "--role", "author", "--name", "كريم الكاتب"], AUTHOR_PASSWORD + "\n");
    browser = await h.launchBrowser();
  }, HOOK_T);

  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  }, HOOK_T);

  async function signIn(login, password, viewport = PHONE) {
    const context = await browser.newContext({ viewport, locale: "ar-EG" });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error" && !/40[134]|429/.test(m.text())) problems.push(m.text()); });
    await h.open(page, new URL("/admin/", server.base).href);
    assert.match(page.url(), /\/admin\/signin/);
    await page.fill("#login", login);
    await page.fill("#password", password);
    await Promise.all([page.waitForURL(/\/admin\/$/, { timeout: 20000 }), page.click("button[type=submit]")]);
    return { context, page, problems };
  }

  async function newArticle(page, title) {
    await h.open(page, new URL("/admin/articles/new", server.base).href);
    await page.waitForSelector(".ProseMirror", { timeout: 10000 });
    await page.fill("#title", title);
  }

  async function editId(page) {
    const m = page.url().match(/\/admin\/articles\/(\d+)\/edit/);
    assert.ok(m, `not on an edit page: ${page.url()}`);
    return m[1];
  }

  it("signs in, writes a mixed Arabic/Latin/digits article, publishes it and reads it on the site", T, async () => {
    const { context, page, problems } = await signIn("hoda-desk", EDITOR_PASSWORD);
    await page.screenshot({ path: h.artifact("newsroom-dashboard-390.png"), fullPage: true });
    await newArticle(page, "مشروع المدينة الذكية يبدأ");
    await page.fill("#kicker", "انفراد");
    await page.click(".ProseMirror");
    await page.keyboard.type(MIXED);
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second paragraph in English, then عربي.");
    // The saved HTML keeps the characters in typing order, one block per paragraph.
    const html = await page.inputValue("#body_html");
    assert.ok(html.includes(`<p dir="auto">${MIXED}</p>`), html);
    await page.screenshot({ path: h.artifact("newsroom-editor-390.png"), fullPage: true });
    await Promise.all([page.waitForURL(/\/edit\?notice=published/), page.click("button[value=publish]")]);
    assert.ok(await page.locator(".notice-ok").isVisible());
    const slug = await page.inputValue("#slug");
    assert.equal(slug, "مشروع-المدينة-الذكية-يبدأ");

    // As a reader: the article page, its headline and the paragraph as typed.
    const reader = await browser.newPage({ viewport: PHONE });
    await h.open(reader, server.base);
    const link = reader.locator("a", { hasText: "مشروع المدينة الذكية يبدأ" }).first();
    assert.ok(await link.count() > 0, "the new article is on the home page");
    await Promise.all([reader.waitForURL(/\/\d{4}\/\d{2}\//), link.click()]);
    assert.match(await reader.locator("h1.headline").innerText(), /مشروع المدينة الذكية يبدأ/);
    const para = reader.locator(".body p").first();
    assert.equal(await para.innerText(), MIXED);
    assert.equal(await para.getAttribute("dir"), "auto");
    await reader.screenshot({ path: h.artifact("newsroom-published-390.png"), fullPage: true });
    await reader.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("schedules an article a minute ahead and it appears by itself", SCHEDULE_T, async () => {
    const { context, page } = await signIn("hoda-desk", EDITOR_PASSWORD, LAPTOP);
    await newArticle(page, "خبر مجدول بعد دقيقة");
    await page.click(".ProseMirror");
    await page.keyboard.type("يظهر هذا الخبر وحده في موعده.");
    const when = new Date(Date.now() + 60000);
    await page.selectOption("#status", "scheduled");
    await page.fill("#publish_at", cairoLocal(when));
    await Promise.all([page.waitForURL(/notice=scheduled/), page.click("button[value=save]")]);
    await page.screenshot({ path: h.artifact("newsroom-scheduled-1280.png") });
    const home = async () => (await fetch(server.base, { signal: AbortSignal.timeout(5000) })).text();
    assert.ok(!(await home()).includes("خبر مجدول بعد دقيقة"), "shown before its time");
    // No request triggers it: the server's own clock publishes it.
    const deadline = Date.now() + 120000;
    let shown = false;
    while (Date.now() < deadline && !shown) {
      await new Promise((r) => setTimeout(r, 3000));
      shown = (await home()).includes("خبر مجدول بعد دقيقة");
    }
    assert.ok(shown, "the scheduled article did not appear within two minutes");
    assert.ok(Date.now() >= when.getTime() - 60000, "appeared too early");
    await context.close();
  });

  it("uploads an image from the editor and the site serves it as WebP", T, async () => {
    const { context, page, problems } = await signIn("hoda-desk", EDITOR_PASSWORD);
    await newArticle(page, "خبر بصورة");
    await page.click(".ProseMirror");
    await page.click(".editor-toolbar button:has-text('صورة')");
    await page.waitForSelector("dialog.media-dialog[open]", { timeout: 10000 });
    await page.setInputFiles("#media-upload-file", LOGO);
    await page.fill("#media-upload-alt", "شعار الجريدة على خلفية بيضاء");
    await page.click("dialog.media-dialog button:has-text('ارفع الصورة')");
    const img = page.locator(".ProseMirror img").first();
    await img.waitFor({ timeout: 20000 });
    const src = await img.getAttribute("src");
    assert.match(src, /^\/media\/.+\.webp$/);
    assert.equal(await img.getAttribute("alt"), "شعار الجريدة على خلفية بيضاء");
    const res = await fetch(new URL(src, server.base), { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/webp");
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString("latin1"), "RIFF");
    assert.equal(bytes.subarray(8, 12).toString("latin1"), "WEBP");
    await page.screenshot({ path: h.artifact("newsroom-image-390.png"), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("moderates a pending comment and readers see it", T, async () => {
    const { context, page } = await signIn("hoda-desk", EDITOR_PASSWORD);
    await h.open(page, new URL("/admin/comments?status=pending", server.base).href);
    const row = page.locator("article.comment-row").first();
    assert.ok(await row.count() > 0, "the demo has pending comments");
    const body = (await row.locator(".comment-body").innerText()).trim();
    const articleHref = await row.locator("a[target=_blank]").getAttribute("href");
    await row.locator("input[name=ids]").check();
    await page.screenshot({ path: h.artifact("newsroom-comments-390.png"), fullPage: true });
    await Promise.all([page.waitForURL(/notice=moderated/), page.click(".bulk-actions button[value=approved]")]);
    const html = await (await fetch(new URL(articleHref, server.base), { signal: AbortSignal.timeout(5000) })).text();
    assert.ok(html.includes(body.slice(0, 30).replace(/&/g, "&amp;").replace(/</g, "&lt;")), "approved comment on the article page");
    await context.close();
  });

  it("an author cannot reach another author's article or the users page", T, async () => {
    const editor = await signIn("hoda-desk", EDITOR_PASSWORD);
    await newArticle(editor.page, "مقال يخص المحررة");
    await Promise.all([editor.page.waitForURL(/\/edit\?notice=/), editor.page.click("button[value=save]")]);
    const id = await editId(editor.page);
    await editor.context.close();

    const { context, page } = await signIn("karim-desk", AUTHOR_PASSWORD);
    for (const p of [`/admin/articles/${id}/edit`, `/admin/articles/${id}/preview`, "/admin/users", "/admin/comments"]) {
      const res = await page.goto(new URL(p, server.base).href);
      assert.equal(res.status(), 403, p);
      assert.match(await page.locator(".notice-error").innerText(), /صلاحية|لا يمكنك/);
    }
    await page.screenshot({ path: h.artifact("newsroom-author-refused-390.png") });
    // The menu doesn't offer what the author can't use.
    await h.open(page, new URL("/admin/", server.base).href);
    assert.equal(await page.locator("#admin-nav a[href='/admin/users']").count(), 0);
    // A request without the page's CSRF token is refused even from the site itself.
    const status = await page.evaluate(async () =>
      (await fetch("/admin/account/sessions/end-others", { method: "POST", body: new URLSearchParams({ csrf: "x" }) })).status);
    assert.equal(status, 403);
    await context.close();
  });

  it("slows down repeated wrong passwords with one Arabic message", T, async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const messages = [];
    for (let i = 0; i < 4; i++) {
      await h.open(page, new URL("/admin/signin", server.base).href);
      await page.fill("#login", "no-such-person");
      await page.fill("#password", "wrong password");
      await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit]")]);
      messages.push(await page.locator(".notice-error").innerText());
    }
    assert.equal(messages[0], "اسم الدخول أو كلمة المرور غير صحيحة.");
    assert.match(messages[3], /انتظر/);
    await page.screenshot({ path: h.artifact("newsroom-throttled-390.png") });
    await context.close();
  });
});
