#!/usr/bin/env node
// Bundles the newsroom editor (web/editor/main.js) into ONE minified file:
//   node web/build.mjs OUTDIR   →   OUTDIR/editor.js and OUTDIR/editor-licenses.txt
// Needs `npm ci` first (esbuild, TipTap). Runs on Node 18 or newer. No source
// map, no eval, nothing loaded from elsewhere: the admin pages are served
// under `script-src 'self'`.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outdir = process.argv[2];
if (!outdir || process.argv.length > 3) {
  console.error('usage: node web/build.mjs OUTDIR');
  process.exit(2);
}
const out = resolve(outdir);
mkdirSync(out, { recursive: true });

let result;
try {
  result = await build({
    entryPoints: [join(here, 'editor', 'main.js')],
    outfile: join(out, 'editor.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    charset: 'utf8',
    legalComments: 'none', // collected into editor-licenses.txt instead
    banner: {
      js: '/*! Jarida newsroom editor. Includes TipTap, ProseMirror, linkifyjs and other MIT-licensed packages: see editor-licenses.txt */',
    },
    sourcemap: false,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: root,
  });
} catch {
  process.exit(1); // esbuild has printed the errors
}

// The licence of every npm package that went into the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (m && !packages.has(m[1])) packages.set(m[1], null);
}
const sections = [];
for (const dir of [...packages.keys()].sort()) {
  const abs = resolve(root, dir);
  const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
  const file = readdirSync(abs).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  const text = file ? readFileSync(join(abs, file), 'utf8').trim() : `License: ${pkg.license}`;
  sections.push(`${pkg.name} ${pkg.version} (${pkg.license})\n\n${text}`);
}
writeFileSync(
  join(out, 'editor-licenses.txt'),
  `Third-party software in editor.js\n${'='.repeat(33)}\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`,
);
if (!existsSync(join(out, 'editor.js'))) process.exit(1);
