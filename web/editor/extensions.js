// The TipTap schema Jarida edits with: StarterKit, a `dir` attribute on
// paragraphs and headings, images that keep srcset/sizes, and links limited to safe URLs.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import Heading from '@tiptap/extension-heading';
import Image from '@tiptap/extension-image';
import { isAllowedHref } from './util.js';

// Text blocks carry dir="auto"; containers (lists, list items, quotes) carry
// no dir of their own and follow the article (rtl). dir="auto" on a container
// does not work: the browser's rule skips descendants that have their own dir,
// so <ul dir="auto"><li dir="auto"><p dir="auto">عربي</p></li></ul> makes the
// <ul> and <li> left-to-right (bullets and indentation on the wrong side).
const TEXT_BLOCKS = ['paragraph', 'heading'];
const CONTAINERS = ['blockquote', 'listItem', 'bulletList', 'orderedList'];
// A letter: what makes dir="auto" pick a direction. A block without one
// (empty, digits, punctuation) would resolve to ltr.
const STRONG = /\p{L}/u;

function direction(value, fallback) {
  const v = String(value || '').trim().toLowerCase();
  return v === 'rtl' || v === 'ltr' || v === 'auto' ? v : fallback;
}

/**
 * Every paragraph and heading carries dir (default "auto", so the browser lays
 * out a paragraph that starts in English left-to-right and keeps mixed Arabic,
 * Latin and digits in order). An explicit rtl/ltr from existing HTML is kept,
 * also on containers.
 * In the editor only (not in the saved HTML), a text block with no letter yet
 * shows right-to-left, so the caret of a new, empty paragraph starts on the right.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addGlobalAttributes() {
    return [
      {
        types: TEXT_BLOCKS,
        attributes: {
          dir: {
            default: 'auto',
            keepOnSplit: false,
            parseHTML: (el) => direction(el.getAttribute('dir'), 'auto'),
            renderHTML: (attrs) => ({ dir: direction(attrs.dir, 'auto') }),
          },
        },
      },
      {
        types: CONTAINERS,
        attributes: {
          dir: {
            default: null,
            keepOnSplit: true,
            parseHTML: (el) => direction(el.getAttribute('dir'), null),
            renderHTML: (attrs) => (attrs.dir ? { dir: direction(attrs.dir, null) } : {}),
          },
        },
      },
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('neutralBlocksRtl'),
        props: {
          decorations(state) {
            const marks = [];
            state.doc.descendants((node, pos) => {
              if (!node.isTextblock) return true;
              if (node.attrs.dir === 'auto' && !STRONG.test(node.textContent)) {
                marks.push(Decoration.node(pos, pos + node.nodeSize, { class: 'is-neutral' }));
              }
              return false;
            });
            return marks.length ? DecorationSet.create(state.doc, marks) : DecorationSet.empty;
          },
        },
      }),
    ];
  },
});

/** <h1> in old content becomes <h2>: the article title is the page's h1. */
const JaridaHeading = Heading.extend({
  parseHTML() {
    return [
      { tag: 'h1', attrs: { level: 2 } },
      ...this.options.levels.map((level) => ({ tag: `h${level}`, attrs: { level } })),
    ];
  },
}).configure({ levels: [2, 3, 4, 5, 6] });

/** The Image node, plus the responsive attributes Jarida's media library gives. */
export const MediaImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      srcset: { default: null },
      sizes: { default: null },
    };
  },
}).configure({ inline: false, allowBase64: false });

export const IMAGE_SIZES = '(max-width: 800px) 100vw, 800px';

export function jaridaExtensions() {
  return [
    StarterKit.configure({
      heading: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        protocols: [],
        // The server adds rel where needed; no target: links open in place.
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isAllowedHref(url),
      },
    }),
    JaridaHeading,
    MediaImage,
    BlockDirection,
  ];
}
