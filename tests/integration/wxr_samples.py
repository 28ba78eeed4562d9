"""Small WordPress export (WXR 1.2) files for the integration tests of
`jarida import wordpress` (Python standard library only; not a test itself).

Everything is written as WordPress 6.1 writes an export (see bench/make-wxr.py
for the big one): CDATA sections split around "]]>", percent-encoded
lower-case slugs cut at 200 bytes, term names entity-encoded as WordPress
stores them (&amp;), every category and tag listed twice (wp:category /
wp:tag, then wp:term). All text is original synthetic Arabic.

    import wxr_samples as wx
    path = wx.write_edge_cases(folder)       # one valid export, every edge case
    wx.EDGE["trashed"]                       # -> 103, its WordPress post ID
    bad = wx.write_bad_inputs(folder)        # {"truncated": path, ...}
    bad["invalid_utf8"].line                 # the line the importer should name

Paths returned by the write_* functions are `SamplePath`s: plain str paths
with a `.line` attribute, the 1-based line an importer should name in
"jarida import: FILE:LINE: message" (0 when the file is valid).

The builders:
  author(), category(), tag(), term(), comment(), item() -> dicts with every
  field WordPress writes filled in; build_wxr(authors, terms, items) -> the
  export as text; write() -> a file.
"""

import os
import time

SITE = "http://wp-test.localhost:8081"
TZ_OFFSET = 3 * 3600          # the exporting site's time zone: Asia/Riyadh (UTC+3)
ZERO_DATE = "0000-00-00 00:00:00"

WXR_NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}


class SamplePath(str):
    """A file path (a str) with .line (where the importer should stop, 0 if valid) and, for DOCTYPE samples, .entity_line (where the entity is used)."""

    def __new__(cls, path, line=0, entity_line=0):
        s = str.__new__(cls, path)
        s.line = line
        s.entity_line = entity_line
        return s


# ------------------------------------------------------------ WordPress text

_STRIP = set("\u00ad\u00a1\u00bf\u00ab\u00bb\u2039\u203a\u2018\u2019\u201c\u201d\u201a\u201b"
             "\u201e\u201f\u2022\u00a9\u00ae\u00b0\u2026\u2122\u00b4\u200b\u200c\u200d\u200e\u200f")


def cdata(text):
    """wxr_cdata(): text in a CDATA section, "]]>" split across two sections."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def utf8_uri_encode(text, limit=0):
    """utf8_uri_encode(): non-ASCII as lower-case %xx, stopping before a character that would pass `limit` bytes."""
    out, n = [], 0
    for ch in text:
        e = ch if ord(ch) < 128 else "".join("%%%02x" % b for b in ch.encode("utf-8"))
        if limit and n + len(e) > limit:
            break
        out.append(e)
        n += len(e)
    return "".join(out)


def wp_slug(title):
    """sanitize_title(): the slug WordPress gives a title (cut at 200 bytes first, then entities and punctuation dropped)."""
    import re
    out, n = [], 0
    for ch in title.lower():
        e = utf8_uri_encode(ch)
        if n + len(e) > 200:
            break
        n += len(e)
        if ch not in _STRIP:
            out.append("-" if ch in "\u00a0\u2013\u2014/" else e)
    s = re.sub(r"&.+?;", "", "".join(out))
    s = s.replace(".", "-")
    s = re.sub(r"[^%a-z0-9 _-]", "", s)
    s = re.sub(r"\s+", "-", s)
    s = re.sub(r"-+", "-", s)
    return s.strip("-")


def unique_slug(slug, n):
    """wp_unique_post_slug()'s n-th alternative: the slug cut to leave room for "-n", then "-n"."""
    import urllib.parse
    room = 200 - (len(str(n)) + 1)
    if len(slug) > room:
        decoded = urllib.parse.unquote(slug)
        slug = (slug[:room] if decoded == slug else utf8_uri_encode(decoded, room)).rstrip("-")
    return "%s-%d" % (slug, n)


def php_serialize(v):
    """PHP serialize() of dict/list/int/str (string lengths in UTF-8 bytes)."""
    if isinstance(v, bool):
        return "b:%d;" % int(v)
    if isinstance(v, int):
        return "i:%d;" % v
    if isinstance(v, str):
        return 's:%d:"%s";' % (len(v.encode("utf-8")), v)
    if isinstance(v, list):
        v = dict(enumerate(v))
    return "a:%d:{%s}" % (len(v), "".join(php_serialize(k) + php_serialize(x) for k, x in v.items()))


def gmt_of(local):
    """The GMT time (WordPress post_date_gmt) of a local 'YYYY-MM-DD HH:MM:SS' in the site's zone."""
    t = _epoch(local) - TZ_OFFSET
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))


def _epoch(s):
    import calendar
    return calendar.timegm(time.strptime(s, "%Y-%m-%d %H:%M:%S"))


def _rss_date(gmt):
    if gmt == ZERO_DATE:
        return ""
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(_epoch(gmt)))


# ------------------------------------------------------------------ builders

def author(id, login, display_name, email=None, first_name="", last_name=""):
    """A wp:author: WordPress user `id` (author_id) with its login and display name."""
    return dict(id=id, login=login, display_name=display_name,
                email=email if email is not None else login + "@example.invalid",
                first_name=first_name, last_name=last_name)


def category(id, name, slug=None, parent="", description=""):
    """A category term; `name` as WordPress stores it (& as &amp;), `parent` = the parent's slug."""
    return dict(id=id, taxonomy="category", name=name,
                slug=slug if slug is not None else wp_slug(name), parent=parent,
                description=description)


def tag(id, name, slug=None, description=""):
    """A post_tag term."""
    return dict(id=id, taxonomy="post_tag", name=name,
                slug=slug if slug is not None else wp_slug(name), parent="",
                description=description)


