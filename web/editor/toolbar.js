// The formatting toolbar above the editor. Buttons carry Arabic labels and
// titles; toggles expose their state with aria-pressed.
import { h, isAllowedHref, isWebURL } from './util.js';

/**
 * Builds the toolbar for `editor`, inserted before `mount`.
 * `openMedia()` opens the media library to insert an image.
 */
export function createToolbar(editor, mount, { openMedia }) {
  const chain = () => editor.chain().focus();

  function promptLink() {
    const current = editor.getAttributes('link').href || '';
    const input = window.prompt('عنوان الرابط (يبدأ بـ https:// أو mailto: أو / لصفحة في الموقع):', current || 'https://');
    if (input === null) return;
    const url = input.trim();
    if (url === '' || url === 'https://') {
      chain().extendMarkRange('link').unsetLink().run();
      return;
    }
    if (!isAllowedHref(url)) {
      window.alert('رابط غير مقبول: استعمل http:// أو https:// أو mailto: أو مسارًا يبدأ بـ / داخل الموقع.');
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain().insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    } else {
      chain().extendMarkRange('link').setLink({ href: url }).run();
    }
  }

  function promptEmbed() {
    const input = window.prompt('رابط المادة المراد تضمينها (يوتيوب، إكس، فيسبوك…):', 'https://');
    if (input === null) return;
    const url = input.trim();
    if (url === '' || url === 'https://') return;
    if (!isWebURL(url)) {
      window.alert('رابط غير مقبول: يجب أن يبدأ بـ http:// أو https://');
      return;
    }
    chain()
      .insertContent({
        type: 'paragraph',
        content: [{ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }],
      })
      .run();
  }

  // [label, title, action, isActive?, canRun?]
  const groups = [
    [
      ['عنوان ٢', 'عنوان رئيسي في المتن (H2)', () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 })],
      ['عنوان ٣', 'عنوان فرعي (H3)', () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 })],
      ['فقرة', 'فقرة عادية', () => chain().setParagraph().run(), () => editor.isActive('paragraph') && !editor.isActive('listItem') && !editor.isActive('blockquote')],
    ],
    [
      ['غامق', 'خط غامق (Ctrl+B)', () => chain().toggleBold().run(), () => editor.isActive('bold')],
      ['مائل', 'خط مائل (Ctrl+I)', () => chain().toggleItalic().run(), () => editor.isActive('italic')],
    ],
    [
      ['• قائمة', 'قائمة نقطية', () => chain().toggleBulletList().run(), () => editor.isActive('bulletList')],
      ['١. قائمة', 'قائمة مرقّمة', () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList')],
      ['اقتباس', 'اقتباس', () => chain().toggleBlockquote().run(), () => editor.isActive('blockquote')],
    ],
    [
      ['رابط', 'إضافة رابط أو تعديله (Ctrl+K)', promptLink, () => editor.isActive('link')],
      ['إزالة الرابط', 'إزالة الرابط', () => chain().extendMarkRange('link').unsetLink().run(), null, () => editor.isActive('link')],
      ['صورة', 'صورة من مكتبة الوسائط', () => openMedia(), null],
      ['تضمين', 'تضمين رابط (فيديو أو تغريدة) يظهر رابطًا في المقال', promptEmbed, null],
    ],
    [
      ['تراجع', 'تراجع (Ctrl+Z)', () => chain().undo().run(), null, () => editor.can().undo()],
      ['إعادة', 'إعادة (Ctrl+Shift+Z)', () => chain().redo().run(), null, () => editor.can().redo()],
    ],
  ];

  const items = [];
  const bar = h('div', { class: 'editor-toolbar', role: 'toolbar', 'aria-label': 'تنسيق النص', 'aria-controls': mount.id || null });
  groups.forEach((group, gi) => {
    if (gi) bar.append(h('span', { class: 'toolbar-sep', 'aria-hidden': 'true' }));
    for (const [label, title, run, isActive, canRun] of group) {
      const b = h('button', { type: 'button', class: 'tb', title, 'aria-pressed': isActive ? 'false' : null }, label);
      // Keep the editor's selection: the click must not move focus first.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', () => run());
      bar.append(b);
      items.push({ b, isActive, canRun });
    }
  });

  function update() {
    for (const { b, isActive, canRun } of items) {
      if (isActive) b.setAttribute('aria-pressed', isActive() ? 'true' : 'false');
      if (canRun) b.disabled = !canRun();
    }
  }
  editor.on('transaction', update);
  editor.on('selectionUpdate', update);
  editor.on('focus', update);
  update();

  // Ctrl/Cmd+K: the link prompt.
  editor.view.dom.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyK') {
      e.preventDefault();
      promptLink();
    }
  });

  mount.before(bar);
  return bar;
}
