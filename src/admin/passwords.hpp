// Passwords: argon2id hashes (libsodium, INTERACTIVE limits) and generated
// passwords for new accounts.
#pragma once

#include <string>

namespace jarida::admin {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// 20 characters from an unambiguous alphabet (~115 bits).
std::string generate_password();

}  // namespace jarida::admin
