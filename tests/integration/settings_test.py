"""Site settings from jarida.toml reach the pages (issue 3, "Dates"):
Levantine month names, Arabic-Indic digits and the Hijri line."""

import re
import unittest

import harness
from harness import BOT_UA, ServerTestCase, card_links

LEVANTINE_MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"


class LevantineArabicDigitsHijriTest(ServerTestCase):
    config_text = ('[site]\nname = "جريدة الشام"\n\n'
                   '[dates]\nstyle = "ar-SY"\ndigits = "arab"\nhijri = true\nhijri_adjust = 1\n')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        home = harness.request(cls.port, "GET", "/", headers={"User-Agent": BOT_UA})
        cls.home_html = home.body.decode("utf-8")
        cls.href = card_links(cls.home_html)[0]
        cls.article_html = harness.request(cls.port, "GET", cls.href,
                                           headers={"User-Agent": BOT_UA}).body.decode("utf-8")

    def test_site_name_from_config(self):
        self.assertIn("جريدة الشام", self.home_html)

    def test_publish_date_uses_levantine_month_and_arabic_indic_digits(self):
        m = re.search(r"وقت الإرسال:\s*<time[^>]*>([٠-٩]{1,2}) ([^<]+?) ([٠-٩]{4})</time>",
                      self.article_html)
        context = re.search(r"وقت الإرسال:.{0,120}", self.article_html, re.S)
        self.assertIsNotNone(m, "no '١٣ أيار ٢٠١٩' style date; page has: %r" % (
            context.group(0) if context else "(no وقت الإرسال: label)"))
        self.assertIn(m.group(2), LEVANTINE_MONTHS)

    def test_hijri_line_is_shown(self):
        m = re.search(r'<span class="hijri">\(([٠-٩]{1,2}) ([^<()]+?) ([٠-٩]{4}) هـ\)</span>',
                      self.article_html)
        self.assertIsNotNone(m, "no Hijri line like '(٨ رمضان ١٤٤٠ هـ)' on the article page")
        self.assertTrue(1400 <= int(m.group(3)) <= 1500)

    def test_list_dates_follow_the_setting(self):
        dates = re.findall(r'<article class="card">.*?<time[^>]*>([^<]+)</time>', self.home_html, re.S)
        self.assertTrue(dates)
        for d in dates:
            self.assertFalse(re.search(r"[0-9]", d), "Latin digit in %r" % d)
            self.assertTrue(any(month in d for month in LEVANTINE_MONTHS), d)


if __name__ == "__main__":
    unittest.main()
