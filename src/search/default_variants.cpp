// The variant table Jarida ships with (format in variants.hpp). Each line
// is a group a reader means the same by; spelling differences the
// normalizer already folds (ة/ه, أ/ا, ى/ي, harakat) and clitics the
// stemmer strips (ال، و، ب، ـها ...) need no line here. Add a site's own
// groups in DATA_DIR/search-variants.txt rather than editing this file.
#include "search/variants.hpp"

namespace jarida::search {

std::string_view default_variants_text() {
  return R"variants(
# Broken plurals common in news: singular | plural(s). Left out on
# purpose: pairs whose plural is also a common other word (فرق "teams" and
# "differences", طرق "roads" and "ways", أعوام next to عام "public").
شارع | شوارع
طالب | طلاب | طلبة | تلميذ | تلاميذ
مسجد | مساجد
طبيب | أطباء
مستشفى | مستشفيات
مدرسة | مدارس
جامعة | جامعات
سوق | أسواق
سعر | أسعار
وزير | وزراء
وزارة | وزارات
مدينة | مدن
قرية | قرى
بلد | بلاد | بلدان
دولة | دول
شركة | شركات
مصنع | مصانع
عامل | عمال
موظف | موظفين | موظفون
معلم | معلمين | معلمون
مهندس | مهندسين | مهندسون
كتاب | كتب
مكتبة | مكتبات
مشروع | مشاريع | مشروعات
قانون | قوانين
حزب | أحزاب
نائب | نواب
جيش | جيوش
شاعر | شعراء
لاعب | لاعبين | لاعبون
ملعب | ملاعب
منتخب | منتخبات
مباراة | مباريات
حي | أحياء
بيت | بيوت
منزل | منازل
جسر | جسور
ميناء | موانئ
مطار | مطارات
قطار | قطارات
سيارة | سيارات
مريض | مرضى
دواء | أدوية
طفل | أطفال
امرأة | نساء
رجل | رجال
شاب | شباب
مزارع | مزارعين | مزارعون
محصول | محاصيل
نهر | أنهار
بحر | بحار
جبل | جبال
سد | سدود
متحف | متاحف
مهرجان | مهرجانات
فيلم | أفلام
انتخاب | انتخابات
صوت | أصوات
مرشح | مرشحين | مرشحون
ناخب | ناخبين | ناخبون
شهر | أشهر | شهور
يوم | أيام
سنة | سنوات

# Brand and technology names: Latin | Arabic spellings
facebook | فيسبوك | فيس بوك | فيس بك
microsoft | مايكروسوفت | ميكروسوفت
google | جوجل | غوغل | قوقل
whatsapp | واتساب | واتس اب | واتس آب
youtube | يوتيوب | يو تيوب
instagram | انستغرام | إنستغرام | انستجرام | إنستجرام
twitter | تويتر
tiktok | تيك توك | تيكتوك
apple | آبل | أبل
iphone | آيفون | ايفون
samsung | سامسونغ | سامسونج
amazon | أمازون
netflix | نتفليكس
android | أندرويد | اندرويد
internet | إنترنت | انترنت | الشبكة العنكبوتية
telegram | تلغرام | تيليجرام | تليجرام
uber | أوبر
)variants";
}

}  // namespace jarida::search
