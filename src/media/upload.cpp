// Newsroom uploads (upload.hpp has the contract; tests/media/upload_test.cpp
// pins it): the checks, decoder and placement of store_image, several
// widths, and Arabic reasons.
#include "media/upload.hpp"

#include <array>
#include <utility>

#include "media/image_codec.hpp"
#include "media/media_files.hpp"

namespace jarida::media {
namespace {

// What an editor calls the type libmagic saw.
std::string type_name(std::string_view mime) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kNames{{
      {"image/jpeg", "JPEG"},
      {"image/png", "PNG"},
      {"image/gif", "GIF"},
      {"image/webp", "WebP"},
      {"image/avif", "AVIF"},
      {"image/heic", "HEIC"},
      {"image/heif", "HEIF"},
      {"image/svg+xml", "SVG"},
      {"image/tiff", "TIFF"},
      {"image/bmp", "BMP"},
      {"image/x-ms-bmp", "BMP"},
      {"image/vnd.adobe.photoshop", "Photoshop"},
      {"text/x-php", "PHP"},
      {"text/html", "HTML"},
      {"text/xml", "XML"},
      {"application/pdf", "PDF"},
      {"text/plain", "نص"},
      {"text/javascript", "JavaScript"},
      {"application/javascript", "JavaScript"},
      {"application/zip", "ZIP"},
      {"video/mp4", "فيديو MP4"},
      {"application/x-executable", "برنامج"},
  }};
  for (const auto& [m, name] : kNames)
    if (m == mime) return std::string(name);
  // libmagic's answers are short ASCII ("application/octet-stream").
  return mime.empty() ? "غير معروف" : std::string(mime);
}

constexpr std::string_view kAcceptedList = "الصيغ المقبولة: JPEG وPNG وWebP وGIF وAVIF وHEIC.";

}  // namespace

std::string upload_problem_text(UploadProblem problem, std::string_view mime) {
  const std::string type = type_name(mime);
  switch (problem) {
    case UploadProblem::empty:
      return "الملف فارغ. اختر صورة وأعد رفعها.";
    case UploadProblem::too_large:
      return "الملف أكبر من " + std::to_string(kMaxUploadBytes >> 20) +
             " ميغابايت. صغّر الصورة أو احفظها بجودة أقل وأعد رفعها.";
    case UploadProblem::not_an_image:
      return "الملف ليس صورة مقبولة (" + type + "). " + std::string(kAcceptedList);
    case UploadProblem::svg:
      return "صور SVG غير مقبولة لأنها قد تحمل شيفرة تعمل في المتصفح. صدّرها بصيغة PNG وأعد "
             "رفعها.";
    case UploadProblem::not_what_it_claims:
    case UploadProblem::damaged:
      // libheif may lack a decoder (HEVC is patent-encumbered): a readable
      // HEIC can fail here too, so say what to do either way.
      if (mime == "image/heic" || mime == "image/heif")
        return "تعذّرت قراءة صورة " + type +
               ": قد تكون تالفة، أو لا يقرأ الخادم هذا النوع منها. صدّرها بصيغة JPEG وأعد "
               "رفعها.";
      if (problem == UploadProblem::damaged) return "الصورة تالفة أو مقطوعة.";
      return "الملف يبدو صورة " + type + " لكن محتواه ليس صورة. " + std::string(kAcceptedList);
    case UploadProblem::too_many_pixels:
      return "الصورة أكبر من " + std::to_string(kMaxSourcePixels / 1'000'000) + " مليون بكسل.";
    case UploadProblem::too_long:
      return "الصورة أطول من أن تُحفظ: يزيد طولها على 16383 بكسل بعد تصغير عرضها إلى " +
             std::to_string(kUploadWidths.back()) + " بكسل.";
    case UploadProblem::not_saved:
      return "تعذّر حفظ الصورة على الخادم. أعد المحاولة بعد قليل، وأبلغ مدير الموقع إن تكرر ذلك.";
  }
  return "تعذّر رفع الصورة.";
}

UploadError::UploadError(UploadProblem problem_, std::string mime_, std::string detail_)
    : ImageError(upload_problem_text(problem_, mime_)),
      problem(problem_),
      mime(std::move(mime_)),
      detail(std::move(detail_)) {}

UploadedImage store_upload(std::string_view bytes, const std::filesystem::path& media_root,
                           std::string_view wanted_dir, std::string_view wanted_name) {
  if (bytes.size() > kMaxUploadBytes)
    throw UploadError(UploadProblem::too_large, "",
                      std::to_string(bytes.size()) + " bytes is over " +
                          std::to_string(kMaxUploadBytes >> 20) + " MiB");
  try {
    init_libvips();
  } catch (const ImageError& e) {
    throw UploadError(UploadProblem::not_saved, "", e.what());
  }
  try {
    const codec::Checked checked = codec::check_image(bytes);
    // Everything is encoded before anything is written: a refusal leaves
    // nothing on disk.
    const std::vector<codec::Encoded> copies =
        codec::encode_webp(bytes, checked, kUploadWidths.back(),
                           std::span(kUploadWidths.data(), kUploadWidths.size() - 1));
    std::vector<files::NamedBytes> named;
    named.push_back({"", copies.back().webp});  // the largest first: its name is the set's
    for (std::size_t i = 0; i + 1 < copies.size(); ++i) {
      std::string suffix(1, '-');  // ("-" + std::to_string: a false -Wrestrict in g++ 12)
      suffix += std::to_string(copies[i].width);
      named.push_back({std::move(suffix), copies[i].webp});
    }
    const std::vector<std::string> paths = files::place(media_root, wanted_dir, wanted_name, named);

    UploadedImage out;
    for (std::size_t i = 0; i < copies.size(); ++i) {
      StoredImage s;
      // named[0] (paths[0]) is the largest, copies.back(); named[k] is copies[k - 1].
      s.path = i + 1 == copies.size() ? paths[0] : paths[i + 1];
      s.width = copies[i].width;
      s.height = copies[i].height;
      s.mime = "image/webp";
      out.variants.push_back(std::move(s));
    }
    out.largest = out.variants.back();
    return out;
  } catch (const codec::Refused& r) {
    throw UploadError(r.problem, r.mime, r.reason);
  }
}

}  // namespace jarida::media
