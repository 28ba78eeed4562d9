// Jarida's newsroom editor: TipTap on #editor (right-to-left, dir="auto" on
// every block), its toolbar, the media library, autosave and the slug.
// Without JavaScript the page still works: #body_html is a plain textarea.
import { Editor } from '@tiptap/core';
import { jaridaExtensions, IMAGE_SIZES } from './extensions.js';
import { createToolbar } from './toolbar.js';
import { createMediaDialog, initFeatured } from './media.js';
import { initAutosave } from './autosave.js';
import { initSlug } from './slug.js';

/**
 * The article HTML, without the empty paragraph(s) at the very end (TipTap
 * keeps one after a final list or image so there is somewhere to type).
 */
function editorHTML(editor) {
  return editor.getHTML().replace(/(?:<p dir="auto"><\/p>)+$/, '');
}

// Elements the visual editor has no node for. An article holding any of
// them (tables, captioned figures, audio and video from a WordPress import)
// is edited as HTML in the textarea instead, so opening and saving it can
// never drop part of it.
const UNSUPPORTED = 'table, figure, figcaption, video, audio, iframe, dl, details, sub, sup';

function hasUnsupported(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.querySelector(UNSUPPORTED) !== null;
}

function init() {
  const form = document.getElementById('article-form');
  const mount = document.getElementById('editor');
  const source = document.getElementById('body_html');

  let media = null;
  const getMedia = () => {
    if (!media) {
      const from = mount || document.getElementById('featured-pick');
      media = createMediaDialog({
        listUrl: (mount && mount.dataset.mediaUrl) || (from && from.dataset.mediaUrl) || '/admin/media.json',
        uploadUrl: (mount && mount.dataset.uploadUrl) || (from && from.dataset.uploadUrl) || '/admin/media/upload',
      });
    }
    return media;
  };

  let editor = null;
  if (mount && source && hasUnsupported(source.value)) {
    const note = document.createElement('p');
    note.className = 'notice notice-ok';
    note.setAttribute('role', 'status');
    note.textContent =
      'في هذا المقال عناصر لا يعرضها المحرر المرئي (جداول أو صور بتعليق أو وسائط)، ' +
      'فهو يُحرَّر هنا بصيغة HTML حتى لا يضيع منه شيء.';
    mount.replaceWith(note);
  } else if (mount && source) {
    mount.setAttribute('dir', 'rtl');
    editor = new Editor({
      element: mount,
      extensions: jaridaExtensions(),
      content: source.value,
      injectCSS: false,
      editorProps: {
        attributes: {
          dir: 'rtl',
          class: 'editor-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'متن المقال',
        },
      },
    });
    const sync = () => {
      source.value = editorHTML(editor);
    };
    // Normalise once so an untouched article saves what the editor shows.
    sync();
    source.hidden = true;
    mount.classList.add('is-ready');
    editor.on('update', () => {
      sync();
      source.dispatchEvent(new Event('input', { bubbles: true }));
    });

    const insertImage = (item) => {
      editor
        .chain()
        .focus()
        .setImage({
          src: item.url,
          srcset: item.srcset || null,
          sizes: item.srcset ? IMAGE_SIZES : null,
          alt: item.alt || '',
          width: item.width,
          height: item.height,
        })
        .run();
    };
    createToolbar(editor, mount, { openMedia: () => getMedia().open({ mode: 'insert', onChoose: insertImage }) });
    // For tests and debugging.
    mount.jaridaEditor = editor;
  }

  // The media library page: the same dialog, for uploading; a chosen or
  // uploaded image just shows up in the list.
  const libraryButton = document.getElementById('media-upload');
  if (libraryButton) {
    const box = document.getElementById('media-library');
    media = createMediaDialog({
      listUrl: (box && box.dataset.mediaUrl) || '/admin/media.json',
      uploadUrl: (box && box.dataset.uploadUrl) || '/admin/media/upload',
    });
    libraryButton.addEventListener('click', () =>
      media.open({ mode: 'library', onChoose: () => window.location.reload() }),
    );
  }

  if (form) {
    initAutosave(form, {
      beforeSave: () => {
        if (editor && source) source.value = editorHTML(editor);
      },
    });
    initSlug(form);
    initFeatured(form, getMedia);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