def term(id, taxonomy, name, slug=None, parent="", description=""):
    """A term of any other taxonomy (nav_menu, wp_theme, ...): listed as wp:term only."""
    return dict(id=id, taxonomy=taxonomy, name=name,
                slug=slug if slug is not None else wp_slug(name), parent=parent,
                description=description)


def comment(id, content, author="قارئ", email=None, url="", ip="192.0.2.10",
            date="2024-03-10 12:00:00", approved="1", type="comment", parent=0, user_id=0,
            meta=()):
    """A wp:comment; `date` local time, `approved` "1", "0" (pending), "spam", "trash" or "post-trashed", `type` "comment" or "pingback"."""
    return dict(id=id, content=content, author=author,
                email=email if email is not None else "reader%d@example.invalid" % id,
                url=url, ip=ip, date=date, date_gmt=gmt_of(date), approved=approved,
                type=type, parent=parent, user_id=user_id, meta=list(meta))


def item(post_id, title, content="", *, post_type="post", status="publish", slug=None,
         date="2024-03-10 09:00:00", date_gmt=None, creator="admin", excerpt="",
         parent=0, menu_order=0, password="", sticky=0, comment_status="open",
         ping_status="open", terms=(), meta=(), comments=(), link=None, guid=None,
         attachment_url=None, title_raw=None):
    """An <item>: `slug` None = WordPress's own for the title (none for drafts/pending), `terms` = [(domain, slug, name)], `meta` = [(key, value)]; `title_raw` puts XML (an entity reference) in <title> instead of CDATA."""
    if slug is None:
        slug = "" if status in ("draft", "pending") else wp_slug(title)
    if date_gmt is None:
        date_gmt = ZERO_DATE if status in ("draft", "pending") else gmt_of(date)
    if link is None:
        if status in ("publish", "private", "inherit") and slug:
            if post_type == "page":
                link = "%s/%s/" % (SITE, slug)
            else:
                link = "%s/%s/%s/%s/" % (SITE, date[:4], date[5:7], slug)
        else:
            link = "%s/?%s=%d" % (SITE, "page_id" if post_type == "page" else "p", post_id)
    if guid is None:
        guid = "%s/?%s=%d" % (SITE, "page_id" if post_type == "page" else "p", post_id)
    return dict(post_id=post_id, title=title, title_raw=title_raw, content=content,
                post_type=post_type, status=status, slug=slug, date=date, date_gmt=date_gmt,
                creator=creator, excerpt=excerpt, parent=parent, menu_order=menu_order,
                password=password, sticky=sticky, comment_status=comment_status,
                ping_status=ping_status, terms=list(terms), meta=list(meta),
                comments=list(comments), link=link, guid=guid, attachment_url=attachment_url)


def _author_xml(a):
    return ("\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>%s</wp:author_login>"
            "<wp:author_email>%s</wp:author_email><wp:author_display_name>%s"
            "</wp:author_display_name><wp:author_first_name>%s</wp:author_first_name>"
            "<wp:author_last_name>%s</wp:author_last_name></wp:author>\n"
            % (a["id"], cdata(a["login"]), cdata(a["email"]), cdata(a["display_name"]),
               cdata(a["first_name"]), cdata(a["last_name"])))


def _term_xml(t, form):
    if form == "category":
        s = ("\t<wp:category>\n\t\t<wp:term_id>%d</wp:term_id>\n"
             "\t\t<wp:category_nicename>%s</wp:category_nicename>\n"
             "\t\t<wp:category_parent>%s</wp:category_parent>\n\t\t<wp:cat_name>%s</wp:cat_name>\n"
             % (t["id"], cdata(t["slug"]), cdata(t["parent"]), cdata(t["name"])))
        if t["description"]:
            s += "\t\t<wp:category_description>%s</wp:category_description>\n" % cdata(t["description"])
        return s + "\t</wp:category>\n"
    if form == "tag":
        s = ("\t<wp:tag>\n\t\t<wp:term_id>%d</wp:term_id>\n\t\t<wp:tag_slug>%s</wp:tag_slug>\n"
             "\t\t<wp:tag_name>%s</wp:tag_name>\n" % (t["id"], cdata(t["slug"]), cdata(t["name"])))
        if t["description"]:
            s += "\t\t<wp:tag_description>%s</wp:tag_description>\n" % cdata(t["description"])
        return s + "\t</wp:tag>\n"
    s = ("\t<wp:term>\n\t\t<wp:term_id>%d</wp:term_id>\n\t\t<wp:term_taxonomy>%s</wp:term_taxonomy>\n"
         "\t\t<wp:term_slug>%s</wp:term_slug>\n\t\t<wp:term_parent>%s</wp:term_parent>\n"
         "\t\t<wp:term_name>%s</wp:term_name>\n"
         % (t["id"], cdata(t["taxonomy"]), cdata(t["slug"]), cdata(t["parent"]), cdata(t["name"])))
    if t["description"]:
        s += "\t\t<wp:term_description>%s</wp:term_description>\n" % cdata(t["description"])
    return s + "\t</wp:term>\n"


