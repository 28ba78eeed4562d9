// Small DOM helpers shared by the editor modules. No innerHTML anywhere:
// every text from the server or the user goes in through textContent or
// attributes, so nothing can become markup.

/** Creates an element: h('button', {type: 'button', class: 'btn'}, 'نص'). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** The session's CSRF token from <meta name="csrf-token">. */
export function csrfToken() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.getAttribute('content') || '' : '';
}

/** Reads a JSON body; null when there is none or it is not JSON. */
export async function readJSON(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The error text a failed JSON call gave, or the fallback. */
export function errorText(json, fallback) {
  return json && typeof json.error === 'string' && json.error.trim() ? json.error : fallback;
}

/**
 * Is this a URL the editor may link to? http(s), mailto, or a path on this
 * site ("/…" but not "//host" or "/\host", which browsers read as another host).
 */
export function isAllowedHref(url) {
  const u = String(url || '').trim();
  if (/^https?:\/\/[^\s/\\?#]+/i.test(u)) return true;
  if (/^mailto:[^\s]+$/i.test(u)) return true;
  return /^\/(?![/\\])/.test(u);
}

/** Only absolute http(s) URLs (embeds). */
export function isWebURL(url) {
  return /^https?:\/\/[^\s/\\?#]+/i.test(String(url || '').trim());
}
