// Passwords: argon2id hashes (libsodium, INTERACTIVE limits) and generated
// passwords for new accounts.
#pragma once

#include <string>

namespace jarida::admin {

std::string hash_password(const std::string& password);

// The hash checked when the login typed at sign-in doesn't exist, so the
// answer takes as long as for a real account: argon2id with the parameters
// hash_password uses (tests/admin/passwords_test.cpp keeps them in step),
// of a random password that was thrown away. A constant, because computing
// one would cost every start-up a hash.
inline constexpr const char* kDummyPasswordHash =
    "$argon2id$v=19$m=65536,t=2,p=1$1H6RDt2y+1iM5VzSj6Z3OQ$"
    "gJ1V1K/jIsZOCV9sEHjgoatgDMU5vyCe6gjQzApDV38";
bool verify_password(const std::string& hash, const std::string& password);
// 20 characters from an unambiguous alphabet (~115 bits).
std::string generate_password();

}  // namespace jarida::admin