def item_xml(it):
    """One <item> element as WordPress writes it, from an item() dict."""
    title = it["title_raw"] if it.get("title_raw") is not None else cdata(it["title"])
    p = ["\t<item>\n\t\t<title>%s</title>\n" % title,
         "\t\t<link>%s</link>\n" % it["link"],
         "\t\t<pubDate>%s</pubDate>\n" % _rss_date(it["date_gmt"]),
         "\t\t<dc:creator>%s</dc:creator>\n" % cdata(it["creator"]),
         '\t\t<guid isPermaLink="false">%s</guid>\n' % it["guid"],
         "\t\t<description></description>\n",
         "\t\t<content:encoded>%s</content:encoded>\n" % cdata(it["content"]),
         "\t\t<excerpt:encoded>%s</excerpt:encoded>\n" % cdata(it["excerpt"]),
         "\t\t<wp:post_id>%d</wp:post_id>\n" % it["post_id"],
         "\t\t<wp:post_date>%s</wp:post_date>\n" % cdata(it["date"]),
         "\t\t<wp:post_date_gmt>%s</wp:post_date_gmt>\n" % cdata(it["date_gmt"]),
         "\t\t<wp:post_modified>%s</wp:post_modified>\n" % cdata(it["date"]),
         "\t\t<wp:post_modified_gmt>%s</wp:post_modified_gmt>\n" % cdata(it["date_gmt"]),
         "\t\t<wp:comment_status>%s</wp:comment_status>\n" % cdata(it["comment_status"]),
         "\t\t<wp:ping_status>%s</wp:ping_status>\n" % cdata(it["ping_status"]),
         "\t\t<wp:post_name>%s</wp:post_name>\n" % cdata(it["slug"]),
         "\t\t<wp:status>%s</wp:status>\n" % cdata(it["status"]),
         "\t\t<wp:post_parent>%d</wp:post_parent>\n" % it["parent"],
         "\t\t<wp:menu_order>%d</wp:menu_order>\n" % it["menu_order"],
         "\t\t<wp:post_type>%s</wp:post_type>\n" % cdata(it["post_type"]),
         "\t\t<wp:post_password>%s</wp:post_password>\n" % cdata(it["password"]),
         "\t\t<wp:is_sticky>%d</wp:is_sticky>\n" % it["sticky"]]
    if it.get("attachment_url") is not None:
        p.append("\t\t<wp:attachment_url>%s</wp:attachment_url>\n" % cdata(it["attachment_url"]))
    for domain, nicename, name in it["terms"]:
        p.append('\t\t<category domain="%s" nicename="%s">%s</category>\n'
                 % (domain, nicename, cdata(name)))
    for k, v in it["meta"]:
        p.append("\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>%s</wp:meta_key>\n"
                 "\t\t\t<wp:meta_value>%s</wp:meta_value>\n\t\t</wp:postmeta>\n"
                 % (cdata(k), cdata(v)))
    for c in it["comments"]:
        p.append("\t\t<wp:comment>\n"
                 "\t\t\t<wp:comment_id>%d</wp:comment_id>\n"
                 "\t\t\t<wp:comment_author>%s</wp:comment_author>\n"
                 "\t\t\t<wp:comment_author_email>%s</wp:comment_author_email>\n"
                 "\t\t\t<wp:comment_author_url>%s</wp:comment_author_url>\n"
                 "\t\t\t<wp:comment_author_IP>%s</wp:comment_author_IP>\n"
                 "\t\t\t<wp:comment_date>%s</wp:comment_date>\n"
                 "\t\t\t<wp:comment_date_gmt>%s</wp:comment_date_gmt>\n"
                 "\t\t\t<wp:comment_content>%s</wp:comment_content>\n"
                 "\t\t\t<wp:comment_approved>%s</wp:comment_approved>\n"
                 "\t\t\t<wp:comment_type>%s</wp:comment_type>\n"
                 "\t\t\t<wp:comment_parent>%d</wp:comment_parent>\n"
                 "\t\t\t<wp:comment_user_id>%d</wp:comment_user_id>\n"
                 % (c["id"], cdata(c["author"]), cdata(c["email"]), c["url"], cdata(c["ip"]),
                    cdata(c["date"]), cdata(c["date_gmt"]), cdata(c["content"]),
                    cdata(c["approved"]), cdata(c["type"]), c["parent"], c["user_id"]))
        for k, v in c["meta"]:
            p.append("\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>%s</wp:meta_key>\n"
                     "\t\t\t\t<wp:meta_value>%s</wp:meta_value>\n\t\t\t</wp:commentmeta>\n"
                     % (cdata(k), cdata(v)))
        p.append("\t\t</wp:comment>\n")
    p.append("\t</item>\n")
    return "".join(p)


def build_wxr(authors, terms, items, *, site_title="موقع الاختبار", encoding="UTF-8",
              doctype="", terms_twice=True, site=SITE):
    """The whole export as text: header, authors, terms (categories/tags also as wp:term unless terms_twice=False), items in the order given."""
    out = ['<?xml version="1.0" encoding="%s" ?>\n' % encoding]
    if doctype:
        out.append(doctype.rstrip("\n") + "\n")
    out.append("<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n"
               '\t<!-- generator="WordPress/6.1.9" created="2026-11-24 12:00" -->\n'
               '<rss version="2.0"\n')
    out += ['\txmlns:%s="%s"\n' % kv for kv in WXR_NAMESPACES.items()]
    out.append(">\n\n<channel>\n")
    out.append("\t<title>%s</title>\n\t<link>%s</link>\n"
               "\t<description>أخبار تجريبية للاختبار</description>\n"
               "\t<pubDate>Tue, 24 Nov 2026 12:00:00 +0000</pubDate>\n\t<language>ar</language>\n"
               "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
               "\t<wp:base_site_url>%s</wp:base_site_url>\n"
               "\t<wp:base_blog_url>%s</wp:base_blog_url>\n\n" % (site_title, site, site, site))
    out += [_author_xml(a) for a in authors]
    out.append("\n")
    out += [_term_xml(t, "category") for t in terms if t["taxonomy"] == "category"]
    out += [_term_xml(t, "tag") for t in terms if t["taxonomy"] == "post_tag"]
    out += [_term_xml(t, "term") for t in terms
            if terms_twice or t["taxonomy"] not in ("category", "post_tag")]
    out.append("\n\t<generator>https://wordpress.org/?v=6.1.9</generator>\n\n")
    out += [item_xml(it) for it in items]
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def write(folder, name, data, encoding="utf-8", line=0, entity_line=0):
    """Writes text (encoded) or bytes to folder/name; returns its SamplePath."""
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode(encoding))
    return SamplePath(path, line, entity_line)


