// A tiny stand-in for Jarida's /admin/ on 127.0.0.1: the editor page and a
// list page as the C++ server renders them, the media JSON, upload and
// autosave endpoints, all under the admin's strict CSP. Used by
// editor.test.mjs; run it alone to look at the pages in a browser:
//   node web/build.mjs /tmp/ed && node web/test/fixture-server.mjs /tmp/ed
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
export const TOKEN = 'tok-3f9a2c';
const FONT_DIR = '/usr/share/fonts/truetype/noto';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function layout({ title, current, body, editor = false }) {
  const nav = [
    ['/admin/', 'الرئيسية'],
    ['/admin/articles', 'المقالات'],
    ['/admin/articles/new', 'مقال جديد'],
    ['/admin/media', 'الوسائط'],
    ['/admin/comments', 'التعليقات <span class="badge">3</span>'],
    ['/admin/categories', 'الأقسام'],
    ['/admin/users', 'المستخدمون'],
    ['/admin/settings', 'الإعدادات'],
  ]
    .map(([href, label]) => `<a href="${href}"${href === current ? ' aria-current="page"' : ''}>${label}</a>`)
    .join('');
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — غرفة الأخبار</title><link rel="stylesheet" href="/admin/static/admin.css"><meta name="csrf-token" content="${TOKEN}"><script src="/admin/static/admin.js" defer></script>
${editor ? '<script src="/admin/static/editor.js" defer></script>' : ''}</head>
<body class="admin">
<header class="admin-bar"><a class="admin-brand" href="/admin/">جريدة الصباح</a><button type="button" class="admin-menu-toggle" aria-controls="admin-nav" aria-expanded="false">القائمة</button><span class="admin-user">سلمى الحسيني · محررة</span><form method="post" action="/admin/signout" class="admin-signout"><input type="hidden" name="csrf" value="${TOKEN}"><button type="submit">خروج</button></form></header>
<nav id="admin-nav" class="admin-nav">${nav}</nav>
<main class="admin-main">${body}</main></body></html>`;
}

export const EXISTING_HTML =
  '<p>أعلنت وزارة النقل اليوم عن خطة جديدة لتطوير شبكة القطارات في 12 محافظة، بتكلفة تتجاوز 3.5 مليار جنيه.</p>' +
  '<h2>مراحل المشروع</h2><p>تبدأ المرحلة الأولى في يناير 2027، وتشمل خط «القاهرة – الإسكندرية» السريع.</p>' +
  '<blockquote><p>«هذا المشروع سيختصر زمن الرحلة إلى النصف» — وزير النقل</p></blockquote>' +
  '<ul><li><p>تحديث 40 محطة</p></li><li><p>شراء 120 عربة جديدة</p></li></ul>' +
  '<p>Reuters reported that the tender opens in March.</p>';

function editorPage({ id, html }) {
  const action = id ? `/admin/articles/${id}/edit` : '/admin/articles/new';
  const autosave = id ? `/admin/articles/${id}/autosave` : '/admin/articles/new/autosave';
  const title = id ? 'وزارة النقل تعلن خطة لتطوير القطارات' : '';
  return layout({
    title: id ? 'تحرير مقال' : 'مقال جديد',
    current: id ? '/admin/articles' : '/admin/articles/new',
    editor: true,
    body: `<h1>${id ? 'تحرير مقال' : 'مقال جديد'}</h1>
<form id="article-form" class="editor-layout" method="post" action="${action}" data-autosave-url="${autosave}">
 <input type="hidden" name="csrf" value="${TOKEN}">
 <div class="editor-main">
   <input name="kicker" class="kicker-input" dir="auto" placeholder="عنوان تمهيدي (اختياري)" aria-label="العنوان التمهيدي" value="${id ? 'نقل' : ''}">
   <input name="title" class="title-input" dir="auto" required placeholder="العنوان" aria-label="العنوان" value="${esc(title)}">
   <textarea name="excerpt" class="excerpt-input" dir="auto" placeholder="الموجز: سطران يظهران في القوائم" aria-label="الموجز"></textarea>
   <div id="editor" class="editor-body" data-media-url="/admin/media.json" data-upload-url="/admin/media/upload"></div>
   <textarea name="body_html" id="body_html" class="body-fallback" aria-label="المتن (HTML)">${esc(html)}</textarea>
   <p id="autosave-status" class="autosave-status" aria-live="polite"></p>
 </div>
 <aside class="editor-side">
  <fieldset><legend>النشر</legend>
   <div class="field"><label for="status">الحالة</label><select id="status" name="status"><option value="draft">مسودة</option><option value="pending">بانتظار المراجعة</option><option value="published">منشور</option></select></div>
   <div class="field"><label for="publish_at">موعد النشر</label><input type="datetime-local" id="publish_at" name="publish_at"></div>
   <div class="actions"><button class="btn btn-primary" name="action" value="publish">نشر</button><button class="btn" name="action" value="save">حفظ</button><button class="btn" name="action" value="preview">معاينة</button></div>
  </fieldset>
  <fieldset><legend>التصنيف</legend>
   <div class="field"><label for="slug">الرابط المختصر</label><input id="slug" name="slug" dir="auto" ${id ? 'value="خطة-تطوير-القطارات"' : 'data-auto="1"'}><p class="hint">يُقترح من العنوان.</p></div>
   <div class="field"><label for="category">القسم</label><select id="category" name="category_id"><option value="1">اقتصاد</option><option value="2">سياسة</option></select></div>
   <div class="field"><label for="tags">الوسوم</label><input id="tags" name="tags" dir="auto" placeholder="مفصولة بفواصل"></div>
   <div class="field"><label for="author">الكاتب</label><select id="author" name="author_id"><option value="1">سلمى الحسيني</option></select></div>
  </fieldset>
  <fieldset><legend>الصورة البارزة</legend>
   <input type="hidden" name="featured_media_id" id="featured_media_id" value="">
   <div id="featured-preview" class="featured-preview"></div>
   <button type="button" id="featured-pick" class="btn">اختر صورة</button>
  </fieldset>
 </aside>
</form>`,
  });
}

function listPage() {
  const rows = [
    [41, 'وزارة النقل تعلن خطة لتطوير القطارات في 12 محافظة', 'published', 'منشور', 'سلمى الحسيني', '٢٥ نوفمبر ٢٠٢٦'],
    [40, 'Smart City: مشروع المدينة الذكية يبدأ العام المقبل', 'scheduled', 'مجدول', 'أحمد سامي', '٢٨ نوفمبر ٢٠٢٦'],
    [39, 'ارتفاع أسعار الذهب للمرة الثالثة هذا الأسبوع', 'pending', 'بانتظار المراجعة', 'منى خليل', '٢٤ نوفمبر ٢٠٢٦'],
    [38, 'مسودة: حوار مع رئيس اتحاد الكرة', 'draft', 'مسودة', 'سلمى الحسيني', '٢٣ نوفمبر ٢٠٢٦'],
    [37, 'تقرير داخلي عن التوزيع', 'private', 'خاص', 'أحمد سامي', '٢٠ نوفمبر ٢٠٢٦'],
    [36, 'خبر محذوف', 'trash', 'في سلة المهملات', 'منى خليل', '١٨ نوفمبر ٢٠٢٦'],
  ]
    .map(
      ([id, t, s, sl, who, when]) =>
        `<tr><td><input type="checkbox" name="ids" value="${id}" form="bulk" aria-label="تحديد"></td><td><a href="/admin/articles/${id}/edit">${t}</a><span class="muted">اقتصاد · 3 تعليقات</span></td><td><span class="status status-${s}">${sl}</span></td><td>${who}</td><td class="muted">${when}</td><td><form class="inline-form" method="post" action="/admin/articles/${id}/trash"><input type="hidden" name="csrf" value="${TOKEN}"><button class="btn btn-danger" data-confirm="نقل المقال إلى سلة المهملات؟">حذف</button></form></td></tr>`,
    )
    .join('');
  return layout({
    title: 'المقالات',
    current: '/admin/articles',
    body: `<h1>المقالات</h1><div class="notice notice-ok">حُفظ المقال.</div>
<section class="cards"><a class="card" href="/admin/articles?status=published"><span class="card-number">128</span><span class="card-label">منشور</span></a><a class="card" href="/admin/articles?status=pending"><span class="card-number">4</span><span class="card-label">بانتظار المراجعة</span></a><a class="card" href="/admin/comments"><span class="card-number">3</span><span class="card-label">تعليقات جديدة</span></a></section>
<form class="filters" method="get"><input type="search" name="q" placeholder="ابحث في العناوين" aria-label="بحث"><select name="status" aria-label="الحالة"><option value="">كل الحالات</option><option>منشور</option></select><button class="btn">تصفية</button></form>
<form id="bulk" class="bulk-actions" method="post" action="/admin/articles/bulk"><input type="hidden" name="csrf" value="${TOKEN}">
<label class="check"><input type="checkbox" data-select-all> تحديد الكل</label><select name="bulk" aria-label="إجراء جماعي"><option value="trash">نقل إلى المهملات</option><option value="publish">نشر</option></select><button class="btn" id="bulk-apply" data-confirm="تطبيق الإجراء على المقالات المحددة؟">تطبيق</button></form>
<!-- Forms cannot nest: the row checkboxes join the bulk form with form="bulk", so each row can have its own small forms. -->
<div class="table-wrap"><table class="admin-table"><thead><tr><th></th><th>العنوان</th><th>الحالة</th><th>الكاتب</th><th>التاريخ</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
<nav class="pagination"><a rel="prev" href="?page=1">السابق</a><span>صفحة 2 من 9</span><a rel="next" href="?page=3">التالي</a></nav>`,
  });
}

// Media fixtures: 5 SVG "photos" (CSP allows same-origin images), 3 a page.
const COLORS = ['#a4161a', '#0b4f8a', '#1d6b31', '#7a4f00', '#5d2f80'];
export const MEDIA = COLORS.map((c, i) => {
  const id = i + 1;
  const base = `/media/2026/11/photo-${id}`;
  return {
    id,
    url: `${base}.svg`,
    width: 1600,
    height: 900,
    alt: ['قطار سريع في محطة القاهرة', 'مبنى وزارة النقل', 'حقول القمح في الدلتا', 'سوق الذهب في خان الخليلي', 'ملعب القاهرة الدولي'][i],
    title: `photo-${id}`,
    srcset: `${base}-400.svg 400w, ${base}-800.svg 800w, ${base}.svg 1600w`,
  };
});
function svg(id, w) {
  const c = COLORS[(id - 1) % COLORS.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${Math.round((w * 9) / 16)}" viewBox="0 0 160 90"><rect width="160" height="90" fill="${c}"/><circle cx="120" cy="30" r="14" fill="#fff" opacity=".5"/><path d="M0 90 L50 45 L90 80 L120 55 L160 90Z" fill="#000" opacity=".25"/><text x="20" y="30" font-size="18" fill="#fff" font-family="sans-serif">${id}</text></svg>`;
}

