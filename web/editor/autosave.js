// Autosave for the article form: 4 s after the last change, POST the form
// (urlencoded) to data-autosave-url. A new article becomes an existing one
// on its first autosave (the form's action and the address bar follow).
import { csrfToken, readJSON, errorText } from './util.js';

export const QUIET_MS = 4000;

export function initAutosave(form, { beforeSave = () => {} } = {}) {
  const status = document.getElementById('autosave-status');
  let timer = 0;
  let changes = 0; // bumped on every change
  let saved = 0; // the value of `changes` the server last acknowledged
  let inflight = null;
  let submitting = false;

  const say = (text, isError = false) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('is-error', isError);
  };
  const dirty = () => changes !== saved;

  function changed() {
    changes++;
    if (!form.dataset.autosaveUrl) return;
    clearTimeout(timer);
    timer = setTimeout(save, QUIET_MS);
  }

  async function save() {
    timer = 0;
    const url = form.dataset.autosaveUrl;
    if (!url || submitting || !dirty()) return;
    if (inflight) {
      // Save again once the running request ends.
      inflight.then(() => {
        clearTimeout(timer);
        timer = setTimeout(save, QUIET_MS);
      });
      return;
    }
    beforeSave();
    const at = changes;
    const body = new URLSearchParams(new FormData(form));
    say('جارٍ الحفظ التلقائي…');
    inflight = (async () => {
      try {
        const r = await fetch(url, {
          method: 'POST',
          body,
          credentials: 'same-origin',
          headers: { 'X-CSRF-Token': csrfToken(), Accept: 'application/json' },
        });
        const j = await readJSON(r);
        if (!r.ok || !j) {
          say(errorText(j, 'تعذّر الحفظ التلقائي'), true);
          return;
        }
        saved = at;
        say(`حُفظت مسودة تلقائيًا في ${j.saved_at || ''}`.trim());
        // The stored copy is now this one: saving the form is no conflict.
        if (typeof j.version === 'string') {
          let v = form.querySelector('input[name=version]');
          if (!v) {
            v = document.createElement('input');
            v.type = 'hidden';
            v.name = 'version';
            form.append(v);
          }
          v.value = j.version;
        }
        if (typeof j.edit_url === 'string' && j.edit_url.startsWith('/') && form.getAttribute('action') !== j.edit_url) {
          form.setAttribute('action', j.edit_url);
          if (typeof j.autosave_url === 'string' && j.autosave_url.startsWith('/')) form.dataset.autosaveUrl = j.autosave_url;
          try {
            history.replaceState(history.state, '', j.edit_url);
          } catch {
            /* another origin: never for our own server */
          }
        }
      } catch {
        say('تعذّر الحفظ التلقائي', true);
      } finally {
        inflight = null;
      }
    })();
    await inflight;
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  form.addEventListener('submit', (e) => {
    if (e.defaultPrevented) return; // e.g. a data-confirm the user declined
    if (inflight) {
      // A first autosave may be creating the article right now: submit once it
      // has answered, to the URL it gives, so the article is not created twice.
      e.preventDefault();
      const submitter = e.submitter && e.submitter.form === form ? e.submitter : null;
      inflight.finally(() => setTimeout(() => form.requestSubmit(submitter), 0));
      return;
    }
    clearTimeout(timer);
    beforeSave();
    const target = (e.submitter && e.submitter.getAttribute('formtarget')) || form.getAttribute('target') || '';
    if (target === '' || target === '_self') submitting = true;
  });

  window.addEventListener('beforeunload', (e) => {
    if (submitting || !dirty()) return;
    e.preventDefault();
    e.returnValue = '';
  });
  // Back from the bfcache after a submit: the page is live again.
  window.addEventListener('pageshow', () => {
    submitting = false;
  });

  return { changed, save, isDirty: dirty };
}
