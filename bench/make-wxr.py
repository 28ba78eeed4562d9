#!/usr/bin/python3
"""bench/make-wxr.py: writes a WordPress export (WXR 1.2) of a big Arabic news
site, for benchmarking `jarida import wordpress`.

    /usr/bin/python3 bench/make-wxr.py --posts 100000 --seed 1 --out /tmp/big.xml
    /usr/bin/python3 bench/make-wxr.py --posts 50 | xmllint --stream --noout -

The file looks like what WordPress 6.1 writes with "Tools > Export > All
content" on a site using the "month and name" permalinks (/YYYY/MM/slug/)
and the Asia/Riyadh time zone: the same comments, namespaces, element order,
CDATA sections (with "]]>" split as wxr_cdata() does), items in ID order with
gaps where revisions were, post_name slugs percent-encoded in lower case and
cut at 200 bytes as sanitize_title() does (with -2, -3 ... when two titles
give the same slug), terms listed twice (wp:category / wp:tag, then
wp:term), term names entity-encoded as WordPress stores them (&amp;).

Content (all original synthetic Arabic, built from the phrase lists below):
  - 4 authors, 8 categories (Uncategorized, one child category, one whose name
    holds "&"), 50 tags, a nav menu term, the block theme's two terms;
  - pages: a sample page whose slug is raw UTF-8 (as a localized install
    writes it), a draft privacy page, About, and a child page of About;
    a wp_template_part; a wp_block (reusable block) that some posts use with
    <!-- wp:block {"ref":N} /-->; three nav_menu_items;
  - N posts of 4-8 block-editor paragraphs (some with a heading, quote, list,
    image or custom HTML block), ~10% classic posts (paragraphs separated by
    blank lines, some with [caption] shortcodes), 2-5 tags each, a few with
    a manual excerpt or _wp_old_slug;
  - ~3 comments per post on average: replies (comment_parent), pending (0),
    spam and trash comments, pingbacks, comments by registered users, some
    with Akismet commentmeta; the trashed post's comments are
    "post-trashed" (stock WordPress leaves spam out of an export; this file
    has some anyway, as exports made by plugins do);
  - attachments (images with _wp_attachment_metadata as a PHP-serialized
    array with width/height, some PDFs) right after the post they were
    uploaded to; _thumbnail_id on some posts (to that new attachment, which
    comes later in the file, or to an earlier one); `views` postmeta;
  - a few drafts (no slug, post_date_gmt 0000-00-00 00:00:00) and pending
    posts, one future post (the last one), one private, one
    password-protected, one trashed (slug__trashed + _wp_trash_meta_*), and
    three sticky posts.

Deterministic: the same --posts and --seed give the same bytes (the export
date is fixed). Streaming: items are written as they are made; memory stays
flat (peak RSS ~30 MB at 100,000 posts, most of it one 8-byte digest per
slug, to keep slugs unique). About 9.4 KB per post: 100,000 posts make
~0.94 GB (105,000 items, 343,000 comments) in ~15 s on one core.
"""

import argparse
import hashlib
import random
import sys
import time
import urllib.parse

SITE = "http://wp-bench.localhost:8081"
TZ_OFFSET = 3 * 3600                 # Asia/Riyadh, no DST: post_date = GMT + 3 h
EXPORT_TIME = 1795533000             # 2026-11-24 12:30:00 GMT: fixed, for determinism
FIRST_POST_TIME = 1451606400         # 2016-01-01 00:00:00 GMT
LAST_POST_TIME = EXPORT_TIME - 3 * 86400

# --------------------------------------------------------------------------
# WordPress's text functions (the parts that matter for Arabic titles)

_ENC = {}
# sanitize_title_with_dashes(): characters converted to '-' and removed
# ("save" context); «» are common in Arabic headlines and are removed.
_TO_DASH = set("\u00a0\u2013\u2014/")
_STRIP = set("\u00ad\u00a1\u00bf\u00ab\u00bb\u2039\u203a\u2018\u2019\u201c\u201d"
             "\u201a\u201b\u201e\u201f\u2022\u00a9\u00ae\u00b0\u2026\u2122\u00b4"
             "\u200b\u200c\u200d\u200e\u200f")


def _enc_char(ch):
    e = _ENC.get(ch)
    if e is None:
        e = ch if ord(ch) < 128 else "".join("%%%02x" % b for b in ch.encode("utf-8"))
        _ENC[ch] = e
    return e


def utf8_uri_encode(text, limit=0):
    """WordPress utf8_uri_encode(): lower-case %xx for non-ASCII, stops
    before a character that would pass `limit` bytes."""
    out = []
    n = 0
    for ch in text:
        e = _enc_char(ch)
        if limit and n + len(e) > limit:
            break
        out.append(e)
        n += len(e)
    return "".join(out)


def _keep(c):
    return c == "%" or c == "-" or c == "_" or c == " " or ("a" <= c <= "z") or ("0" <= c <= "9")


def wp_slug(title):
    """sanitize_title(): the slug WordPress makes of an Arabic title. The
    200-byte cut comes first, so a character removed afterwards (« ») still
    used room."""
    out = []
    n = 0
    for ch in title.lower():
        e = _enc_char(ch)
        if n + len(e) > 200:
            break
        n += len(e)
        if ch not in _STRIP:
            out.append("-" if ch in _TO_DASH else e)
    s = "".join(out).replace(".", "-")
    s = "".join(c for c in s if _keep(c))
    s = "-".join(s.split())
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def truncate_slug(slug, length):
    """_truncate_post_slug(): cut at `length` bytes, whole characters only."""
    if len(slug) <= length:
        return slug
    decoded = urldecode(slug)
    if decoded == slug:
        return slug[:length].rstrip("-")
    return utf8_uri_encode(decoded, length).rstrip("-")


def urldecode(s):
    return urllib.parse.unquote(s, errors="replace")


class SlugBook:
    """wp_unique_post_slug(): -2, -3 ... for a slug already taken. Keeps an
    8-byte digest per slug, not the slugs."""

    def __init__(self):
        self.used = set()
        self.next_suffix = {}

    @staticmethod
    def _key(s):
        return hashlib.blake2b(s.encode(), digest_size=8).digest()

    def unique(self, slug):
        k = self._key(slug)
        if k not in self.used:
            self.used.add(k)
            return slug
        n = self.next_suffix.get(k, 2)
        while True:
            alt = truncate_slug(slug, 200 - (len(str(n)) + 1)) + "-%d" % n
            ak = self._key(alt)
            n += 1
            if ak not in self.used:
                self.used.add(ak)
                self.next_suffix[k] = n
                return alt


def cdata(s):
    """wxr_cdata()"""
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def php_serialize(v):
    """PHP serialize() of dict (ordered), list, int and str (byte lengths)."""
    if isinstance(v, bool):
        return "b:%d;" % int(v)
    if isinstance(v, int):
        return "i:%d;" % v
    if isinstance(v, str):
        return 's:%d:"%s";' % (len(v.encode("utf-8")), v)
    if isinstance(v, list):
        v = dict(enumerate(v))
    if isinstance(v, dict):
        return "a:%d:{%s}" % (len(v), "".join(php_serialize(k) + php_serialize(x) for k, x in v.items()))
    raise TypeError(type(v))


def fmt_local(t):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t + TZ_OFFSET))


def fmt_gmt(t):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))