def line_of(data, needle):
    """1-based line of the first `needle` (str or bytes) in `data` (str or bytes)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if isinstance(needle, str):
        needle = needle.encode("utf-8")
    i = data.index(needle)
    return data.count(b"\n", 0, i) + 1


def paragraphs(*texts):
    """Block-editor paragraphs (<!-- wp:paragraph --><p>...</p>) joined as the editor saves them."""
    return "\n\n".join("<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->" % t for t in texts)


# ------------------------------------------------------------ the edge cases

P1 = "افتتحت البلدية صباح اليوم حديقة جديدة في الحي الشرقي بعد عامين من العمل."
P2 = "وقال مسؤول في البلدية إن الحديقة ستفتح أبوابها يوميا حتى العاشرة مساء."
P3 = "ويأمل السكان أن تخفف المساحات الخضراء من حرارة الصيف في الأحياء المزدحمة."

# The long title whose slug WordPress cuts at exactly 200 bytes, inside the
# word "المواصلات" (29 letters and 8 spaces, then 3 letters of that word).
LONG_TITLE = "وزيرة النقل تعلن عن خطة من أجل تطوير المواصلات العامة في العاصمة والمدن المجاورة"

# Names of the edge cases -> WordPress IDs (posts/pages/attachments: post_id;
# terms: term_id; comments: comment_id; authors: author_id) in edge_case_export().
EDGE = {
    # authors
    "author_admin": 1, "author_editor": 2, "author_reporter": 3,
    # terms
    "cat_uncategorized": 1,
    "cat_entity": 10,        # name stored "أخبار &amp; آراء": imports as "أخبار & آراء"
    "cat_parent": 11,        # رياضة
    "cat_child": 12,         # كرة القدم, parent رياضة
    "tag_budget": 20, "tag_weather": 21, "tag_elections": 22,
    "nav_menu_term": 30,
    # items
    "published": 101,        # plain block post, with all the comment cases below
    "password": 102,         # status publish + wp:post_password
    "trashed": 103,          # status trash, post_name ...__trashed, _wp_trash_meta_status publish
    "draft_no_slug": 104,    # draft, empty post_name, post_date_gmt 0000-00-00 00:00:00
    "pending": 105,          # pending, empty post_name
    "private": 106,
    "future": 107,           # scheduled for 2030-01-15
    "sticky": 108,           # wp:is_sticky 1
    "child_category_post": 109,  # in كرة القدم (child of رياضة)
    "classic_shortcodes": 110,   # classic (no blocks): blank-line paragraphs, [caption], [gallery ids="121,123"]
    "thumbnail": 111,        # _thumbnail_id 121 (an attachment that comes later in the file)
    "post_views_count": 112, # postmeta post_views_count = 1234
    "views": 113,            # postmeta views = 5678
    "long_slug": 114,        # slug cut at 200 bytes of percent-encoding, inside a word
    "long_slug_2": 115,      # same title: slug cut to fit 198 bytes, + "-2" (196 bytes)
    "cdata_split": 116,      # content holds "]]>" (written as two CDATA sections)
    "title_entity": 117,     # title "الذهب &amp; الفضة" (HTML entity in a title)
    "image": 121,            # attachment: image/jpeg 1600x1067, _wp_attachment_metadata
    "pdf": 122,              # attachment: a PDF (no width/height)
    "image_unattached": 123, # attachment with post_parent 0
    "page_about": 201,       # page, slug about
    "page_child": 202,       # page with post_parent 201 (link /about/SLUG/)
    "page_raw_slug": 203,    # page whose post_name is raw UTF-8 (as a localized install writes it)
    "nav_menu_item": 301,    # nav_menu_item to category 10
    "nav_menu_custom": 302,  # nav_menu_item with a custom URL
    "wp_block": 401,         # reusable block, used by post 101 as <!-- wp:block {"ref":401} /-->
    "template_part": 501,    # wp_template_part (block theme footer)
    # comments (all on post 101)
    "c_approved": 1,
    "c_reply": 2,            # comment_parent 1
    "c_pending": 3,          # comment_approved 0
    "c_spam": 4,             # comment_approved spam
    "c_pingback": 5,         # comment_type pingback
    "c_unknown_user": 6,     # comment_user_id 57: a registered user not in the author list
    "c_orphan_reply": 7,     # comment_parent 9999: not in the file
    "c_by_author": 8,        # comment_user_id 2 (an author in the list)
    "c_trash": 9,            # comment_approved trash
    "c_entity_author": 10,   # author stored "سعاد &amp; سامي"
    "c_post_trashed": 11,    # on post 103 (trashed): comment_approved post-trashed, commentmeta _wp_trash_meta_status 1
}

# Values a test may compare with.
CAT_ENTITY_NAME = "أخبار & آراء"
PASSWORD = "sesame-1447"
LONG_SLUG = wp_slug(LONG_TITLE)                 # 200 bytes: ...-%d8%a7%d9%84%d9%85
LONG_SLUG_2 = unique_slug(LONG_SLUG, 2)
RAW_PAGE_SLUG = "اتصل-بنا"


def edge_case_export():
    """(authors, terms, items) of one valid export holding every edge case; IDs in EDGE."""
    E = EDGE
    authors = [author(1, "admin", "مدير الموقع"),
               author(2, "huda_editor", "هدى السالم", first_name="هدى", last_name="السالم"),
               author(3, "basel_reporter", "باسل العمر")]
    cat_entity = category(E["cat_entity"], "أخبار &amp; آراء", description="تحليلات ومقالات رأي")
    cat_parent = category(E["cat_parent"], "رياضة")
    cat_child = category(E["cat_child"], "كرة القدم", parent=cat_parent["slug"])
    uncategorized = category(E["cat_uncategorized"], "غير مصنف", slug="uncategorized")
    t_budget = tag(E["tag_budget"], "الميزانية")
    t_weather = tag(E["tag_weather"], "الطقس")
    t_elections = tag(E["tag_elections"], "الانتخابات")
    menu = term(E["nav_menu_term"], "nav_menu", "القائمة العلوية")
    theme = term(40, "wp_theme", "twentytwentythree", slug="twentytwentythree")
    area = term(41, "wp_template_part_area", "footer", slug="footer")
    terms = [uncategorized, cat_entity, cat_parent, cat_child, t_budget, t_weather, t_elections,
             menu, theme, area]

    def tc(t):
        return ("category" if t["taxonomy"] == "category" else
                "post_tag" if t["taxonomy"] == "post_tag" else t["taxonomy"], t["slug"], t["name"])

    img_url = SITE + "/wp-content/uploads/2024/03/park-opening.jpg"
    img2_url = SITE + "/wp-content/uploads/2024/03/حديقة-الحي.jpg"   # WordPress keeps UTF-8 file names
    pdf_url = SITE + "/wp-content/uploads/2024/03/budget-2024.pdf"
    D = "2024-03-10 09:00:00"
    items = []

    items.append(item(E["page_about"], "من نحن", paragraphs(
        "موقع الاختبار صحيفة تجريبية، وكل ما فيها نصوص مولدة للاختبار."),
        post_type="page", slug="about", date="2024-01-01 10:00:00", comment_status="closed",
        meta=[("_wp_page_template", "default")]))
    child_slug = wp_slug("فريق العمل")
    items.append(item(E["page_child"], "فريق العمل", paragraphs(
        "يعمل في الموقع ثلاثة محررين ومراسل واحد."),
        post_type="page", parent=E["page_about"], menu_order=1, date="2024-01-01 10:05:00",
        comment_status="closed", link="%s/about/%s/" % (SITE, child_slug)))
    items.append(item(E["page_raw_slug"], "اتصل بنا", paragraphs("راسلونا على العنوان desk@example.invalid."),
                      post_type="page", slug=RAW_PAGE_SLUG, date="2024-01-01 10:10:00",
                      comment_status="closed", link="%s/%s/" % (SITE, RAW_PAGE_SLUG)))

    comments = [
        comment(E["c_approved"], "متابعة جيدة، شكرا لكم.", author="ريم",
                date="2024-03-10 10:00:00"),
        comment(E["c_reply"], "أوافقك الرأي.", author="سامر", date="2024-03-10 10:30:00",
                parent=E["c_approved"]),
        comment(E["c_pending"], "متى تفتح الحديقة أيام الجمعة؟", author="نادين",
                date="2024-03-10 11:00:00", approved="0"),
        comment(E["c_spam"], "عروض حصرية على الشقق المفروشة http://offers.example.invalid/",
                author="عروض اليوم", url="http://offers.example.invalid/",
                date="2024-03-10 11:30:00", approved="spam",
                meta=[("akismet_result", "true")]),
        comment(E["c_pingback"], "[&#8230;] نقلا عن خبر افتتاح الحديقة [&#8230;]",
                author="مدونة الحي", email="", url="http://blog.example.invalid/park/",
                date="2024-03-10 12:00:00", type="pingback"),
        comment(E["c_unknown_user"], "أنا من سكان الحي، والحديقة جميلة فعلا.",
                author="مشترك مسجل", email="member57@example.invalid",
                date="2024-03-10 12:30:00", user_id=57),
        comment(E["c_orphan_reply"], "ردا على التعليق المحذوف: المعلومة غير دقيقة.",
                author="وليد", date="2024-03-10 13:00:00", parent=9999),
        comment(E["c_by_author"], "شكرا للجميع، سننشر صور الافتتاح قريبا.",
                author="هدى السالم", email="huda_editor@example.invalid", url=SITE,
                date="2024-03-10 13:30:00", user_id=2),
        comment(E["c_trash"], "تعليق حذف لاحقا.", author="زائر", date="2024-03-10 14:00:00",
                approved="trash"),
        comment(E["c_entity_author"], "ننتظر افتتاح حديقة في حينا أيضا.",
                author="سعاد &amp; سامي", date="2024-03-10 14:30:00"),
    ]
    items.append(item(E["published"], "البلدية تفتتح حديقة جديدة في الحي الشرقي",
                      paragraphs(P1, P2, P3) + '\n\n<!-- wp:block {"ref":%d} /-->' % E["wp_block"],
                      date=D, creator="huda_editor",
                      terms=[tc(cat_entity), tc(t_weather)], comments=comments,
                      meta=[("_edit_last", "2")]))
    items.append(item(E["password"], "تفاصيل الميزانية للمشتركين فقط",
                      paragraphs("أرقام الميزانية المفصلة متاحة للمشتركين.", P2),
                      date="2024-03-11 09:00:00", password=PASSWORD,
                      terms=[tc(cat_entity), tc(t_budget)]))
    trashed_slug = wp_slug("خبر حذف لاحقا")
    items.append(item(E["trashed"], "خبر حذف لاحقا", paragraphs("نص خبر نقل إلى سلة المهملات."),
                      status="trash", slug=trashed_slug + "__trashed",
                      date="2024-03-11 10:00:00", terms=[tc(uncategorized)],
                      comments=[comment(E["c_post_trashed"], "تعليق على خبر حذف لاحقا.",
                                        author="هالة", date="2024-03-11 11:00:00",
                                        approved="post-trashed",
                                        meta=[("_wp_trash_meta_status", "1")])],
                      meta=[("_wp_trash_meta_status", "publish"),
                            ("_wp_trash_meta_time", "1710151200"),
                            ("_wp_desired_post_slug", trashed_slug)]))
    items.append(item(E["draft_no_slug"], "مسودة خبر عن الانتخابات البلدية",
                      paragraphs("مسودة لم تكتمل بعد."), status="draft",
                      date="2024-03-12 08:00:00", creator="basel_reporter",
                      terms=[tc(uncategorized)]))
    items.append(item(E["pending"], "خبر بانتظار موافقة المحرر", paragraphs(P1),
                      status="pending", date="2024-03-12 09:00:00", creator="basel_reporter",
                      terms=[tc(cat_entity), tc(t_elections)]))
    items.append(item(E["private"], "ملاحظات داخلية لفريق التحرير",
                      paragraphs("هذا الخبر خاص لا يراه القراء."), status="private",
                      date="2024-03-12 10:00:00", terms=[tc(uncategorized)]))
    items.append(item(E["future"], "موعد إعلان نتائج الانتخابات", paragraphs(
        "ستعلن النتائج الرسمية في مؤتمر صحفي."), status="future",
        date="2030-01-15 18:00:00", terms=[tc(cat_entity), tc(t_elections)]))
    items.append(item(E["sticky"], "تغطية خاصة: موسم الأمطار", paragraphs(P3),
                      date="2024-03-13 07:00:00", sticky=1,
                      terms=[tc(cat_entity), tc(t_weather)]))
    items.append(item(E["child_category_post"], "المنتخب يستعد لمباراة الأحد",
                      paragraphs("يواصل المنتخب تدريباته استعدادا لمباراة الأحد."),
                      date="2024-03-13 20:00:00", creator="basel_reporter",
                      terms=[tc(cat_child)]))
    classic = ("افتتحت البلدية حديقة جديدة وسط احتفال بسيط.\n\n"
               '[caption id="attachment_%d" align="aligncenter" width="1024"]<img class="size-large '
               'wp-image-%d" src="%s/wp-content/uploads/2024/03/park-opening-1024x683.jpg" alt="" '
               'width="1024" height="683" /> جانب من الحديقة يوم الافتتاح[/caption]\n\n'
               "وحضر الافتتاح عدد من سكان الحي.\nوقدمت فرقة محلية عرضا موسيقيا.\n\n"
               '[gallery ids="%d,%d"]'
               % (E["image"], E["image"], SITE, E["image"], E["image_unattached"]))
    items.append(item(E["classic_shortcodes"], "صور من افتتاح الحديقة", classic,
                      date="2024-03-14 09:00:00", terms=[tc(cat_entity)]))
    items.append(item(E["thumbnail"], "الحديقة الجديدة بالصور", paragraphs(P1, P3),
                      date="2024-03-14 10:00:00", terms=[tc(cat_entity)],
                      meta=[("_thumbnail_id", str(E["image"]))]))
    items.append(item(E["post_views_count"], "الطقس غدا: غائم جزئيا", paragraphs(
        "تتوقع الأرصاد طقسا غائما جزئيا مع فرصة لأمطار خفيفة."),
        date="2024-03-14 18:00:00", terms=[tc(cat_entity), tc(t_weather)],
        meta=[("post_views_count", "1234")]))
    items.append(item(E["views"], "الميزانية الجديدة في خمس نقاط", paragraphs(
        "عرضت الحكومة الميزانية الجديدة أمام المجلس."),
        date="2024-03-15 09:00:00", terms=[tc(cat_entity), tc(t_budget)],
        meta=[("views", "5678")]))
    items.append(item(E["long_slug"], LONG_TITLE, paragraphs(P1), slug=LONG_SLUG,
                      date="2024-03-15 10:00:00", terms=[tc(cat_entity)]))
    items.append(item(E["long_slug_2"], LONG_TITLE, paragraphs(P2), slug=LONG_SLUG_2,
                      date="2024-03-15 11:00:00", terms=[tc(cat_entity)]))
    items.append(item(E["cdata_split"], "رسم بياني لأسعار الخضار", paragraphs(P1) +
                      "\n\n<!-- wp:html -->\n<div class=\"chart\" data-points=[[3,5],[8,13]]></div>\n<!-- /wp:html -->",
                      date="2024-03-15 12:00:00", terms=[tc(cat_entity)]))
    items.append(item(E["title_entity"], "الذهب &amp; الفضة: أسعار اليوم", paragraphs(
        "استقرت أسعار الذهب والفضة في تعاملات اليوم."),
        date="2024-03-15 13:00:00", terms=[tc(cat_entity)]))

    thumb_link = "%s/2024/03/%s/park-opening/" % (SITE, wp_slug("الحديقة الجديدة بالصور"))
    items.append(item(E["image"], "park-opening", "", post_type="attachment", status="inherit",
                      slug="park-opening", parent=E["thumbnail"], date="2024-03-14 10:01:00",
                      excerpt="جانب من الحديقة يوم الافتتاح", ping_status="closed",
                      link=thumb_link, guid=img_url, attachment_url=img_url,
                      meta=[("_wp_attached_file", "2024/03/park-opening.jpg"),
                            ("_wp_attachment_metadata", php_serialize({
                                "width": 1600, "height": 1067,
                                "file": "2024/03/park-opening.jpg", "filesize": 412345,
                                "sizes": {"medium": {"file": "park-opening-300x200.jpg",
                                                     "width": 300, "height": 200,
                                                     "mime-type": "image/jpeg",
                                                     "filesize": 18000},
                                          "large": {"file": "park-opening-1024x683.jpg",
                                                    "width": 1024, "height": 683,
                                                    "mime-type": "image/jpeg",
                                                    "filesize": 96000}},
                                "image_meta": {"aperture": "0", "credit": "", "camera": "",
                                               "caption": "", "created_timestamp": "0",
                                               "copyright": "", "focal_length": "0",
                                               "iso": "0", "shutter_speed": "0",
                                               "title": "افتتاح الحديقة", "orientation": "0",
                                               "keywords": []}})),
                            ("_wp_attachment_image_alt", "أطفال يلعبون في الحديقة الجديدة")]))
    items.append(item(E["pdf"], "budget-2024", "", post_type="attachment", status="inherit",
                      slug="budget-2024", parent=E["views"], date="2024-03-15 09:01:00",
                      ping_status="closed", link="%s/?attachment_id=%d" % (SITE, E["pdf"]),
                      guid=pdf_url, attachment_url=pdf_url,
                      meta=[("_wp_attached_file", "2024/03/budget-2024.pdf"),
                            ("_wp_attachment_metadata", php_serialize({"filesize": 48213}))]))
    items.append(item(E["image_unattached"], "حديقة-الحي", "", post_type="attachment",
                      status="inherit", slug=wp_slug("حديقة-الحي"), parent=0,
                      date="2024-03-14 09:30:00", ping_status="closed",
                      link="%s/?attachment_id=%d" % (SITE, E["image_unattached"]),
                      guid=img2_url, attachment_url=img2_url,
                      meta=[("_wp_attached_file", "2024/03/حديقة-الحي.jpg"),
                            ("_wp_attachment_metadata", php_serialize({
                                "width": 800, "height": 600, "file": "2024/03/حديقة-الحي.jpg",
                                "filesize": 98765, "sizes": {}, "image_meta": {}}))]))

    def menu_item(pid, order, title, typ, obj, obj_id, url):
        return item(pid, title, "", post_type="nav_menu_item", slug=str(pid),
                    date="2024-02-01 10:00:00", menu_order=order, comment_status="closed",
                    ping_status="closed", terms=[tc(menu)],
                    meta=[("_menu_item_type", typ), ("_menu_item_menu_item_parent", "0"),
                          ("_menu_item_object_id", str(obj_id)), ("_menu_item_object", obj),
                          ("_menu_item_target", ""), ("_menu_item_classes", 'a:1:{i:0;s:0:"";}'),
                          ("_menu_item_xfn", ""), ("_menu_item_url", url)])
    items.append(menu_item(E["nav_menu_item"], 1, "", "taxonomy", "category", E["cat_entity"], ""))
    items.append(menu_item(E["nav_menu_custom"], 2, "البث المباشر", "custom", "custom",
                           E["nav_menu_custom"], "https://live.example.invalid/"))
    items.append(item(E["wp_block"], "تنويه حقوق النشر", paragraphs(
        "جميع الحقوق محفوظة، ويسمح بالاقتباس مع ذكر المصدر."), post_type="wp_block",
        date="2024-02-01 11:00:00", comment_status="closed", ping_status="closed"))
    items.append(item(E["template_part"], "Footer", paragraphs("موقع الاختبار: أخبار تجريبية."),
                      post_type="wp_template_part", slug="footer", creator="",
                      date="2024-01-01 09:00:00", comment_status="closed", ping_status="closed",
                      terms=[tc(area), tc(theme)]))
    items.sort(key=lambda it: it["post_id"])     # WordPress writes items in ID order
    return authors, terms, items


def write_edge_cases(folder, name="edge-cases.xml"):
    """Writes the valid export of edge_case_export(); returns its path (.line 0)."""
    return write(folder, name, build_wxr(*edge_case_export()))


def minimal_export(n_posts=3):
    """A small valid export: 1 author, 1 category, 1 tag, n_posts published posts (IDs 11, 12, ...) with one comment each."""
    cat = category(5, "محليات")
    tg = tag(6, "البلدية")
    items = [item(10 + i, "خبر محلي رقم %d عن البلدية" % i,
                  paragraphs(P1, P2 if i % 2 else P3),
                  date="2024-04-%02d 09:00:00" % i,
                  terms=[("category", cat["slug"], cat["name"]), ("post_tag", tg["slug"], tg["name"])],
                  comments=[comment(100 + i, "شكرا على الخبر.", author="قارئ %d" % i,
                                    date="2024-04-%02d 12:00:00" % i)])
             for i in range(1, n_posts + 1)]
    return build_wxr([author(1, "admin", "مدير الموقع")], [cat, tg], items)


def write_minimal(folder, name="minimal.xml", n_posts=3):
    """Writes minimal_export(n_posts); returns its path."""
    return write(folder, name, minimal_export(n_posts))


# ------------------------------------------------------------ bad inputs

def write_truncated(folder, name="truncated.xml"):
    """A valid export cut in the middle of the content:encoded of its 3rd item; .line = the last line (where expat stops: unclosed CDATA)."""
    text = minimal_export(5)
    third = text.index("<item>", text.index("<item>", text.index("<item>") + 1) + 1)
    cut = text.index("<content:encoded>", third) + len("<content:encoded><![CDATA[") + 60
    data = text.encode("utf-8")[:len(text[:cut].encode("utf-8"))]
    return write(folder, name, data, line=data.count(b"\n") + 1)


def write_atom_feed(folder, name="atom.xml"):
    """Well-formed XML that is no WordPress export (an Atom feed); .line = the line of the root element."""
    text = ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">\n'
            "  <title>موجز الأخبار</title>\n"
            "  <id>urn:uuid:6f1d3c2e-0000-4000-8000-000000000001</id>\n"
            "  <updated>2024-03-10T09:00:00Z</updated>\n"
            "  <entry>\n    <title>البلدية تفتتح حديقة جديدة</title>\n"
            "    <id>urn:uuid:6f1d3c2e-0000-4000-8000-000000000002</id>\n"
            "    <updated>2024-03-10T09:00:00Z</updated>\n"
            "    <content type=\"html\">&lt;p&gt;%s&lt;/p&gt;</content>\n  </entry>\n"
            "</feed>\n" % P1)
    return write(folder, name, text, line=2)


def write_windows1256(folder, name="windows-1256.xml"):
    """A valid export declared encoding="windows-1256", Arabic in that encoding; .line 1 (expat alone knows no windows-1256: an importer either converts it or names line 1). Title: WINDOWS1256_TITLE."""
    cat = category(5, "محليات")
    text = build_wxr([author(1, "admin", "مدير الموقع")], [cat],
                     [item(11, WINDOWS1256_TITLE, paragraphs(P1, P2), date="2024-03-10 09:00:00",
                           terms=[("category", cat["slug"], cat["name"])])],
                     encoding="windows-1256")
    return write(folder, name, text, encoding="cp1256", line=1)


WINDOWS1256_TITLE = "خبر مكتوب بترميز ويندوز العربي"


def write_invalid_utf8(folder, name="invalid-utf8.xml"):
    """Declared UTF-8, but the title of the 2nd item holds the bytes FF FE; .line = that line."""
    text = minimal_export(3).replace("خبر محلي رقم 2", "خبر محلي @@BAD@@ رقم 2", 1)
    data = text.encode("utf-8").replace(b"@@BAD@@", b"\xff\xfe", 1)
    return write(folder, name, data, line=line_of(data, b"\xff\xfe"))


def _with_doctype(doctype, title_raw):
    cat = category(5, "محليات")
    return build_wxr([author(1, "admin", "مدير الموقع")], [cat],
                     [item(11, "", paragraphs(P1), title_raw=title_raw,
                           date="2024-03-10 09:00:00",
                           terms=[("category", cat["slug"], cat["name"])])],
                     doctype=doctype)


def write_xxe(folder, name="xxe.xml"):
    """An external entity to file:///etc/passwd, used in a title: nothing of that file may be read or stored; .line = the DOCTYPE's line (2), .entity_line = the title's."""
    text = _with_doctype('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")
    return write(folder, name, text, line=2, entity_line=line_of(text, "<title>&xxe;"))


def write_external_dtd(folder, name="external-dtd.xml", url="http://127.0.0.1:1/wxr.dtd"):
    """A DOCTYPE naming an external DTD at `url` (pass a URL you listen on to see whether anything fetches it); .line 2."""
    return write(folder, name, _with_doctype('<!DOCTYPE rss SYSTEM "%s">' % url,
                                             cdata("خبر عادي")), line=2)


def write_billion_laughs(folder, name="billion-laughs.xml"):
    """The entity-expansion bomb (10^9 "lol"s in a title): must fail fast in bounded memory; .line = the DOCTYPE's line (2), .entity_line = the title's (where expat's own amplification limit stops)."""
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else "lol%d" % (i - 1)
        ents.append('<!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10))
    doctype = "<!DOCTYPE rss [\n" + "\n".join(ents) + "\n]>"
    text = _with_doctype(doctype, "&lol9;")
    return write(folder, name, text, line=2, entity_line=line_of(text, "<title>&lol9;"))


def write_huge_item(folder, name="huge-item.xml", megabytes=20):
    """A well-formed export whose one post has a content:encoded of `megabytes` MB (Arabic text); .line = the line where that content starts. Written in pieces."""
    cat = category(5, "محليات")
    marker = "@@HUGE-CONTENT@@"
    text = build_wxr([author(1, "admin", "مدير الموقع")], [cat],
                     [item(11, "خبر طويل جدا", marker, date="2024-03-10 09:00:00",
                           terms=[("category", cat["slug"], cat["name"])])])
    head, tail = text.split(marker)
    para = ("<!-- wp:paragraph -->\n<p>%s %s %s</p>\n<!-- /wp:paragraph -->\n\n"
            % (P1, P2, P3)).encode("utf-8")
    target = megabytes * 1024 * 1024
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        hb = head.encode("utf-8")
        f.write(hb)
        chunk = para * max(1, (1 << 20) // len(para))
        written = 0
        while written + len(chunk) <= target:
            f.write(chunk)
            written += len(chunk)
        while written < target:
            f.write(para)
            written += len(para)
        f.write(tail.encode("utf-8"))
    return SamplePath(path, hb.count(b"\n") + 1)


def write_bad_inputs(folder, huge=True):
    """Writes every bad or hostile input; returns {name: SamplePath}: truncated, atom, windows1256, invalid_utf8, xxe, external_dtd, billion_laughs, huge_item (20 MB; skipped with huge=False)."""
    out = {
        "truncated": write_truncated(folder),
        "atom": write_atom_feed(folder),
        "windows1256": write_windows1256(folder),
        "invalid_utf8": write_invalid_utf8(folder),
        "xxe": write_xxe(folder),
        "external_dtd": write_external_dtd(folder),
        "billion_laughs": write_billion_laughs(folder),
    }
    if huge:
        out["huge_item"] = write_huge_item(folder)
    return out


if __name__ == "__main__":   # python3 wxr_samples.py FOLDER: write them all, for a look
    import sys
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(d, exist_ok=True)
    print(write_edge_cases(d))
    print(write_minimal(d))
    for k, v in write_bad_inputs(d).items():
        print("%-15s line %-3d entity_line %-3d %s" % (k, v.line, v.entity_line, v))
