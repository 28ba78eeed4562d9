// Shared pieces of the browser tests: finding playwright-core and Chromium,
// starting a real `jarida serve` on a demo site, and small page helpers.
// Not a test file itself (node --test only runs *.test.js here).
"use strict";

const assert = require("node:assert/strict");
const { spawn, execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { promisify } = require("node:util");

const execFileP = promisify(execFile);

const REPO = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.JARIDA_CHROMIUM || "/usr/bin/chromium";
const JARIDA_BIN = process.env.JARIDA_BIN || path.join(REPO, "build/jarida");
const ARTIFACTS = process.env.JARIDA_ARTIFACTS || path.join(REPO, "build/browser-artifacts");
const README_SHOT = path.join(REPO, "docs/screenshots/article-390.png");
const UPDATE_README_SHOT = process.env.JARIDA_UPDATE_README_SHOT === "1";

// In CI (or when asked) a missing browser is a failure, not a skip.
const BROWSER_REQUIRED = process.env.CI === "true" || process.env.JARIDA_REQUIRE_BROWSER === "1";

const VIEWPORTS = [
  { name: "390", width: 390, height: 844, mobile: true },
  { name: "1280", width: 1280, height: 800, mobile: false },
];

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// Returns { playwright } or { missing: "why" }.
function loadPlaywright() {
  const tried = [];
  for (const name of ["playwright-core", path.join(REPO, "node_modules/playwright-core")]) {
    try {
      return { playwright: require(name) };
    } catch (err) {
      tried.push(`${name}: ${err.code || err.message}`);
    }
  }
  return { missing: `npm playwright-core not found (run \`npm ci\` in ${REPO}); tried ${tried.join("; ")}` };
}

// The reason the browser tests cannot run, or null when they can.
function browserUnavailable() {
  const reasons = [];
  const pw = loadPlaywright();
  if (pw.missing) reasons.push(pw.missing);
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    reasons.push(`${CHROMIUM} not found or not executable (Debian: apt-get install chromium)`);
  }
  return reasons.length ? reasons.join("; ") : null;
}

async function launchBrowser() {
  const { playwright } = loadPlaywright();
  return playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30000 });
}

// Replaces the value of `key` in the [section] table of a TOML text (the
// first `key = ...` line after the table's header, before the next table).
// `value` is a TOML literal: '"text"', '1', 'true'. Throws when the key is not
// there: TOML forbids duplicate keys and tables, so values are never appended.
function tomlSet(text, section, key, value) {
  const lines = text.split("\n");
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i].match(/^\s*\[([^\]]+)\]\s*$/);
    if (header) { inSection = header[1].trim() === section; continue; }
    if (inSection && new RegExp(`^\\s*${key}\\s*=`).test(lines[i])) {
      lines[i] = `${key} = ${value}`;
      return lines.join("\n");
    }
  }
  throw new Error(`tomlSet: no \`${key} = ...\` line in [${section}]`);
}

