#include "core/settings.hpp"

namespace jarida::core {

std::map<std::string, std::string> default_labels() {
  return {
      {"send_to_friend", "ارسل الى صديق"},
      {"send_to_friend_email", "البريد الإلكتروني لصديقك"},
      {"send_to_friend_name", "اسمك"},
      {"send_to_friend_submit", "أرسل"},
      {"send_to_friend_close", "إغلاق"},
      {"send_to_friend_done", "أرسلنا المقال إلى صديقك."},
      {"published_at", "وقت الإرسال:"},
      {"visits", "زيارة:"},
      {"uncategorized", "غير مصنفة"},
      {"comments", "التعليقات"},
      {"no_comments", "لا توجد تعليقات بعد."},
      {"latest_comments", "أحدث التعليقات"},
      {"feed_comment_on", "تعليق على:"},
      {"about", "عن الموقع"},
      {"read_more", "اقرأ المزيد"},
      {"most_read", "الأكثر قراءة"},
      {"latest_articles", "آخر الأخبار"},
      {"tags", "الوسوم"},
      {"author", "الكاتب:"},
      {"search", "بحث"},
      {"search_placeholder", "ابحث في الموقع"},
      {"search_results_for", "نتائج البحث عن"},
      {"search_prompt", "اكتب كلمة أو أكثر للبحث في مقالات الموقع."},
      {"search_did_you_mean", "هل تقصد:"},
      {"search_no_results", "لم نجد مقالات تطابق بحثك."},
      {"search_no_results_hint",
       "جرّب كلمات أقل أو أعمّ، أو تأكد من الإملاء، أو ضع العبارة بين علامتي تنصيص."},
      {"search_partial", "تطابق بعض الكلمات"},
      {"search_cut", "بحثنا بأول كلمات عبارتك فقط، فهي أطول مما يقرأ البحث."},
      // Arabic plural forms of the result count, by ICU plural category.
      {"search_count_zero", "لا توجد نتائج"},
      {"search_count_one", "نتيجة واحدة"},
      {"search_count_two", "نتيجتان"},
      {"search_count_few", "{n} نتائج"},
      {"search_count_many", "{n} نتيجة"},
      {"search_count_other", "{n} نتيجة"},
      {"search_count_more", "أكثر من {n} نتيجة"},
      {"next_page", "الصفحة التالية"},
      {"previous_page", "الصفحة السابقة"},
      {"page_n", "صفحة"},
      {"home", "الرئيسية"},
      {"categories", "الأقسام"},
      {"not_found_title", "الصفحة غير موجودة"},
      {"not_found_text", "لم نجد الصفحة التي تطلبها. ربما نُقلت أو حُذفت، جرّب البحث:"},
      {"bad_request_title", "طلب غير صالح"},
      {"bad_request_text", "تعذّر فهم هذا الرابط. تأكد من كتابته بشكل صحيح."},
      {"server_error_title", "حدث خطأ"},
      {"server_error_text", "حدث خطأ غير متوقع. حاول مرة أخرى بعد قليل."},
      {"skip_to_content", "انتقل إلى المحتوى"},
      {"category_archive", "قسم"},
      {"tag_archive", "وسم"},
      {"author_archive", "مقالات"},
      {"comment_form_title", "أضف تعليقاً"},
      {"comment_name", "الاسم"},
      {"comment_email", "البريد الإلكتروني (لن يُنشر)"},
      {"comment_body", "التعليق"},
      {"comment_submit", "أرسل التعليق"},
      {"comment_reply", "رد"},
      {"comment_held", "تعليقك بانتظار المراجعة"},
      {"comment_published", "نُشر تعليقك، شكراً لك."},
      {"comment_replying", "ترد على تعليق"},
      {"comments_closed", "التعليقات مغلقة"},
  };
}

const std::string& SiteSettings::label(const std::string& key) const {
  static const std::string empty;
  auto it = labels.find(key);
  return it == labels.end() ? empty : it->second;
}

}  // namespace jarida::core