def fmt_rss(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def ym(t):
    return time.strftime("%Y/%m", time.gmtime(t + TZ_OFFSET))

# --------------------------------------------------------------------------
# Phrase lists: original synthetic Arabic, written for Jarida's benchmarks.

# past masculine, past feminine, present masculine, present feminine, and the
# preposition before the object (after the subject: "كشفت الوزارة عن ...")
VERBS = [
    ("أعلن", "أعلنت", "يعلن", "تعلن", ""),
    ("أطلق", "أطلقت", "يطلق", "تطلق", ""),
    ("ناقش", "ناقشت", "يناقش", "تناقش", ""),
    ("أقر", "أقرت", "يقر", "تقر", ""),
    ("كشف", "كشفت", "يكشف", "تكشف", "عن "),
    ("بحث", "بحثت", "يبحث", "تبحث", ""),
    ("اعتمد", "اعتمدت", "يعتمد", "تعتمد", ""),
    ("عرض", "عرضت", "يعرض", "تعرض", ""),
    ("راجع", "راجعت", "يراجع", "تراجع", ""),
    ("تبنى", "تبنت", "يتبنى", "تتبنى", ""),
]
CHANGE = [("ارتفع", "ارتفعت"), ("تراجع", "تراجعت"), ("انخفض", "انخفضت"), ("زاد", "زادت")]
CHANGE_PRESENT = [("يرتفع", "ترتفع"), ("يتراجع", "تتراجع"), ("ينخفض", "تنخفض")]
PLACES = ["في العاصمة", "في المدن الساحلية", "في المحافظات الشمالية", "في الريف الجنوبي",
          "على مستوى البلاد", "في المنطقة الصناعية الجديدة", "في وسط المدينة",
          "في الأحياء الشرقية", "في الواحات الغربية", "في الضواحي الجديدة"]
TIMES = ["صباح اليوم", "مساء الأحد", "خلال الأسبوع الجاري", "أمس الأول", "في مؤتمر صحفي",
         "بعد أشهر من التحضير", "مطلع الشهر الحالي", "في اجتماع مطول", "قبل ساعات"]
SAYS = ["وأوضح", "وأكد", "وأضاف", "وذكر", "ورأى"]     # ... أن; "وقال" takes إن
SPEAKERS = ["مصدر مطلع", "متحدث رسمي", "أحد المشاركين في الاجتماع", "رئيس اللجنة المكلفة",
            "باحث مستقل", "مسؤول رفيع"]
CLAUSES = ["الخطة ستطبق على مراحل", "العمل سيبدأ قبل نهاية الشهر", "النتائج الأولى مطمئنة",
           "التكلفة الإجمالية لم تحدد بعد", "الجهات المعنية تتابع التنفيذ يوما بيوم",
           "المشاورات ستستمر حتى الأسبوع المقبل", "الأولوية للأحياء الأكثر ازدحاما",
           "الباب مفتوح أمام مقترحات المواطنين", "التقرير الكامل سينشر على الموقع الرسمي",
           "التمويل مؤمن للسنوات الثلاث المقبلة", "التجربة ستعمم إذا نجحت",
           "الفرق الميدانية جاهزة منذ أيام"]
CONNECTORS = ["من جهة أخرى", "وفي السياق ذاته", "في المقابل", "إلى جانب ذلك",
              "وفي تطور لاحق", "وعلى صعيد متصل"]
SOURCES = ["أرقام رسمية", "تقرير حديث", "بيانات الربع الأخير", "مسح ميداني",
           "إحصاءات نشرت اليوم"]
GENERIC = ["ويأتي هذا القرار بعد أسابيع من النقاش بين الأطراف المعنية.",
           "وتشمل المرحلة الأولى عددا من المناطق ذات الأولوية.",
           "ولاقت الخطوة ترحيبا واسعا على مواقع التواصل الاجتماعي.",
           "وتعهدت الجهات المسؤولة بنشر التفاصيل كاملة في وقت قريب.",
           "ويرى مراقبون أن التنفيذ يحتاج إلى متابعة دقيقة.",
           "ومن المنتظر أن تتضح الصورة خلال الأيام المقبلة.",
           "ويترقب المتابعون ما ستسفر عنه المرحلة التالية.",
           "ولم يصدر حتى الآن أي تعليق من الأطراف الأخرى.",
           "وستواصل الصحيفة متابعة التطورات أولا بأول."]
HEADINGS = ["خلفية", "ردود الفعل", "الخطوات التالية", "أرقام وحقائق", "ماذا بعد؟", "في التفاصيل"]
TITLE_TAILS = ["، والتنفيذ يبدأ قريبا", "، والتفاصيل الأسبوع المقبل"]

SECTIONS = {
    "economy": dict(
        subjects=[("وزارة المالية", 1), ("البنك المركزي", 0), ("غرفة التجارة والصناعة", 1),
                  ("هيئة الاستثمار", 1), ("اتحاد المصدرين", 0), ("مجلس الوزراء", 0),
                  ("هيئة الضرائب", 1), ("صندوق التنمية الوطني", 0)],
        objects=["خطة جديدة لدعم الصادرات الزراعية", "حزمة حوافز للمصانع الصغيرة",
                 "مبادرة لتسهيل القروض السكنية", "الموازنة المعدلة للعام المقبل",
                 "آلية جديدة لتسعير الوقود", "إجراءات لخفض الدين العام",
                 "شراكة مع القطاع الخاص لإنشاء مناطق لوجستية",
                 "خطة لجذب الاستثمارات في الطاقة المتجددة", "تسهيلات ضريبية للشركات الناشئة",
                 "استراتيجية وطنية للأمن الغذائي"],
        indicators=[("حجم الصادرات", 0), ("معدل التضخم", 0), ("أسعار الخضروات", 1),
                    ("الطلب على القروض", 0), ("عجز الموازنة", 0), ("عدد الشركات المسجلة", 0),
                    ("إيرادات الموانئ", 1)],
        speakers=["خبير اقتصادي", "مسؤول في وزارة المالية", "رئيس جمعية رجال الأعمال",
                  "محلل في أحد المصارف"],
        tags=["الصادرات", "التضخم", "الاستثمار", "الضرائب", "القروض", "الطاقة المتجددة",
              "الأمن الغذائي"]),
    "markets": dict(
        subjects=[("البورصة", 1), ("هيئة سوق المال", 1), ("المصرف التجاري الأول", 0),
                  ("شركة الوساطة الوطنية", 1), ("مجلس إدارة السوق", 0)],
        objects=["قواعد جديدة لإدراج الشركات العائلية", "منصة إلكترونية للتداول عبر الهاتف",
                 "نتائج الربع الثالث", "توزيعات أرباح نقدية للمساهمين",
                 "مؤشر الشركات المتوسطة", "خطة لتنشيط التداول في قطاع العقارات"],
        indicators=[("المؤشر العام", 0), ("قيمة التداولات", 1), ("أسهم قطاع البنوك", 1),
                    ("عدد الصفقات المنفذة", 0), ("سعر صرف العملة المحلية", 0)],
        speakers=["محلل مالي", "وسيط في السوق", "مدير صندوق استثماري"],
        tags=["الأسهم", "التداول", "الأرباح", "العملة", "البنوك", "الصكوك"]),
    "sports": dict(
        subjects=[("المنتخب الوطني", 0), ("اتحاد كرة القدم", 0), ("نادي النجوم", 0),
                  ("اللجنة الأولمبية", 1), ("اتحاد ألعاب القوى", 0), ("رابطة الدوري المحترف", 1),
                  ("إدارة نادي الساحل", 1), ("الجهاز الفني للمنتخب", 0)],
        objects=["قائمة جديدة تضم عددا من الوجوه الشابة", "خطة لتطوير أكاديميات الناشئين",
                 "جدول مباريات الموسم المقبل", "مشروع الملعب الجديد في الضاحية الشرقية",
                 "عقود الرعاية للموسم الجديد", "لائحة جديدة لانضباط الجماهير",
                 "استعدادات البطولة القارية", "برنامج المعسكر الخارجي"],
        indicators=[("عدد الجماهير في المدرجات", 0), ("إيرادات التذاكر", 1),
                    ("نسبة الإصابات بين اللاعبين", 1), ("عدد الأهداف المسجلة", 0)],
        speakers=["مدرب الفريق", "قائد المنتخب", "عضو في مجلس إدارة النادي", "ناقد رياضي"],
        tags=["كرة القدم", "المنتخب", "الملاعب", "الناشئين", "ألعاب القوى", "الدوري",
              "الجماهير", "البطولة القارية"]),
    "weather": dict(
        subjects=[("هيئة الأرصاد الجوية", 1), ("مركز التنبؤات", 0), ("الدفاع المدني", 0),
                  ("إدارة الطوارئ", 1), ("مرصد المناخ الإقليمي", 0)],
        objects=["تحذيرات من موجة حر جديدة", "توقعات الطقس لعطلة نهاية الأسبوع",
                 "خطة للتعامل مع السيول", "نشرة خاصة بحالة البحر",
                 "إرشادات للسائقين خلال الضباب الكثيف", "خريطة جديدة لمناطق الأمطار",
                 "حملة للتوعية بمخاطر العواصف الرملية"],
        indicators=[("درجات الحرارة", 1), ("كمية الأمطار", 1), ("سرعة الرياح", 1),
                    ("منسوب المياه في السدود", 0), ("نسبة الرطوبة", 1)],
        speakers=["خبير في الأرصاد", "متنبئ جوي", "مسؤول في الدفاع المدني"],
        tags=["موجة الحر", "الأمطار", "السيول", "العواصف الرملية", "الضباب", "حالة البحر",
              "المناخ"]),
    "tech": dict(
        subjects=[("وزارة الاتصالات", 1), ("هيئة تنظيم الاتصالات", 1),
                  ("مركز أبحاث الذكاء الاصطناعي", 0), ("شركة ناشئة محلية", 1),
                  ("الجامعة التقنية", 1), ("فريق من المبرمجين الشباب", 0)],
        objects=["تطبيقات لحجز المواعيد الحكومية", "خدمة الإنترنت عالي السرعة في القرى",
                 "منصة لتعليم البرمجة للأطفال", "خطة لحماية البيانات الشخصية",
                 "مسابقة وطنية للأمن السيبراني", "شبكة الجيل الخامس في المدن الكبرى",
                 "نظام الدفع الإلكتروني في المدارس"],
        indicators=[("عدد مستخدمي الإنترنت", 0), ("سرعة الاتصال المتوسطة", 1),
                    ("حجم التجارة الإلكترونية", 0), ("عدد الهجمات الإلكترونية", 0)],
        speakers=["مهندس برمجيات", "باحث في أمن المعلومات", "مدير شركة تقنية"],
        tags=["الذكاء الاصطناعي", "الإنترنت", "الأمن السيبراني", "البرمجة",
              "الدفع الإلكتروني", "الجيل الخامس", "البيانات الشخصية", "التطبيقات"]),
    "local": dict(
        subjects=[("البلدية", 1), ("المجلس البلدي", 0), ("محافظ المدينة", 0),
                  ("إدارة المرور", 1), ("مديرية التربية", 1), ("مصلحة المياه", 1)],
        objects=["مشروع توسعة الطريق الدائري", "خطة لتجميل الحدائق العامة",
                 "مواعيد جديدة لجمع النفايات", "حملة لإزالة المخالفات في الأسواق",
                 "جدول صيانة شبكة المياه", "خطة النقل المدرسي للعام الجديد",
                 "مشروع إنارة الشوارع بالطاقة الشمسية"],
        indicators=[("عدد الحوادث المرورية", 0), ("استهلاك المياه", 0),
                    ("عدد الطلاب المسجلين", 0), ("نسبة الأحياء المخدومة بالصرف الصحي", 1)],
        speakers=["عضو في المجلس البلدي", "أحد سكان الحي", "مهندس في البلدية"],
        tags=["المرور", "المياه", "النظافة", "المدارس", "الحدائق", "الطرق", "الإنارة"]),
    "culture": dict(
        subjects=[("وزارة الثقافة", 1), ("دار الأوبرا", 1), ("المكتبة الوطنية", 1),
                  ("مهرجان المسرح", 0), ("اتحاد الكتاب", 0), ("المتحف الوطني", 0)],
        objects=["معرض «ذاكرة المدينة» للصور القديمة", "الدورة الجديدة لمعرض الكتاب",
                 "جائزة للرواية الأولى", "برنامج الأمسيات الشعرية", "ترميم المخطوطات النادرة",
                 "عروض مسرحية للأطفال في الحدائق", "قاعة جديدة للفنون التشكيلية"],
        indicators=[("عدد زوار المعرض", 0), ("مبيعات الكتب", 1), ("عدد العروض المسرحية", 0)],
        speakers=["ناقد أدبي", "مخرج مسرحي", "أمين المتحف"],
        tags=["معرض الكتاب", "المسرح", "الشعر", "الرواية", "المتاحف", "الفنون التشكيلية",
              "التراث"]),
}
# (key, name as WordPress stores it, parent key, description)
CATEGORIES = [
    ("uncategorized", "غير مصنف", None, ""),
    ("economy", "اقتصاد", None, "أخبار الاقتصاد والأعمال"),
    ("markets", "أسواق المال", "economy", "البورصة والمصارف والعملات"),
    ("sports", "رياضة", None, "أخبار الرياضة المحلية والعربية"),
    ("weather", "طقس", None, ""),
    ("tech", "تقنية", None, "التقنية والاتصالات"),
    ("local", "محليات", None, ""),
    ("culture", "ثقافة &amp; فنون", None, "الكتب والمسرح والمعارض"),
]
SECTION_WEIGHTS = [("economy", 18), ("markets", 8), ("sports", 20), ("weather", 10),
                   ("tech", 14), ("local", 18), ("culture", 10), ("uncategorized", 2)]
AUTHORS = [  # id, login, display name
    (1, "admin", "admin"),
    (2, "layla_econ", "ليلى البنا"),
    (3, "tariq_sport", "طارق المصري"),
    (4, "nour_desk", "نور الهاشمي"),
]
SECTION_AUTHORS = {"economy": [2, 2, 1], "markets": [2], "sports": [3, 3, 1], "weather": [4],
                   "tech": [4, 1], "local": [4, 4, 1], "culture": [1, 4],
                   "uncategorized": [1]}
READERS = ["أبو خالد", "ريم", "سامر", "هالة", "يوسف", "نادين", "عمر الحسيني", "منى", "زياد",
           "رنا", "بسمة", "وليد", "أم أحمد", "جمال", "لينا", "مراد", "سلوى", "حسن الشريف",
           "قارئ دائم", "د. فراس"]
COMMENT_TEXTS = ["متابعة ممتازة، ننتظر المزيد من التفاصيل.",
                 "هل سيشمل القرار المناطق البعيدة أيضا؟",
                 "الأرقام تحتاج إلى توضيح من الجهة المسؤولة.",
                 "أتمنى أن يتم التنفيذ هذه المرة دون تأخير.",
                 "خبر جميل، شكرا للمحرر.",
                 "نحتاج إلى خطوات عملية وليس وعودا فقط.",
                 "أين يمكن قراءة نص القرار كاملا؟",
                 "تجربة مشابهة نجحت في مدينتنا العام الماضي.",
                 "سمعنا هذا الكلام من قبل، فلننتظر النتائج.",
                 "المهم أن يصل الدعم إلى من يستحقه."]
REPLY_TEXTS = ["أوافقك الرأي تماما.", "لا أظن ذلك، فالتجارب السابقة لم تكن مشجعة.",
               "الرابط موجود في آخر الخبر.", "كلام سليم، والوقت سيحكم."]
SPAM_TEXTS = ["اربح جوائز فورية الآن، التسجيل مجاني لفترة محدودة",
              "أفضل عروض الشقق المفروشة بأسعار لا تقبل المنافسة"]
QUOTES = ["نحن أمام فرصة حقيقية لتغيير الواقع، ولن نضيعها.",
          "ما تحقق حتى الآن خطوة أولى فقط.",
          "لا نعد بالمعجزات، لكننا نعد بالعمل اليومي."]

# --------------------------------------------------------------------------


class Gen:
    def __init__(self, posts, seed, out):
        self.n = posts
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.out = out
        self.bytes = 0
        self.slugs = SlugBook()
        self.page_slugs = SlugBook()
        self.next_id = 2
        self.next_comment = 1
        self.recent_images = []      # (id, url, w, h) of the last attachments
        self.block_id = None
        self.counts = dict(items=0, posts=0, pages=0, attachments=0, comments=0)
        self.cat = {}                # key -> (term_id, slug, name)
        self.tag = {}                # name -> (term_id, slug)
        self.menu_term = None

    # -- small helpers
    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def write(self, s):
        b = s.encode("utf-8")
        self.out.write(b)
        self.bytes += len(b)

    def new_id(self):
        i = self.next_id
        # revisions and auto-drafts take ids that an export does not carry
        self.next_id += 1 if self.r() < 0.7 else 1 + int(self.r() * 3)
        return i

    # -- text
    def event(self, sec):
        subj, f = self.pick(sec["subjects"])
        verb = self.pick(VERBS)
        obj = self.pick(sec["objects"])
        s = "%s %s %s%s" % (verb[f], subj, verb[4], obj)
        return s if " في " in obj else s + " " + self.pick(PLACES)

    def sentence(self, sec):
        r = self.r()
        if r < 0.30:
            return "%s %s." % (self.event(sec), self.pick(TIMES))
        if r < 0.55:
            sp = self.pick(sec["speakers"]) if self.r() < 0.6 else self.pick(SPEAKERS)
            if self.r() < 0.4:
                return "وقال %s إن %s." % (sp, self.pick(CLAUSES))
            return "%s %s أن %s، مشيرا إلى أن %s." % (self.pick(SAYS), sp, self.pick(CLAUSES),
                                                      self.pick(CLAUSES))
        if r < 0.72:
            ind, f = self.pick(sec["indicators"])
            return "وبحسب %s، %s %s بنسبة %d.%d في المئة %s." % (
                self.pick(SOURCES), self.pick(CHANGE)[f], ind, 1 + int(self.r() * 30),
                int(self.r() * 10), self.pick(PLACES))
        if r < 0.88:
            return "%s، %s." % (self.pick(CONNECTORS), self.event(sec))
        return self.pick(GENERIC)

    def paragraph(self, sec):
        out = []
        for _ in range(3 + int(self.r() * 3)):
            s = self.sentence(sec)
            if out and s == out[-1]:
                s = self.sentence(sec)
            out.append(s)
        return " ".join(out)

    def title(self, sec):
        r = self.r()
        if r < 0.12:
            ind, f = self.pick(sec["indicators"])
            t = "%s %s بنسبة %d.%d في المئة" % (ind, self.pick(CHANGE_PRESENT)[f],
                                                1 + int(self.r() * 30), int(self.r() * 10))
        else:
            subj, f = self.pick(sec["subjects"])
            verb = self.pick(VERBS)
            obj = self.pick(sec["objects"])
            t = "%s %s %s%s" % (subj, verb[2 + f], verb[4], obj)
        r = self.r()
        if r < 0.45 and " في " not in t:
            t += " " + self.pick(PLACES)
        elif r < 0.48:
            t += self.pick(TITLE_TAILS)
        return t

    # -- XML
    def item(self, *, post_id, title, link, pub, creator, guid, content, excerpt="",
             date, date_gmt, modified=None, modified_gmt=None, comment_status="open",
             ping_status="open", post_name="", status="publish", parent=0, menu_order=0,
             post_type="post", password="", sticky=0, attachment_url=None, terms=(),
             meta=(), comments=()):
        if modified is None:
            modified, modified_gmt = date, date_gmt
        p = ["\t\t\t\t\t<item>\n\t\t<title>", cdata(title), "</title>\n\t\t<link>", link,
             "</link>\n\t\t<pubDate>", pub, "</pubDate>\n\t\t<dc:creator>", cdata(creator),
             "</dc:creator>\n\t\t<guid isPermaLink=\"false\">", guid,
             "</guid>\n\t\t<description></description>\n\t\t<content:encoded>", cdata(content),
             "</content:encoded>\n\t\t<excerpt:encoded>", cdata(excerpt),
             "</excerpt:encoded>\n\t\t<wp:post_id>%d</wp:post_id>\n" % post_id,
             "\t\t<wp:post_date>", cdata(date), "</wp:post_date>\n",
             "\t\t<wp:post_date_gmt>", cdata(date_gmt), "</wp:post_date_gmt>\n",
             "\t\t<wp:post_modified>", cdata(modified), "</wp:post_modified>\n",
             "\t\t<wp:post_modified_gmt>", cdata(modified_gmt), "</wp:post_modified_gmt>\n",
             "\t\t<wp:comment_status>", cdata(comment_status), "</wp:comment_status>\n",
             "\t\t<wp:ping_status>", cdata(ping_status), "</wp:ping_status>\n",
             "\t\t<wp:post_name>", cdata(post_name), "</wp:post_name>\n",
             "\t\t<wp:status>", cdata(status), "</wp:status>\n",
             "\t\t<wp:post_parent>%d</wp:post_parent>\n" % parent,
             "\t\t<wp:menu_order>%d</wp:menu_order>\n" % menu_order,
             "\t\t<wp:post_type>", cdata(post_type), "</wp:post_type>\n",
             "\t\t<wp:post_password>", cdata(password), "</wp:post_password>\n",
             "\t\t<wp:is_sticky>%d</wp:is_sticky>\n" % sticky]
        if attachment_url is not None:
            p += ["\t\t<wp:attachment_url>", cdata(attachment_url), "</wp:attachment_url>\n"]
        lead = "\t\t\t\t\t\t\t\t\t\t"
        for domain, nicename, name in terms:
            p += [lead, '<category domain="', domain, '" nicename="', nicename, '">', cdata(name),
                  "</category>\n"]
            lead = "\t\t"
        for k, v in meta:
            p += [lead, "<wp:postmeta>\n\t\t<wp:meta_key>", cdata(k),
                  "</wp:meta_key>\n\t\t<wp:meta_value>", cdata(v),
                  "</wp:meta_value>\n\t\t</wp:postmeta>\n"]
            lead = "\t\t"
        lead = "\t\t\t\t\t\t"
        for c in comments:
            p += [lead, "<wp:comment>\n\t\t\t<wp:comment_id>%d</wp:comment_id>\n" % c["id"],
                  "\t\t\t<wp:comment_author>", cdata(c["author"]), "</wp:comment_author>\n",
                  "\t\t\t<wp:comment_author_email>", cdata(c["email"]),
                  "</wp:comment_author_email>\n",
                  "\t\t\t<wp:comment_author_url>", c["url"], "</wp:comment_author_url>\n",
                  "\t\t\t<wp:comment_author_IP>", cdata(c["ip"]), "</wp:comment_author_IP>\n",
                  "\t\t\t<wp:comment_date>", cdata(fmt_local(c["t"])), "</wp:comment_date>\n",
                  "\t\t\t<wp:comment_date_gmt>", cdata(fmt_gmt(c["t"])),
                  "</wp:comment_date_gmt>\n",
                  "\t\t\t<wp:comment_content>", cdata(c["content"]), "</wp:comment_content>\n",
                  "\t\t\t<wp:comment_approved>", cdata(c["approved"]), "</wp:comment_approved>\n",
                  "\t\t\t<wp:comment_type>", cdata(c["type"]), "</wp:comment_type>\n",
                  "\t\t\t<wp:comment_parent>%d</wp:comment_parent>\n" % c["parent"],
                  "\t\t\t<wp:comment_user_id>%d</wp:comment_user_id>\n" % c["user_id"]]
            for k, v in c.get("meta", ()):
                p += ["\t\t\t<wp:commentmeta>\n\t\t\t<wp:meta_key>", cdata(k),
                      "</wp:meta_key>\n\t\t\t<wp:meta_value>", cdata(v),
                      "</wp:meta_value>\n\t\t\t</wp:commentmeta>\n"]
            p.append("\t\t\t\t\t\t\t</wp:comment>\n")
            lead = "\t\t\t\t\t"
        p.append("\t\t\t\t\t\t</item>\n")
        self.counts["items"] += 1
        self.counts["comments"] += len(comments)
        return "".join(p)

    # -- header: channel, authors, terms
    def header(self):
        h = ['<?xml version="1.0" encoding="UTF-8" ?>\n',
             "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n",
             "<!-- It contains information about your site's posts, pages, comments, categories, and other content. -->\n",
             "<!-- You may use this file to transfer that content from one site to another. -->\n",
             "<!-- This file is not intended to serve as a complete backup of your site. -->\n\n",
             "<!-- To import this information into a WordPress site follow these steps: -->\n",
             "<!-- 1. Log in to that site as an administrator. -->\n",
             "<!-- 2. Go to Tools: Import in the WordPress admin panel. -->\n",
             "<!-- 3. Install the \"WordPress\" importer from the list. -->\n",
             "<!-- 4. Activate & Run Importer. -->\n",
             "<!-- 5. Upload this file using the form provided on that page. -->\n",
             "<!-- 6. You will first be asked to map the authors in this export file to users -->\n",
             "<!--    on the site. For each author, you may choose to map to an -->\n",
             "<!--    existing user on the site or to create a new user. -->\n",
             "<!-- 7. WordPress will then import each of the posts, pages, comments, categories, etc. -->\n",
             "<!--    contained in this file into your site. -->\n\n",
             '\t<!-- generator="WordPress/6.1.9" created="%s" -->\n' % time.strftime(
                 "%Y-%m-%d %H:%M", time.gmtime(EXPORT_TIME)),
             '<rss version="2.0"\n',
             '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n',
             '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n',
             '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n',
             '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n',
             '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n',
             "\t<title>نبض المدينة</title>\n\t<link>%s</link>\n" % SITE,
             "\t<description>أخبار محلية واقتصادية ورياضية على مدار الساعة</description>\n",
             "\t<pubDate>%s</pubDate>\n\t<language>ar</language>\n" % fmt_rss(EXPORT_TIME),
             "\t<wp:wxr_version>1.2</wp:wxr_version>\n",
             "\t<wp:base_site_url>%s</wp:base_site_url>\n" % SITE,
             "\t<wp:base_blog_url>%s</wp:base_blog_url>\n\n" % SITE]
        lead = "\t\t"
        for aid, login, name in AUTHORS:
            h += [lead, "<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>" % aid,
                  cdata(login), "</wp:author_login><wp:author_email>",
                  cdata(login + "@example.invalid"), "</wp:author_email><wp:author_display_name>",
                  cdata(name), "</wp:author_display_name><wp:author_first_name>", cdata(""),
                  "</wp:author_first_name><wp:author_last_name>", cdata(""),
                  "</wp:author_last_name></wp:author>\n"]
            lead = "\t"
        h.append("\n")

        # term ids: 1 Uncategorized, 2-3 the block theme's terms, then
        # categories, tags, and the nav menu
        tid = 4
        terms = []   # (name, taxonomy, term_id, slug, parent_slug, description)
        terms.append(("twentytwentythree", "wp_theme", 2, "twentytwentythree", "", ""))
        terms.append(("footer", "wp_template_part_area", 3, "footer", "", ""))
        for key, name, parent, desc in CATEGORIES:
            if key == "uncategorized":
                term_id, slug = 1, "uncategorized"
            else:
                term_id, slug = tid, wp_slug(name.replace("&amp;", ""))
                tid += 1
            self.cat[key] = (term_id, slug, name)
        for key, name, parent, desc in CATEGORIES:
            term_id, slug, _ = self.cat[key]
            terms.append((name, "category", term_id, slug, self.cat[parent][1] if parent else "",
                          desc))
        for key in SECTIONS:
            for t in SECTIONS[key]["tags"]:
                self.tag[t] = (tid, wp_slug(t))
                terms.append((t, "post_tag", tid, self.tag[t][1], "", ""))
                tid += 1
        menu_name = "القائمة الرئيسية"
        self.menu_term = (tid, wp_slug(menu_name), menu_name)
        terms.append((menu_name, "nav_menu", tid, self.menu_term[1], "", ""))

        # export_wp(): get_terms() sorts by name; parents before children
        cats = sorted((t for t in terms if t[1] == "category"), key=lambda t: t[0])
        cats.sort(key=lambda t: t[4] != "")
        for name, _, term_id, slug, parent, desc in cats:
            h += ["\t\t<wp:category>\n\t\t<wp:term_id>%d</wp:term_id>\n" % term_id,
                  "\t\t<wp:category_nicename>", cdata(slug), "</wp:category_nicename>\n",
                  "\t\t<wp:category_parent>", cdata(parent), "</wp:category_parent>\n",
                  "\t\t<wp:cat_name>", cdata(name), "</wp:cat_name>\n"]
            if desc:
                h += ["<wp:category_description>", cdata(desc), "</wp:category_description>\n"]
            h.append("\t</wp:category>\n")
        lead = "\t\t\t"
        for name, _, term_id, slug, _, _ in sorted((t for t in terms if t[1] == "post_tag"),
                                                   key=lambda t: t[0]):
            h += [lead, "<wp:tag>\n\t\t<wp:term_id>%d</wp:term_id>\n" % term_id,
                  "\t\t<wp:tag_slug>", cdata(slug), "</wp:tag_slug>\n",
                  "\t\t<wp:tag_name>", cdata(name), "</wp:tag_name>\n\t</wp:tag>\n"]
            lead = "\t\t"
        lead = "\t\t\t"
        allterms = sorted(terms, key=lambda t: t[0])
        allterms.sort(key=lambda t: t[4] != "")
        for name, tax, term_id, slug, parent, desc in allterms:
            h += [lead, "<wp:term>\n\t\t<wp:term_id>%d</wp:term_id>\n" % term_id,
                  "\t\t<wp:term_taxonomy>", cdata(tax), "</wp:term_taxonomy>\n",
                  "\t\t<wp:term_slug>", cdata(slug), "</wp:term_slug>\n",
                  "\t\t<wp:term_parent>", cdata(parent), "</wp:term_parent>\n",
                  "\t\t<wp:term_name>", cdata(name), "</wp:term_name>\n"]
            if desc:
                h += ["\t\t<wp:term_description>", cdata(desc), "</wp:term_description>\n"]
            h.append("\t</wp:term>\n")
            lead = "\t\t"
        h.append("\t\t\n\t<generator>https://wordpress.org/?v=6.1.9</generator>\n\n")
        self.write("".join(h))

    # -- the fixed items of a site
    def pages(self):
        t = FIRST_POST_TIME - 86400 * 30
        common = dict(pub=fmt_rss(t), creator="admin", date=fmt_local(t), date_gmt=fmt_gmt(t),
                      comment_status="closed", post_type="page")
        raw_slug = "صفحة-نموذجية"   # a localized install writes this slug unencoded
        self.write(self.item(
            post_id=2, title="صفحة نموذجية", link="%s/%s/" % (SITE, raw_slug),
            guid="%s/?page_id=2" % SITE, post_name=raw_slug,
            content="<!-- wp:paragraph -->\n<p>هذه صفحة نموذجية أنشئت مع الموقع، ويمكن تعديلها أو حذفها من لوحة التحكم.</p>\n<!-- /wp:paragraph -->",
            meta=[("_wp_page_template", "default")], **common))
        self.write(self.item(
            post_id=3, title="سياسة الخصوصية", link="%s/?page_id=3" % SITE,
            guid="%s/?page_id=3" % SITE, post_name="privacy-policy", status="draft",
            content="<!-- wp:heading -->\n<h2>من نحن</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>عنوان موقعنا على الإنترنت هو: %s.</p>\n<!-- /wp:paragraph -->" % SITE,
            meta=[("_wp_page_template", "default")], **common))
        self.write(self.item(
            post_id=4, title="من نحن", link="%s/about/" % SITE, guid="%s/about/" % SITE,
            post_name="about", ping_status="closed",
            content="<!-- wp:paragraph -->\n<p>نبض المدينة موقع إخباري تجريبي، وكل ما فيه من أخبار وتعليقات نصوص مولدة لأغراض القياس، لا تصف أحداثا حقيقية.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>للتواصل مع فريق التحرير: desk@example.invalid</p>\n<!-- /wp:paragraph -->",
            **common))
        self.write(self.item(
            post_id=5, title="Footer", link="%s/%s/footer/" % (SITE, ym(t)),
            pub=fmt_rss(t), creator="", guid="%s/%s/footer/" % (SITE, ym(t)),
            date=fmt_local(t), date_gmt=fmt_gmt(t), comment_status="closed",
            ping_status="closed", post_name="footer", post_type="wp_template_part",
            content="<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\"><!-- wp:paragraph -->\n<p>نبض المدينة: أخبار على مدار الساعة.</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->",
            terms=[("wp_template_part_area", "footer", "footer"),
                   ("wp_theme", "twentytwentythree", "twentytwentythree")]))
        self.counts["pages"] += 3
        self.next_id = 6

    def child_page(self, t):
        pid = self.new_id()
        title = "فريق التحرير"
        slug = self.page_slugs.unique(wp_slug(title))
        self.write(self.item(
            post_id=pid, title=title, link="%s/about/%s/" % (SITE, slug), pub=fmt_rss(t),
            creator="admin", guid="%s/?page_id=%d" % (SITE, pid), date=fmt_local(t),
            date_gmt=fmt_gmt(t), comment_status="closed", post_name=slug, parent=4,
            menu_order=1, post_type="page",
            content="<!-- wp:paragraph -->\n<p>يعمل في الموقع فريق صغير من المحررين والمراسلين في أقسام الاقتصاد والرياضة والمحليات والثقافة.</p>\n<!-- /wp:paragraph -->",
            meta=[("_wp_page_template", "default")]))
        self.counts["pages"] += 1

    def reusable_block(self, t):
        pid = self.new_id()
        title = "تنويه حقوق النشر"
        slug = self.slugs.unique(wp_slug(title))
        self.block_id = pid
        self.write(self.item(
            post_id=pid, title=title, link="%s/%s/%s/" % (SITE, ym(t), slug), pub=fmt_rss(t),
            creator="admin", guid="%s/%s/%s/" % (SITE, ym(t), slug), date=fmt_local(t),
            date_gmt=fmt_gmt(t), comment_status="closed", ping_status="closed",
            post_name=slug, post_type="wp_block",
            content="<!-- wp:paragraph {\"fontSize\":\"small\"} -->\n<p class=\"has-small-font-size\">جميع الحقوق محفوظة لنبض المدينة، ويسمح بالاقتباس مع ذكر المصدر.</p>\n<!-- /wp:paragraph -->"))

    def menu_items(self, t):
        term_id, mslug, mname = self.menu_term
        econ = self.cat["economy"]
        specs = [  # title, type, object, object_id, url
            ("", "taxonomy", "category", econ[0], ""),
            ("", "post_type", "page", 4, ""),
            ("البث المباشر", "custom", "custom", 0, "https://live.example.invalid/"),
        ]
        for order, (title, typ, obj, oid, url) in enumerate(specs, 1):
            pid = self.new_id()
            if not oid:
                oid = pid
            self.write(self.item(
                post_id=pid, title=title, link="%s/%s/%d/" % (SITE, ym(t), pid),
                pub=fmt_rss(t), creator="admin", guid="%s/?p=%d" % (SITE, pid),
                date=fmt_local(t), date_gmt=fmt_gmt(t), comment_status="closed",
                ping_status="closed", post_name=str(pid), menu_order=order,
                post_type="nav_menu_item", content="",
                terms=[("nav_menu", mslug, mname)],
                meta=[("_menu_item_type", typ), ("_menu_item_menu_item_parent", "0"),
                      ("_menu_item_object_id", str(oid)), ("_menu_item_object", obj),
                      ("_menu_item_target", ""), ("_menu_item_classes", 'a:1:{i:0;s:0:"";}'),
                      ("_menu_item_xfn", ""), ("_menu_item_url", url)]))

    # -- attachments
    def attachment(self, parent_id, parent_link, t, creator, pdf=False, aid=None):
        if aid is None:
            aid = self.new_id()
        folder = time.strftime("%Y/%m", time.gmtime(t + TZ_OFFSET))
        if pdf:
            base = "report-%d" % aid
            fname = base + ".pdf"
        elif self.r() < 0.15:
            base = "صورة-الخبر-%d" % aid        # WordPress keeps UTF-8 file names
            fname = base + ".jpg"
        else:
            base = "photo-%d" % aid
            fname = base + ".jpg"
        file_rel = "%s/%s" % (folder, fname)
        url = "%s/wp-content/uploads/%s" % (SITE, file_rel)
        slug = self.slugs.unique(wp_slug(base))
        meta = [("_wp_attached_file", file_rel)]
        if pdf:
            meta.append(("_wp_attachment_metadata",
                         php_serialize({"filesize": 40000 + int(self.r() * 900000)})))
            excerpt = ""
            w = h = 0
        else:
            w, h = self.pick([(1600, 1067), (1200, 800), (2048, 1365), (800, 600), (1080, 1350)])
            sizes = {}
            for name, sw in (("medium", 300), ("large", 1024), ("thumbnail", 150)):
                sh = 150 if name == "thumbnail" else round(h * sw / w)
                if sw < w:
                    sizes[name] = {"file": "%s-%dx%d.jpg" % (base, sw, sh), "width": sw,
                                   "height": sh, "mime-type": "image/jpeg",
                                   "filesize": 5000 + int(self.r() * 90000)}
            meta.append(("_wp_attachment_metadata", php_serialize({
                "width": w, "height": h, "file": file_rel,
                "filesize": 80000 + int(self.r() * 900000), "sizes": sizes,
                "image_meta": {"aperture": "0", "credit": "", "camera": "", "caption": "",
                               "created_timestamp": "0", "copyright": "", "focal_length": "0",
                               "iso": "0", "shutter_speed": "0",
                               "title": "لقطة من موقع الحدث" if self.r() < 0.3 else "",
                               "orientation": "0", "keywords": []}})))
            meta.append(("_wp_attachment_image_alt", "صورة توضيحية للخبر"))
            excerpt = "صورة من موقع الحدث" if self.r() < 0.5 else ""
        self.write(self.item(
            post_id=aid, title=base, link="%s%s/" % (parent_link, slug) if parent_link else
            "%s/?attachment_id=%d" % (SITE, aid), pub=fmt_rss(t), creator=creator, guid=url,
            content="", excerpt=excerpt, date=fmt_local(t), date_gmt=fmt_gmt(t),
            ping_status="closed", post_name=slug, status="inherit", parent=parent_id,
            post_type="attachment", attachment_url=url, meta=meta))
        self.counts["attachments"] += 1
        if not pdf:
            self.recent_images.append((aid, url, w, h, base, folder))
            if len(self.recent_images) > 200:
                del self.recent_images[:100]
        return aid, url

    # -- comments
    def comments(self, t, _unused=None):
        n = self.pick((0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9))
        out = []
        ct = t
        for _ in range(n):
            ct = min(ct + 60 + int(self.r() * 40000), EXPORT_TIME - 600)
            cid = self.next_comment
            self.next_comment += 1
            r = self.r()
            c = dict(id=cid, t=ct, url="", ip="192.0.2.%d" % (1 + int(self.r() * 250)),
                     approved="1", type="comment", parent=0, user_id=0)
            if r < 0.015:    # pingback
                c.update(author="مدونة المتابع", email="", type="pingback",
                         url="http://blog.example.invalid/%d/" % cid,
                         content="[&#8230;] نقلا عن تقرير نشر اليوم في نبض المدينة [&#8230;]")
            elif r < 0.045:  # registered user (an author)
                aid, login, name = self.pick(AUTHORS[1:])
                c.update(author=name, email=login + "@example.invalid", user_id=aid,
                         url=SITE, content=self.pick(REPLY_TEXTS))
            else:
                who = self.pick(READERS)
                text = self.pick(COMMENT_TEXTS)
                r2 = self.r()
                if r2 < 0.3:
                    text += " " + self.pick(COMMENT_TEXTS)
                elif r2 < 0.4:
                    text += "\n\n" + self.pick(COMMENT_TEXTS)
                c.update(author=who, email="reader%d@example.invalid" % int(self.r() * 900),
                         content=text)
            if out and self.r() < 0.18:
                parent = self.pick(out)
                c["parent"] = parent["id"]
                if c["type"] == "comment" and not c["user_id"]:
                    c["content"] = self.pick(REPLY_TEXTS)
            r = self.r()
            if c["type"] == "comment":
                if r < 0.07:
                    c["approved"] = "0"
                elif r < 0.10:
                    c["approved"] = "spam"
                    c["content"] = self.pick(SPAM_TEXTS) + " http://offers.example.invalid/"
                    c["url"] = "http://offers.example.invalid/"
                    c["parent"] = 0
                elif r < 0.11:
                    c["approved"] = "trash"
                if self.r() < 0.05 or c["approved"] == "spam":
                    c["meta"] = [("akismet_result", "true" if c["approved"] == "spam" else "false")]
            out.append(c)
        return out

    # -- posts
    def post(self, i, kind, t):
        sec_key = self.section()
        sec = SECTIONS.get(sec_key, SECTIONS["local"])
        pid = self.new_id()
        author = self.pick(SECTION_AUTHORS[sec_key])
        creator = AUTHORS[author - 1][1]
        title = self.title(sec)
        if kind == "password":
            title = "خاص بالمشتركين: " + title
        status = {"draft": "draft", "pending": "pending", "future": "future",
                  "private": "private", "trash": "trash"}.get(kind, "publish")
        no_slug = kind in ("draft", "pending")
        base_slug = wp_slug(title)
        slug = "" if no_slug else self.slugs.unique(base_slug)
        pretty = status in ("publish", "private")
        link = "%s/%s/%s/" % (SITE, ym(t), slug) if pretty else "%s/?p=%d" % (SITE, pid)
        guid = link if (pretty and self.r() < 0.7) else "%s/?p=%d" % (SITE, pid)
        date, date_gmt = fmt_local(t), fmt_gmt(t)
        pub = fmt_rss(t)
        if no_slug:
            date_gmt = "0000-00-00 00:00:00"
            pub = ""
        meta = []
        body_parts = []
        new_att = None
        thumb = None
        if (status == "publish" and self.r() < 0.05) or i == 0:
            new_att = self.next_id    # the id new_id() hands out next
            self.next_id += 1
        elif self.recent_images and self.r() < 0.10:
            thumb = self.pick(self.recent_images)
        if kind == "classic":
            paras = [self.paragraph(sec) for _ in range(3 + int(self.r() * 4))]
            if self.r() < 0.35:
                img = thumb or (self.recent_images and self.pick(self.recent_images)) or None
                if img:
                    aid, url, w, h, base, folder = img
                    cw = min(w, 1024)
                    ch = round(h * cw / w)
                    src = url if cw == w else "%s/wp-content/uploads/%s/%s-%dx%d.jpg" % (
                        SITE, folder, base, cw, ch)
                    paras.insert(1, '[caption id="attachment_%d" align="aligncenter" width="%d"]'
                                 '<img class="size-large wp-image-%d" src="%s" alt="" width="%d" '
                                 'height="%d" /> صورة من موقع الحدث[/caption]'
                                 % (aid, cw, aid, src, cw, ch))
            content = "\n\n".join(paras)
        else:
            n = 4 + int(self.r() * 5)
            for k in range(n):
                body_parts.append("<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->"
                                  % self.paragraph(sec))
            r = self.r()
            if r < 0.35:
                body_parts.insert(2 + int(self.r() * (n - 2)),
                                  "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">%s</h2>\n"
                                  "<!-- /wp:heading -->" % self.pick(HEADINGS))
            if self.r() < 0.08:
                body_parts.insert(1, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">"
                                     "<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->"
                                     "<cite>%s</cite></blockquote>\n<!-- /wp:quote -->"
                                  % (self.pick(QUOTES), self.pick(sec["speakers"])))
            if self.r() < 0.05:
                body_parts.append("<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>%s</li>\n"
                                  "<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>%s</li>\n"
                                  "<!-- /wp:list-item --></ul>\n<!-- /wp:list -->"
                                  % (self.pick(sec["objects"]), self.pick(sec["objects"])))
            if self.block_id and self.r() < 0.01:
                body_parts.append('<!-- wp:block {"ref":%d} /-->' % self.block_id)
            if new_att and self.r() < 0.5:
                body_parts.insert(1, '<!-- wp:image {"id":%d,"sizeSlug":"large",'
                                  '"linkDestination":"none"} -->\n<figure class="wp-block-image '
                                  'size-large"><img src="%s/wp-content/uploads/%s/photo-%d-1024x683.jpg" '
                                  'alt="" class="wp-image-%d"/><figcaption class="wp-element-caption">'
                                  '%s</figcaption></figure>\n<!-- /wp:image -->'
                                  % (new_att, SITE, ym(t), new_att, new_att, self.pick(CLAUSES)))
            if kind == "cdata":
                body_parts.append("<!-- wp:html -->\n<div class=\"chart\" data-points=[[10,20],[30,40]]></div>\n<!-- /wp:html -->")
            content = "\n\n".join(body_parts)
        excerpt = self.sentence(sec) if self.r() < 0.08 else ""
        # terms: the category (sometimes two), 2-5 tags, sorted by name
        cat = self.cat[sec_key]
        terms = [("category", cat[1], cat[2])]
        if sec_key != "local" and self.r() < 0.04:
            c2 = self.cat["local"]
            terms.append(("category", c2[1], c2[2]))
        tag_pool = sec["tags"] if sec_key in SECTIONS else SECTIONS["local"]["tags"]
        k = 2 + int(self.r() * 4)
        for tg in self.rng.sample(tag_pool, min(k, len(tag_pool))):
            terms.append(("post_tag", self.tag[tg][1], tg))
        terms.sort(key=lambda x: x[2])
        if status == "publish" or status == "private":
            if self.r() < 0.5:
                meta.append(("_edit_last", str(author)))
        if kind == "trash":
            meta += [("_wp_trash_meta_status", "publish"),
                     ("_wp_trash_meta_time", str(EXPORT_TIME - 86400)),
                     ("_wp_desired_post_slug", slug)]
            slug = truncate_slug(slug, 191) + "__trashed"
        if status == "publish" and self.r() < 0.01:
            meta.append(("_wp_old_slug", wp_slug(self.title(sec))))
        if status in ("publish", "private") and self.r() < 0.3:
            meta.append(("views", str(int(self.r() ** 3 * 50000))))
        if thumb:
            meta.append(("_thumbnail_id", str(thumb[0])))
        if new_att:
            # the image is uploaded while the post is edited: its id is the
            # next one, and it comes after the post in the file
            meta.append(("_thumbnail_id", str(new_att)))
        comments = []
        if status in ("publish", "private", "trash"):
            comments = self.comments(t, None)
        if status == "trash":
            # trashing a post marks its comments so; untrashing restores them
            for c in comments:
                c["meta"] = [("_wp_trash_meta_status", "1" if c["approved"] == "1" else "0")]
                c["approved"] = "post-trashed"
        mod = t + (int(self.r() * 7200) if self.r() < 0.2 else 0)
        fields = dict(post_id=pid, title=title, link=link, pub=pub, creator=creator, guid=guid,
                      content=content, excerpt=excerpt, date=date, date_gmt=date_gmt,
                      modified=fmt_local(mod), modified_gmt="0000-00-00 00:00:00" if no_slug
                      else fmt_gmt(mod), comment_status="closed" if self.r() < 0.04 else "open",
                      post_name=slug, status=status,
                      password="sesame-1447" if kind == "password" else "",
                      sticky=1 if kind == "sticky" else 0, terms=terms, comments=comments)
        fields["meta"] = meta
        self.write(self.item(**fields))
        if new_att:
            self.attachment(pid, link if pretty else None, t, creator, aid=new_att)
        if kind == "pdf":
            self.attachment(pid, link if pretty else None, t, creator, pdf=True)
        self.counts["posts"] += 1

    def section(self):
        r = self.r() * 100
        for key, w in SECTION_WEIGHTS:
            r -= w
            if r < 0:
                return key
        return "local"

    def run(self):
        n = self.n
        self.header()
        self.pages()
        # where the special posts go (index -> kind); the future post is last
        kinds = {}

        def place(idx, kind):   # at idx, or the next free index (wrapping)
            if len(kinds) >= n:
                return
            idx = max(0, min(n - 1, idx))
            while idx in kinds:
                idx = (idx + 1) % n
            kinds[idx] = kind
        if n > 0:
            kinds[n - 1] = "future"
        place(5, "cdata")
        place(n // 3, "private")
        place(n // 2, "password")
        place((2 * n) // 3, "trash")
        for j in range(3):
            place(n - 2 - j * max(1, n // 50), "sticky")
        for j in range(max(2, n // 2000)):
            place(self.rng.randrange(n), "draft")
        for j in range(max(1, n // 10000)):
            place(self.rng.randrange(n), "pending")
        for j in range(max(1, n // 400)):
            place(self.rng.randrange(n), "pdf")
        specials = {n // 10: "child_page", n // 5: "menu", n // 4: "block"}
        step = (LAST_POST_TIME - FIRST_POST_TIME) / max(n, 1)
        buf_t0 = time.time()
        for i in range(n):
            t = FIRST_POST_TIME + int((i + self.r() * 0.9) * step)
            extra = specials.get(i)
            if extra == "child_page":
                self.child_page(t)
            elif extra == "menu":
                self.menu_items(t)
            elif extra == "block":
                self.reusable_block(t)
            kind = kinds.get(i)
            if kind is None and self.r() < 0.10:
                kind = "classic"
            if kind == "future":
                t = EXPORT_TIME + 10 * 86400
            self.post(i, kind or "normal", t)
            if self.progress and i and i % 10000 == 0:
                sys.stderr.write("make-wxr: %d posts, %.0f MB, %.1f s\n"
                                 % (i, self.bytes / 1e6, time.time() - buf_t0))
        self.write("\t\t\t\t</channel>\n</rss>\n\t")


def main():
    ap = argparse.ArgumentParser(description="Write a WordPress 6.1 export (WXR 1.2) of a "
                                 "synthetic Arabic news site.")
    ap.add_argument("--posts", type=int, default=100000, help="number of posts (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", help="output file (default: stdout)")
    ap.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    a = ap.parse_args()
    if a.posts < 1:
        ap.error("--posts must be at least 1")
    t0 = time.time()
    if a.out:
        out = open(a.out, "wb", buffering=1 << 20)
    else:
        out = sys.stdout.buffer
    g = Gen(a.posts, a.seed, out)
    g.progress = not a.quiet
    try:
        g.run()
        out.flush()
    except BrokenPipeError:
        return 1
    finally:
        if a.out:
            out.close()
    if not a.quiet:
        c = g.counts
        sys.stderr.write("make-wxr: %d items (%d posts, %d pages, %d attachments), %d comments, "
                         "%d bytes in %.1f s\n" % (c["items"], c["posts"], c["pages"],
                                                   c["attachments"], c["comments"], g.bytes,
                                                   time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
