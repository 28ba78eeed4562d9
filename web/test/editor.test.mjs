// The newsroom editor bundle in Chromium, against a fixture of the admin
// pages served under the real CSP. Run: node --test web/test/
// Needs npm ci (esbuild, TipTap, playwright-core) and /usr/bin/chromium.
// Screenshots go to web/test/artifacts/ (gitignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, TOKEN, MEDIA } from './fixture-server.mjs';
import { slugify } from '../editor/slug.js';

const require = createRequire(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
let chromium = null;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  /* reported below */
}
// Like tests/browser: skipped, loudly, without chromium or playwright-core.
const skip = !chromium ? 'npm playwright-core is missing (npm ci)' : !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)` : false;
if (skip) console.log(`# SKIPPED browser checks: ${skip}`);

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const artifacts = join(here, 'artifacts');
const MIXED = 'افتتح الوزير مشروع Smart City بتكلفة 250 مليون جنيه';
const SIZES = '(max-width: 800px) 100vw, 800px';
const T = { timeout: 5000 };

let browser;
let server;
let bundleDir;

before(async () => {
  if (skip) return;
  bundleDir = mkdtempSync(join(tmpdir(), 'jarida-editor-'));
  const b = spawnSync(process.execPath, [join(root, 'web/build.mjs'), bundleDir], { encoding: 'utf8', timeout: 60000 });
  assert.equal(b.status, 0, `web/build.mjs failed:\n${b.stdout}${b.stderr}`);
  mkdirSync(artifacts, { recursive: true });
  server = await startFixtureServer({ bundleDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 15000,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** A fresh page that records CSP violations, script errors and console errors. */
async function open(path, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'ar-EG', deviceScaleFactor: 1 });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The fixture answers some uploads with an error on purpose.
    if (/^Failed to load resource/.test(m.text()) && (m.location().url || '').includes('/admin/media/upload')) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.goto(server.url + path, { waitUntil: 'load', timeout: 10000 });
  return {
    page,
    async check() {
      const csp = await page.evaluate(() => window.__csp);
      assert.deepEqual(csp, [], 'CSP violations');
      assert.deepEqual(problems, [], 'errors in the page');
    },
    close: () => context.close(),
  };
}

const bodyHTML = (page) => page.$eval('#body_html', (t) => t.value);
const button = (page, label) => page.locator('.editor-toolbar button', { hasText: label }).first();

test('slugify: diacritics, tatweel, Latin case, punctuation, 200 bytes', () => {
  assert.equal(slugify('  مرحبًا بالعالم: Hello World 2026! '), 'مرحبا-بالعالم-hello-world-2026');
  assert.equal(slugify('الـــرئيس يَفتتحُ المَعرِض'), 'الرئيس-يفتتح-المعرض');
  assert.equal(slugify('«سعر الذهب» — ٢٠٢٦؟'), 'سعر-الذهب-٢٠٢٦');
  assert.equal(slugify('---'), '');
  const long = slugify('كلمة '.repeat(60));
  assert.ok(new TextEncoder().encode(long).length <= 200, 'at most 200 bytes');
  assert.ok(!long.endsWith('-') && !long.startsWith('-'));
  assert.ok(slugify('كلمة '.repeat(80)).startsWith(long), 'a prefix of the whole slug');
  assert.ok(!long.includes('\uFFFD'), 'cut on a character boundary');
});

test('editor: typing, RTL blocks, heading, list, slug and autosave of a new article', { skip }, async () => {
  const { page, check, close } = await open('/admin/articles/new');
  try {
    await page.waitForSelector('#editor.is-ready .editor-content', T);
    assert.equal(await page.$eval('#body_html', (t) => t.hidden), true, 'the fallback textarea is hidden');
    assert.equal(await page.$eval('#editor', (e) => e.getAttribute('dir')), 'rtl');

    await page.click('.editor-content');
    await page.keyboard.type(MIXED);
    assert.ok((await bodyHTML(page)).includes(`<p dir="auto">${MIXED}</p>`), await bodyHTML(page));

    await page.keyboard.press('Enter');
    await page.keyboard.insertText('مراحل المشروع');
    await button(page, 'عنوان ٢').click();
    assert.ok((await bodyHTML(page)).includes('<h2 dir="auto">مراحل المشروع</h2>'));
    assert.equal(await button(page, 'عنوان ٢').getAttribute('aria-pressed'), 'true');

    await page.keyboard.press('Enter');
    await button(page, '• قائمة').click();
    await page.keyboard.insertText('تحديث 40 محطة');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('شراء 120 عربة');
    assert.ok(
      (await bodyHTML(page)).includes(
        '<ul><li><p dir="auto">تحديث 40 محطة</p></li><li><p dir="auto">شراء 120 عربة</p></li></ul>',
      ),
      await bodyHTML(page),
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // leaves the list
    await page.keyboard.insertText('Reuters reported that the tender opens in March.');
    // How the browser lays the blocks out: Arabic paragraph RTL, English
    // paragraph LTR, the list and its items follow the article (RTL).
    const dirs = await page.evaluate(() => {
      const d = (el) => getComputedStyle(el).direction;
      const ps = [...document.querySelectorAll('.editor-content p')];
      return {
        arabic: d(ps.find((p) => p.textContent.startsWith('افتتح'))),
        english: d(ps.find((p) => p.textContent.startsWith('Reuters'))),
        heading: d(document.querySelector('.editor-content h2')),
        list: d(document.querySelector('.editor-content ul')),
        item: d(document.querySelector('.editor-content li')),
      };
    });
    assert.deepEqual(dirs, { arabic: 'rtl', english: 'ltr', heading: 'rtl', list: 'rtl', item: 'rtl' });
    // A new, empty paragraph starts on the right in the editor.
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('.editor-content > p:last-child', (p) => p.textContent === '' && getComputedStyle(p).direction), 'rtl');
    assert.ok((await bodyHTML(page)).endsWith('<p dir="auto">Reuters reported that the tender opens in March.</p>'), 'no empty paragraph saved at the end');
    await page.keyboard.press('Backspace');

    // Links: only http(s), mailto and site paths; embeds become a linked paragraph.
    await page.keyboard.press('Shift+Home'); // selects the English sentence
    const answers = ['javascript:alert(1)', 'https://example.org/tender'];
    const seen = [];
    const onDialog = async (d) => {
      seen.push(d.type());
      if (d.type() === 'prompt') {
        const a = answers.shift();
        await d.accept(a);
      } else await d.accept();
    };
    page.on('dialog', onDialog);
    await button(page, 'رابط').click(); // refused: an alert follows the prompt
    await button(page, 'رابط').click(); // accepted
    await page.waitForFunction(() => document.querySelector('.editor-content a[href="https://example.org/tender"]'), null, T);
    assert.deepEqual(seen, ['prompt', 'alert', 'prompt']);
    assert.ok((await bodyHTML(page)).includes('<p dir="auto"><a href="https://example.org/tender">Reuters reported that the tender opens in March.</a></p>'), await bodyHTML(page));
    assert.equal(await page.$$eval('.editor-content a[href^="javascript"]', (l) => l.length), 0);
    await page.keyboard.press('End');
    answers.push('https://video.example.org/watch?v=42');
    await button(page, 'تضمين').click();
    await page.waitForFunction(() => document.querySelector('.editor-content a[href="https://video.example.org/watch?v=42"]'), null, T);
    assert.ok((await bodyHTML(page)).includes('<p dir="auto"><a href="https://video.example.org/watch?v=42">https://video.example.org/watch?v=42</a></p>'), await bodyHTML(page));
    page.off('dialog', onDialog);

    // The slug follows the title until it is edited by hand.
    await page.fill('input[name=title]', '');
    await page.click('input[name=title]');
    await page.keyboard.insertText('مرحبًا بالعالم: Hello World 2026');
    assert.equal(await page.inputValue('input[name=slug]'), 'مرحبا-بالعالم-hello-world-2026');

    // First autosave: to /new/autosave, then the form becomes article 123.
    const first = await server.waitFor((r) => r.path === '/admin/articles/new/autosave', 9000);
    const form = new URLSearchParams(first.body.toString('utf8'));
    assert.equal(first.headers['x-csrf-token'], TOKEN);
    assert.equal(form.get('csrf'), TOKEN);
    assert.equal(form.get('title'), 'مرحبًا بالعالم: Hello World 2026');
    assert.ok(form.get('body_html').includes(`<p dir="auto">${MIXED}</p>`));
    assert.match(first.headers['content-type'], /application\/x-www-form-urlencoded/);
    await page.waitForFunction(() => /حُفظت مسودة تلقائيًا في 12:30/.test(document.getElementById('autosave-status').textContent), null, T);
    assert.equal(await page.$eval('#article-form', (f) => f.getAttribute('action')), '/admin/articles/123/edit');
    assert.equal(await page.$eval('#article-form', (f) => f.dataset.autosaveUrl), '/admin/articles/123/autosave');
    assert.equal(new URL(page.url()).pathname, '/admin/articles/123/edit');

    // Hand-edited slug: the title no longer changes it.
    await page.click('input[name=slug]');
    await page.keyboard.press('End');
    await page.keyboard.type('-x');
    assert.equal(await page.$eval('input[name=slug]', (s) => s.hasAttribute('data-auto')), false);
    await page.click('input[name=title]');
    await page.keyboard.type(' 2');
    assert.equal(await page.inputValue('input[name=slug]'), 'مرحبا-بالعالم-hello-world-2026-x');
    await check();
  } finally {
    await close();
  }
});

test('media library: insert an image with srcset and sizes, featured image, upload', { skip }, async () => {
  const { page, check, close } = await open('/admin/articles/7/edit');
  try {
    await page.waitForSelector('#editor.is-ready .editor-content', T);
    const initial = await bodyHTML(page);
    assert.ok(initial.includes('<h2 dir="auto">مراحل المشروع</h2>'), initial);
    assert.ok(initial.includes('<blockquote><p dir="auto">'), initial);
    assert.equal(await page.$eval('.editor-content blockquote', (b) => b.matches(':dir(rtl)')), true);
    await page.screenshot({ path: join(artifacts, 'editor-1280.png') });

    // Insert at the end of the article.
    await page.click('.editor-content p:last-of-type');
    await page.keyboard.press('Control+End');
    await button(page, 'صورة').click();
    const dialog = page.locator('dialog.media-dialog[open]');
    await dialog.waitFor(T);
    await page.waitForFunction(() => document.querySelectorAll('.media-dialog .media-item').length === 3, null, T);
    assert.equal(await page.textContent('.media-page'), 'صفحة 1 من 2');
    const srcset = await page.$eval('.media-item img', (i) => i.getAttribute('srcset'));
    assert.equal(srcset, MEDIA[0].srcset);
    await page.waitForFunction(() => [...document.querySelectorAll('.media-item img')].every((i) => i.complete && i.naturalWidth > 0), null, T);
    await page.screenshot({ path: join(artifacts, 'media-1280.png') });
    await page.click('.media-dialog .media-next');
    await page.waitForFunction(() => document.querySelector('.media-page').textContent === 'صفحة 2 من 2', null, T);
    await page.click('.media-item >> nth=0');
    await dialog.waitFor({ state: 'detached', timeout: 100 }).catch(() => {});
    assert.equal(await page.$eval('dialog.media-dialog', (d) => d.open), false);
    const html = await bodyHTML(page);
    const img = html.match(/<img [^>]*>/);
    assert.ok(img, html);
    assert.ok(img[0].includes(`src="${MEDIA[3].url}"`), img[0]);
    assert.ok(img[0].includes(`srcset="${MEDIA[3].srcset}"`), img[0]);
    assert.ok(img[0].includes(`sizes="${SIZES}"`), img[0]);
    assert.ok(img[0].includes(`alt="${MEDIA[3].alt}"`), img[0]);

    // Featured image, through a search.
    await page.click('#featured-pick');
    await dialog.waitFor(T);
    await page.fill('.media-search input', 'ملعب');
    await page.press('.media-search input', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.media-item').length === 1, null, T);
    await page.click('.media-item');
    assert.equal(await page.inputValue('#featured_media_id'), '5');
    assert.equal(await page.$eval('#featured-preview img', (i) => i.getAttribute('srcset')), MEDIA[4].srcset);
    await page.click('#featured-preview .featured-remove');
    assert.equal(await page.inputValue('#featured_media_id'), '');
    assert.equal(await page.$$eval('#featured-preview img', (l) => l.length), 0);

    // Upload: alt text required, 20 MB limit in the browser, server errors shown.
    const uploads = () => server.requests.filter((r) => r.path === '/admin/media/upload').length;
    await page.click('#featured-pick');
    await dialog.waitFor(T);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await page.setInputFiles('#media-upload-file', { name: 'قطار.png', mimeType: 'image/png', buffer: png });
    await page.fill('#media-upload-alt', '   ');
    await page.click('.media-upload button[type=submit]');
    await page.waitForFunction(() => /النص البديل/.test(document.querySelector('.media-error').textContent), null, T);
    await page.evaluate(() => {
      // 20 MB + 1 byte, made in the page (sending it through the driver is slow).
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' }));
      document.getElementById('media-upload-file').files = dt.files;
    });
    await page.fill('#media-upload-alt', 'صورة كبيرة');
    await page.click('.media-upload button[type=submit]');
    await page.waitForFunction(() => /20 ميغابايت/.test(document.querySelector('.media-error').textContent), null, T);
    assert.equal(uploads(), 0, 'nothing was sent');
    await page.setInputFiles('#media-upload-file', { name: 'x.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF') });
    await page.click('.media-upload button[type=submit]');
    await page.waitForFunction(() => /ليس صورة نقبلها/.test(document.querySelector('.media-error[role=alert]').textContent), null, T);
    await page.setInputFiles('#media-upload-file', { name: 'قطار.png', mimeType: 'image/png', buffer: png });
    await page.fill('#media-upload-alt', 'قطار في المحطة');
    await page.click('.media-upload button[type=submit]');
    await page.waitForFunction(() => document.getElementById('featured_media_id').value === '99', null, T);
    const up = server.requests.filter((r) => r.path === '/admin/media/upload').at(-1);
    assert.equal(up.query.get('alt'), 'قطار في المحطة');
    assert.equal(up.query.get('name'), 'قطار.png');
    assert.equal(up.headers['content-type'], 'image/png');
    assert.equal(up.headers['x-csrf-token'], TOKEN);
    assert.deepEqual(up.body, png);
    await check();
  } finally {
    await close();
  }
});

test('phone (390 px): editor, media dialog, list page, menu, select-all, confirm', { skip }, async () => {
  const phone = { width: 390, height: 844 };
  const ed = await open('/admin/articles/7/edit', phone);
  try {
    await ed.page.waitForSelector('#editor.is-ready .editor-content', T);
    const overflow = await ed.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await ed.page.screenshot({ path: join(artifacts, 'editor-390.png') });
    await ed.page.screenshot({ path: join(artifacts, 'editor-390-full.png'), fullPage: true });
    await ed.page.click('#featured-pick');
    await ed.page.waitForFunction(() => [...document.querySelectorAll('.media-item img')].length === 3 && [...document.querySelectorAll('.media-item img')].every((i) => i.complete), null, T);
    await ed.page.screenshot({ path: join(artifacts, 'media-390.png') });
    await ed.check();
  } finally {
    await ed.close();
  }

  const { page, check, close } = await open('/admin/articles', phone);
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(artifacts, 'list-390.png'), fullPage: true });
    // Menu toggle.
    assert.equal(await page.isVisible('#admin-nav'), false);
    await page.click('button.admin-menu-toggle');
    assert.equal(await page.isVisible('#admin-nav'), true);
    assert.equal(await page.getAttribute('button.admin-menu-toggle', 'aria-expanded'), 'true');
    await page.screenshot({ path: join(artifacts, 'menu-390.png') });
    await page.click('button.admin-menu-toggle');
    assert.equal(await page.isVisible('#admin-nav'), false);
    assert.equal(await page.getAttribute('button.admin-menu-toggle', 'aria-expanded'), 'false');
    // Select all and the bulk button.
    assert.equal(await page.isDisabled('#bulk-apply'), true);
    await page.check('[data-select-all]');
    assert.deepEqual(await page.$$eval('input[name=ids]', (l) => l.map((c) => c.checked)), [true, true, true, true, true, true]);
    assert.equal(await page.isDisabled('#bulk-apply'), false);
    await page.uncheck('input[name=ids][value="41"]');
    assert.equal(await page.$eval('[data-select-all]', (c) => c.indeterminate), true);
    await page.click('[data-select-all]'); // indeterminate → all
    assert.equal(await page.$$eval('input[name=ids]:checked', (l) => l.length), 6);
    await page.click('[data-select-all]'); // all → none
    assert.equal(await page.$$eval('input[name=ids]:checked', (l) => l.length), 0);
    assert.equal(await page.isDisabled('#bulk-apply'), true);
    // data-confirm: declined, nothing is sent; accepted, the form posts.
    const trash = () => server.requests.filter((r) => r.path === '/admin/articles/41/trash').length;
    page.once('dialog', (d) => d.dismiss());
    await page.click('tbody tr:first-child .inline-form button', { timeout: 3000 });
    await page.waitForTimeout(200);
    assert.equal(trash(), 0);
    await check();
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForNavigation({ timeout: 5000 }), page.click('tbody tr:first-child .inline-form button', { timeout: 3000 })]);
    assert.equal(trash(), 1);
  } finally {
    await close();
  }

  const wide = await open('/admin/articles');
  try {
    await wide.page.screenshot({ path: join(artifacts, 'list-1280.png'), fullPage: true });
    await wide.check();
  } finally {
    await wide.close();
  }
});