// Starts init + demo + serve on an ephemeral port. Returns
// { base, dataDir, stop(), log() }. opts.configure(tomlText) may return an
// edited jarida.toml (after the defaults below, before demo and serve).
async function startServer(opts = {}) {
  try {
    fs.accessSync(JARIDA_BIN, fs.constants.X_OK);
  } catch {
    throw new Error(`JARIDA_BIN ${JARIDA_BIN} is not an executable (build it: cmake --build build --target jarida)`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jarida-browser-"));
  const dataDir = path.join(tmp, "data");
  const run = (args) => execFileP(JARIDA_BIN, args, { timeout: 30000 });
  await run(["init", "--data", dataDir]);
  // Mail on (nothing needs to listen): the send-to-friend button shows.
  const toml = path.join(dataDir, "jarida.toml");
  fs.writeFileSync(toml, fs.readFileSync(toml, "utf8")
    .replace('host = ""', 'host = "127.0.0.1"')
    .replace('from_address = ""', 'from_address = "news@example.com"'));
  if (opts.configure) fs.writeFileSync(toml, opts.configure(fs.readFileSync(toml, "utf8")));
  await run(["demo", "--data", dataDir, "--articles", "40", "--seed", "3"]);

  const child = spawn(JARIDA_BIN, ["serve", "--data", dataDir, "--listen", "127.0.0.1:0", "--threads", "2"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => { err += d; });
  child.stdout.setEncoding("utf8");
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const log = () => `--- jarida serve stdout ---\n${out}\n--- stderr ---\n${err}`;

  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Jarida is serving ... on http://127.0.0.1:PORT/" line in 20 s\n${log()}`)), 20000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/Jarida is serving .* on (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`jarida serve exited early (code ${code}, signal ${signal})\n${log()}`));
    });
  });

  // Wait until GET / answers.
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const res = await fetch(base, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`GET ${base} did not answer 200 within 15 s\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timeout = new Promise((r) => setTimeout(() => r("timeout"), 10000));
      if ((await Promise.race([exited, timeout])) === "timeout") {
        child.kill("SIGKILL");
        await exited;
        throw new Error(`jarida serve did not exit within 10 s of SIGTERM\n${log()}`);
      }
    }
    const { code, signal } = await exited;
    fs.rmSync(tmp, { recursive: true, force: true });
    assert.equal(code, 0, `jarida serve exited with code ${code} (signal ${signal}) after SIGTERM\n${log()}`);
  }
  return { base, dataDir, stop, log, run };
}

// Starts tests/mail/smtp_sink.py (Debian's python3-aiosmtpd): a real SMTP
// server on a free port that saves each message as DIR/N.eml. Returns
// { dir, port, messages() (paths of the saved .eml files, in order),
// waitForMessage(timeoutMs), parse(eml) ({ subject, from, to, text, html,
// defects } decoded by Python's email module), stop() }.
async function startSmtpSink() {
  const python = process.env.JARIDA_PYTHON || "/usr/bin/python3";
  const script = path.join(REPO, "tests/mail/smtp_sink.py");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jarida-sink-"));
  const child = spawn(python, [script, dir], { stdio: ["pipe", "ignore", "pipe"] });
  let err = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => { err += d; });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let gone = null;
  exited.then((r) => { gone = r; });
  const portFile = path.join(dir, "port");
  const deadline = Date.now() + 15000;
  while (!fs.existsSync(portFile)) {
    if (gone) throw new Error(`smtp_sink.py exited early (code ${gone.code}, signal ${gone.signal}): ${err}`);
    if (Date.now() > deadline) throw new Error(`smtp_sink.py wrote no ${portFile} in 15 s: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(fs.readFileSync(portFile, "utf8"));

  const messages = () => fs.readdirSync(dir).filter((f) => /^\d+\.eml$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).map((f) => path.join(dir, f));
  async function waitForMessage(timeoutMs = 10000, count = 1) {
    const until = Date.now() + timeoutMs;
    while (messages().length < count) {
      if (Date.now() > until) throw new Error(`no mail in the SMTP sink (${dir}) within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return messages()[count - 1];
  }
  async function parse(eml) {
    const out = fs.mkdtempSync(path.join(dir, "parsed-"));
    await execFileP(python, [script, "--parse", eml, out], { timeout: 30000 });
    const read = (name) => fs.readFileSync(path.join(out, name), "utf8");
    return Object.fromEntries(["subject", "from", "to", "text", "html", "defects"].map((n) => [n, read(n)]));
  }
  async function stop() {
    if (!gone) {
      child.kill("SIGTERM");
      const timeout = new Promise((r) => setTimeout(() => r("timeout"), 10000));
      if ((await Promise.race([exited, timeout])) === "timeout") {
        child.kill("SIGKILL");
        await exited;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { dir, port, messages, waitForMessage, parse, stop, log: () => err };
}

// Article links from the home page (/yyyy/mm/slug/), then the first one whose
// page shows at least one comment.
async function findArticleWithComments(base) {
  const home = await (await fetch(base, { signal: AbortSignal.timeout(5000) })).text();
  const links = [...new Set([...home.matchAll(/href="(\/\d{4}\/\d{2}\/[^"/]+\/)"/g)].map((m) => m[1]))];
  assert.ok(links.length > 0, "no article links (/yyyy/mm/slug/) on the home page");
  let best = null;
  for (const link of links) {
    const res = await fetch(new URL(link, base), { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200, `GET ${decodeURI(link)}`);
    const html = await res.text();
    const comments = (html.match(/<article class="comment"/g) || []).length;
    if (comments > 0 && (!best || comments > best.comments)) best = { path: link, comments };
    if (best && best.comments >= 2) break;
  }
  assert.ok(best, `none of the ${links.length} articles linked from the home page has a comment`);
  return best;
}

// Loads a page and waits until its web fonts are in.
async function open(page, url) {
  const res = await page.goto(url, { waitUntil: "load", timeout: 20000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return res;
}

// A label a reader must be able to see: present, visible once scrolled into
// view, not pushed outside the viewport sideways, and not covered by
// another element (hit test at its centre).
async function assertReadable(locator, what) {
  const n = await locator.count();
  assert.ok(n >= 1, `${what}: not on the page`);
  const el = locator.first();
  await el.scrollIntoViewIfNeeded({ timeout: 5000 });
  assert.ok(await el.isVisible(), `${what}: present but not visible`);
  const geo = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const hit = document.elementFromPoint(cx, cy);
    return {
      left: r.left, right: r.right, top: r.top, bottom: r.bottom,
      vw: document.documentElement.clientWidth,
      vh: window.innerHeight,
      covered: hit ? !(hit === e || e.contains(hit)) : true,
      hit: hit ? hit.outerHTML.slice(0, 120) : null,
    };
  });
  assert.ok(geo.left >= -0.5 && geo.right <= geo.vw + 0.5,
    `${what}: cut off sideways (left ${geo.left}, right ${geo.right}, viewport ${geo.vw})`);
  assert.ok(!geo.covered, `${what}: covered by another element: ${geo.hit}`);
}

// CDP: fonts Chromium used to draw the text of every node matching selector,
// summed by family. Returns [{ familyName, isCustomFont, glyphCount }] with
// the most used family first.
async function platformFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
    assert.ok(nodeIds.length > 0, `no element matches ${selector}`);
    const byFamily = new Map();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      for (const f of fonts) {
        const key = `${f.familyName}|${f.isCustomFont}`;
        const cur = byFamily.get(key) || { familyName: f.familyName, isCustomFont: f.isCustomFont, glyphCount: 0 };
        cur.glyphCount += f.glyphCount;
        byFamily.set(key, cur);
      }
    }
    return [...byFamily.values()].sort((a, b) => b.glyphCount - a.glyphCount);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

module.exports = {
  REPO, CHROMIUM, JARIDA_BIN, ARTIFACTS, README_SHOT, UPDATE_README_SHOT, BROWSER_REQUIRED, VIEWPORTS,
  loadPlaywright, browserUnavailable, launchBrowser, startServer, startSmtpSink, tomlSet, findArticleWithComments,
  open, assertReadable, platformFonts, artifact,
};
