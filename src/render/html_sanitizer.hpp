// Article HTML from outside (a WordPress import, an editor's paste) made safe
// to print as is, and the plain text a reader sees in such HTML. Both parse
// with gumbo the way a browser does (HTML5 tree building, as a body,
// invalid UTF-8 -> U+FFFD), so what is checked is what a browser would build;
// libxml2 repairs differently and is not used for this (DEPENDENCIES.md).
// Rules pinned by tests/render/html_sanitizer_test.cpp.
#pragma once

#include <string>
#include <string_view>

namespace jarida::render {

// The elements, attributes and URL schemes of an allowlist, re-serialized:
//  - kept: p br h2-h6 strong b em i u s blockquote q cite ul ol li a img
//    figure figcaption table thead tbody tfoot tr th td caption pre code hr
//    sub sup span div abbr mark small del ins dl dt dd audio video source
//    (source only inside audio/video, img only with a usable src);
//    h1 becomes h2 (the page has its own h1), strike s, bdi/bdo span,
//    menu/dir ul, listing/xmp pre, and other blocks (section, article,
//    center...) div, so they stay blocks;
//  - dropped with their content: script, style, template, noscript, iframe,
//    object, embed, form controls (input, button, select, textarea),
//    title...; comments; svg and math tags (their text is kept, see the
//    guard in html_guard.hpp);
//  - any other element (font, label, custom tags) is unwrapped: its text
//    stays, its tag goes;
//  - attributes: a[href title], img[src srcset sizes alt width height],
//    td/th[colspan rowspan], ol[start], audio/video[src controls], source[src type],
//    blockquote/q[cite], abbr[title], and on any element dir (rtl|ltr|auto),
//    lang and class (only alignleft alignright aligncenter wp-caption gallery
//    gallery-item). Added: loading="lazy" on img, rel="noopener" on links
//    to absolute http(s) or scheme-relative URLs;
//  - URLs (href, src, cite): http, https, mailto, tel, relative paths and
//    fragments; the scheme is read as a browser reads it (leading spaces and
//    controls stripped, tabs and newlines anywhere removed), so
//    "jav&#x09;ascript:" is javascript: and dropped, as are data: and
//    vbscript:. srcset: every candidate's URL passes the same check and
//    has at most one descriptor, a width (400w) or a density (2x, 1.5x),
//    else the whole srcset goes (and sizes with it); written back as
//    "a.jpg 400w, b.jpg 800w". sizes: only letters, digits, spaces and
//    ( ) , . % + - * / :, and only with a srcset. Widths, heights and
//    spans: digits only.
// Output: text escapes & < >, attribute values & < > " ', every attribute is
// double-quoted, void elements have no end tag, valid UTF-8 without C0
// control characters other than tab and newline (so no page slot markers):
// like broken UTF-8 they come out as U+FFFD, and a URL with one is refused.
// Deterministic and idempotent: sanitize_html(sanitize_html(x)) ==
// sanitize_html(x).
std::string sanitize_html(std::string_view html);

// What a reader sees of an HTML fragment, as plain text: entities decoded
// exactly once ("News &amp;amp; Views" -> "News &amp; Views"), script, style
// and other invisible content dropped, blocks (p, div, li, h1-h6,
// blockquote, tr...) and <br> as line breaks, newlines in the text kept as
// line breaks (WordPress shows comments and excerpts with them), runs of
// spaces and tabs (and no-break spaces) collapsed to one space, lines
// trimmed, at most one blank line in a row, no blank line at either end;
// broken UTF-8 and control characters (but tab and newline) become U+FFFD.
// For comment bodies, names and excerpts from WordPress.
std::string html_to_text(std::string_view html);

}  // namespace jarida::render
