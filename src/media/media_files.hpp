// Putting encoded images into the media folder: safe folder and file names,
// files that appear atomically, never replace anything, and never lead
// outside the media folder. Shared by store_image and store_upload; internal
// to media/ (the contracts are in image_store.hpp and upload.hpp).
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::media::files {

// One file of a set: media_dir/<stem><suffix>.webp, e.g. suffix "-400".
struct NamedBytes {
  std::string suffix;      // "" for the main file
  std::string_view bytes;  // what to write
};

// "2024/03" -> "2024/03"; "../../etc" -> "etc"; "/a//b/" -> "a/b" (each
// segment slugified and cut to 200 bytes).
std::string safe_dir(std::string_view wanted_dir);

// Writes the set `files` into media_root/safe_dir(wanted_dir)/ under the
// first stem of safe_image_name(wanted_name), then "-2", "-3" ... at which
// every name is free or already holds the same bytes (the set moves as a
// whole). Each file is written aside (a hidden ".tmp-" file in the same
// folder) and linked into place, which never replaces an existing name.
// Returns the paths relative to media_root ('/'-separated), in the order
// of `files`. Refuses (codec::Refused, UploadProblem::not_saved) a folder
// that leads outside media_root through a symlink, and I/O errors; nothing
// of the set is left behind then.
std::vector<std::string> place(const std::filesystem::path& media_root, std::string_view wanted_dir,
                               std::string_view wanted_name, std::span<const NamedBytes> files);

}  // namespace jarida::media::files
