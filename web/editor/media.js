// The media library dialog: browse, search, upload (with required alt text)
// and choose an image, either for the article body or as the featured image.
import { h, csrfToken, readJSON, errorText } from './util.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic';

/** A media item from the server, or null when it lacks a usable URL. */
function cleanItem(raw) {
  if (!raw || typeof raw !== 'object') return null;
  const url = typeof raw.url === 'string' ? raw.url : '';
  if (!/^(\/(?![/\\])|https?:\/\/)/i.test(url)) return null;
  const str = (v) => (typeof v === 'string' ? v : '');
  const num = (v) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Math.round(Number(v)) : null);
  return {
    id: raw.id,
    url,
    width: num(raw.width),
    height: num(raw.height),
    alt: str(raw.alt),
    title: str(raw.title),
    srcset: str(raw.srcset),
  };
}

/**
 * Creates the dialog once. `open({onChoose})` shows it; onChoose(item) is
 * called with the chosen item and the dialog closes.
 */
export function createMediaDialog({ listUrl, uploadUrl }) {
  let page = 1;
  let pages = 1;
  let query = '';
  let onChoose = null;
  let loading = 0; // generation counter: only the newest list response is drawn

  const error = h('p', { class: 'media-error', role: 'alert', hidden: true });
  const status = h('p', { class: 'media-status muted', 'aria-live': 'polite' });
  const grid = h('ul', { class: 'media-grid' });
  const prev = h('button', { type: 'button', class: 'btn btn-small media-prev' }, 'السابق');
  const next = h('button', { type: 'button', class: 'btn btn-small media-next' }, 'التالي');
  const pageText = h('span', { class: 'media-page' });
  const search = h('input', { type: 'search', name: 'q', placeholder: 'ابحث في الوسائط', 'aria-label': 'ابحث في الوسائط', dir: 'auto' });
  const file = h('input', { type: 'file', name: 'file', accept: ACCEPT, id: 'media-upload-file' });
  const alt = h('input', { type: 'text', name: 'alt', required: true, id: 'media-upload-alt', dir: 'auto', maxlength: '500' });
  const uploadButton = h('button', { type: 'submit', class: 'btn btn-primary' }, 'ارفع الصورة');

  const searchForm = h('form', { class: 'media-search', role: 'search' }, search, h('button', { type: 'submit', class: 'btn' }, 'بحث'));
  const uploadForm = h(
    'form',
    { class: 'media-upload' },
    h('h3', {}, 'رفع صورة جديدة'),
    h('div', { class: 'field' }, h('label', { for: file.id }, 'الملف (JPEG أو PNG أو WebP أو GIF أو AVIF أو HEIC، حتى 20 ميغابايت)'), file),
    h('div', { class: 'field' }, h('label', { for: alt.id }, 'النص البديل: صف الصورة لمن لا يراها'), alt),
    h('div', { class: 'actions' }, uploadButton),
  );
  const closeButton = h('button', { type: 'button', class: 'btn btn-small media-close' }, 'إغلاق');
  const dialog = h(
    'dialog',
    { class: 'media-dialog', 'aria-labelledby': 'media-dialog-title' },
    h('div', { class: 'media-head' }, h('h2', { id: 'media-dialog-title' }, 'مكتبة الوسائط'), closeButton),
    error,
    searchForm,
    status,
    grid,
    h('nav', { class: 'pagination media-pagination', 'aria-label': 'صفحات الوسائط' }, prev, pageText, next),
    uploadForm,
  );
  document.body.append(dialog);

  function showError(text) {
    error.textContent = text || '';
    error.hidden = !text;
  }

  function choose(item) {
    const cb = onChoose;
    dialog.close();
    if (cb) cb(item);
  }

  function thumb(item) {
    const img = h('img', {
      src: item.url,
      srcset: item.srcset || null,
      sizes: '(max-width: 600px) 45vw, 160px',
      alt: item.alt,
      loading: 'lazy',
      width: item.width,
      height: item.height,
    });
    const label = item.alt || item.title || 'صورة بلا وصف';
    const b = h('button', { type: 'button', class: 'media-item', title: label }, img, h('span', { class: 'media-caption' }, label));
    b.addEventListener('click', () => choose(item));
    return h('li', {}, b);
  }

  async function load(n) {
    const gen = ++loading;
    showError('');
    status.textContent = 'جارٍ التحميل…';
    const url = new URL(listUrl, window.location.href);
    url.searchParams.set('page', String(n));
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    try {
      const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const j = await readJSON(r);
      if (gen !== loading) return;
      if (!r.ok || !j) {
        status.textContent = '';
        showError(errorText(j, 'تعذّر تحميل مكتبة الوسائط.'));
        return;
      }
      const items = (Array.isArray(j.items) ? j.items : []).map(cleanItem).filter(Boolean);
      page = Number(j.page) || n;
      pages = Math.max(1, Number(j.pages) || 1);
      grid.replaceChildren(...items.map(thumb));
      status.textContent = items.length ? '' : query ? 'لا نتائج لهذا البحث.' : 'المكتبة فارغة: ارفع أول صورة.';
      pageText.textContent = `صفحة ${page} من ${pages}`;
      prev.disabled = page <= 1;
      next.disabled = page >= pages;
    } catch {
      if (gen !== loading) return;
      status.textContent = '';
      showError('تعذّر الاتصال بالخادم لتحميل مكتبة الوسائط.');
    }
  }

  prev.addEventListener('click', () => page > 1 && load(page - 1));
  next.addEventListener('click', () => page < pages && load(page + 1));
  closeButton.addEventListener('click', () => dialog.close());
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    query = search.value.trim();
    load(1);
  });

  uploadForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError('');
    const f = file.files && file.files[0];
    const text = alt.value.trim();
    if (!f) return showError('اختر ملف صورة أولًا.');
    if (!text) {
      alt.focus();
      return showError('اكتب النص البديل قبل الرفع: صف الصورة لمن لا يراها.');
    }
    if (f.size > MAX_UPLOAD_BYTES) return showError('الملف أكبر من 20 ميغابايت: صغّره ثم أعد المحاولة.');
    const url = `${uploadUrl}?alt=${encodeURIComponent(text)}&name=${encodeURIComponent(f.name)}`;
    uploadButton.disabled = true;
    status.textContent = 'جارٍ رفع الصورة…';
    try {
      const r = await fetch(url, {
        method: 'POST',
        body: f,
        credentials: 'same-origin',
        headers: { 'Content-Type': f.type || 'application/octet-stream', 'X-CSRF-Token': csrfToken(), Accept: 'application/json' },
      });
      const j = await readJSON(r);
      status.textContent = '';
      if (!r.ok) return showError(errorText(j, `تعذّر رفع الصورة (رمز الخطأ ${r.status}).`));
      const item = cleanItem(j && Array.isArray(j.items) ? j.items[0] : j && j.item ? j.item : j);
      if (!item) return showError('ردّ الخادم على الرفع غير مفهوم.');
      uploadForm.reset();
      choose(item);
    } catch {
      status.textContent = '';
      showError('تعذّر الاتصال بالخادم لرفع الصورة.');
    } finally {
      uploadButton.disabled = false;
    }
  });

  return {
    dialog,
    open(options = {}) {
      onChoose = options.onChoose || null;
      dialog.dataset.mode = options.mode || 'insert';
      showError('');
      if (!dialog.open) dialog.showModal();
      load(page); // showModal() has focused the first control (close)
    },
  };
}

/** The featured image picker: #featured-pick, #featured_media_id, #featured-preview. */
export function initFeatured(form, getDialog) {
  const pick = document.getElementById('featured-pick');
  const input = document.getElementById('featured_media_id');
  const preview = document.getElementById('featured-preview');
  if (!pick || !input || !preview) return;

  function changed() {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  function removeButton() {
    const b = h('button', { type: 'button', class: 'btn btn-small btn-danger featured-remove' }, 'إزالة الصورة');
    b.addEventListener('click', () => {
      input.value = '';
      preview.replaceChildren();
      changed();
      pick.focus();
    });
    return b;
  }
  function show(item) {
    input.value = String(item.id);
    preview.replaceChildren(
      h('img', { src: item.url, srcset: item.srcset || null, sizes: '300px', alt: item.alt, width: item.width, height: item.height }),
      removeButton(),
    );
    changed();
  }
  // A page that already has a featured image: offer to remove it.
  if (input.value && !preview.querySelector('.featured-remove')) preview.append(removeButton());

  pick.addEventListener('click', () => getDialog().open({ mode: 'featured', onChoose: show }));
}
