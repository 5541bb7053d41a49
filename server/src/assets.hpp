// The web page's files and the OpenAPI document, compiled into the binary (server/web/,
// embedded by server/cmake/embed.cmake): the server needs no files and no network.
#pragma once

#include <span>
#include <string_view>

namespace mpadvisor::server::detail {

struct Asset {
  std::string_view path;  // as served: "/", "/app.js", "/openapi.json"
  std::string_view content_type;
  std::string_view body;
};

std::span<const Asset> assets();

}  // namespace mpadvisor::server::detail
