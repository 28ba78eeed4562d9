// Slugs keep Arabic letters (ARCHITECTURE.md "Arabic text"): a title becomes
// its words joined by '-', as WordPress's sanitize_title does, with no length
// cut. Tested in tests/text/slug_test.cpp.
#pragma once

#include <string>
#include <string_view>

namespace jarida::text {

// "انفراد.. وزير الصحة يُعلن 3 قرارات" -> "انفراد-وزير-الصحة-يعلن-3-قرارات".
// Strips harakat and tatweel, folds Arabic-Indic/Persian digits to 0-9,
// lower-cases Latin, turns runs of spaces/punctuation into one '-', trims
// '-' at both ends. Invalid UTF-8 is dropped. May return "" (caller picks a
// fallback such as the id).
std::string slugify(std::string_view title);

}  // namespace jarida::text