/** Starts the server. Returns {url, close, requests, autosaves, uploads, waitFor}. */
export async function startFixtureServer({ bundleDir }) {
  const requests = [];
  const waiters = [];
  let nextId = 123;
  const notify = (r) => {
    requests.push(r);
    for (const w of waiters.slice()) if (w.pred(r)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(r); }
  };

  const send = (res, status, type, body, extra = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  };
  const json = (res, status, obj) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(obj));

  const server = http.createServer(async (req, res) => {
    const u = new URL(req.url, 'http://x');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const rec = { method: req.method, path: u.pathname, query: u.searchParams, headers: req.headers, body };
    try {
      const p = u.pathname;
      if (p === '/admin/static/editor.js') return send(res, 200, 'text/javascript; charset=utf-8', await readFile(join(bundleDir, 'editor.js')));
      if (p === '/admin/static/admin.js') return send(res, 200, 'text/javascript; charset=utf-8', await readFile(join(root, 'admin/static/admin.js')));
      if (p === '/admin/static/admin.css') return send(res, 200, 'text/css; charset=utf-8', await readFile(join(root, 'admin/static/admin.css')));
      if (p.startsWith('/static/fonts/') && /^[A-Za-z-]+\.ttf$/.test(p.slice(14))) {
        try {
          return send(res, 200, 'font/ttf', await readFile(join(FONT_DIR, p.slice(14))));
        } catch {
          return send(res, 404, 'text/plain', 'no font');
        }
      }
      const m = p.match(/^\/media\/2026\/11\/photo-(\d)(?:-(\d+))?\.svg$/);
      if (m) return send(res, 200, 'image/svg+xml', svg(Number(m[1]), Number(m[2] || 1600)));
      if (p === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      if (p === '/admin/articles') return send(res, 200, 'text/html; charset=utf-8', listPage());
      if (p === '/admin/articles/new') return send(res, 200, 'text/html; charset=utf-8', editorPage({ id: 0, html: '' }));
      const e = p.match(/^\/admin\/articles\/(\d+)\/edit$/);
      if (e && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', editorPage({ id: Number(e[1]), html: EXISTING_HTML }));
      if (p === '/admin/media.json') {
        const q = (u.searchParams.get('q') || '').trim();
        const all = q ? MEDIA.filter((x) => x.alt.includes(q)) : MEDIA;
        const pages = Math.max(1, Math.ceil(all.length / 3));
        const page = Math.min(pages, Math.max(1, Number(u.searchParams.get('page')) || 1));
        notify(rec);
        return json(res, 200, { items: all.slice((page - 1) * 3, page * 3), page, pages });
      }
      if (p === '/admin/media/upload' && req.method === 'POST') {
        notify(rec);
        if (req.headers['x-csrf-token'] !== TOKEN) return json(res, 403, { error: 'انتهت صلاحية الجلسة' });
        if (body.length < 8) return json(res, 415, { error: 'هذا الملف ليس صورة نقبلها.' });
        return json(res, 201, { ...MEDIA[4], id: 99, alt: u.searchParams.get('alt') || '' });
      }
      const a = p.match(/^\/admin\/articles\/(new|\d+)\/autosave$/);
      if (a && req.method === 'POST') {
        notify(rec);
        if (req.headers['x-csrf-token'] !== TOKEN) return json(res, 403, { error: 'انتهت صلاحية الجلسة' });
        const id = a[1] === 'new' ? nextId++ : Number(a[1]);
        return json(res, 200, { id, saved_at: '12:30', edit_url: `/admin/articles/${id}/edit`, autosave_url: `/admin/articles/${id}/autosave` });
      }
      notify(rec);
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    } catch (err) {
      return send(res, 500, 'text/plain', String(err && err.stack));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    /** Resolves with the first request (past or future) matching pred, or rejects after ms. */
    waitFor(pred, ms = 8000) {
      const hit = requests.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no matching request within ${ms} ms`));
        }, ms);
      });
    },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node web/test/fixture-server.mjs BUNDLE_DIR');
    process.exit(2);
  }
  const s = await startFixtureServer({ bundleDir: resolve(dir) });
  console.log(`${s.url}/admin/articles/7/edit  ${s.url}/admin/articles/new  ${s.url}/admin/articles`);
}
