// Proposes a slug from the title while the slug field still follows it
// (data-auto="1"). The server makes the final, unique slug; this is only
// what the editor sees while typing.

const MAX_BYTES = 200;
const encoder = new TextEncoder();

/**
 * «افتتاح مشروع Smart City» → «افتتاح-مشروع-smart-city».
 * Removes Arabic diacritics (U+064B–U+065F, U+0670) and tatweel (U+0640),
 * lower-cases, turns every run of anything but letters, marks and digits into
 * one "-", trims "-" at both ends, and keeps at most 200 bytes of UTF-8
 * without cutting a character in two.
 */
export function slugify(title) {
  let s = String(title || '').normalize('NFC').trim();
  s = s.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  s = s.replace(/\p{Cf}/gu, ''); // zero-width joiners, bidi marks
  s = s.toLowerCase();
  s = s.replace(/[^\p{L}\p{M}\p{N}]+/gu, '-');
  s = s.replace(/^-+|-+$/g, '');
  if (encoder.encode(s).length > MAX_BYTES) {
    let out = '';
    let bytes = 0;
    for (const ch of s) {
      const n = encoder.encode(ch).length;
      if (bytes + n > MAX_BYTES) break;
      out += ch;
      bytes += n;
    }
    s = out.replace(/-+$/, '');
  }
  return s;
}

/** Wires input[name=title] to input[name=slug] inside form. */
export function initSlug(form) {
  const title = form.querySelector('input[name="title"]');
  const slug = form.querySelector('input[name="slug"]');
  if (!title || !slug) return;
  title.addEventListener('input', () => {
    if (slug.dataset.auto === '1') slug.value = slugify(title.value);
  });
  // A hand edit means the editor chose the slug: stop following the title.
  slug.addEventListener('input', () => {
    slug.removeAttribute('data-auto');
  });
}
