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
      {"about", "عن الموقع"},
      {"read_more", "اقرأ المزيد"},
      {"most_read", "الأكثر قراءة"},
      {"latest_articles", "آخر الأخبار"},
      {"tags", "الوسوم"},
      {"author", "الكاتب:"},
      {"search", "بحث"},
      {"search_placeholder", "ابحث في الموقع"},
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
  };
}

const std::string& SiteSettings::label(const std::string& key) const {
  static const std::string empty;
  auto it = labels.find(key);
  return it == labels.end() ? empty : it->second;
}

}  // namespace jarida::core
