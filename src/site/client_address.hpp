// Which address a request comes from, for the visit counter's repeat rule.
// Behind a reverse proxy every reader arrives from the proxy's address, so
// for connections from a trusted proxy the reader's address is the last
// X-Forwarded-For entry that is not itself a trusted proxy. Entries added by
// the client are never believed over the proxy's own. Tested in
// tests/site/client_address_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jarida::site {

std::string_view client_address(std::string_view remote_ip, std::string_view x_forwarded_for,
                                const std::vector<std::string>& trusted_proxies);

}  // namespace jarida::site
