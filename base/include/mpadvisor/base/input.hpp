// Reading whole inputs with a limit. Every file mpadvisor reads whole (a profile, a KB file, a
// rejection message) goes through here, so that no input can exhaust memory or hang the
// program: a reader stops one byte past its limit, and a directory or a device (/dev/zero) is
// refused before anything is read. "-" means standard input.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::base {

// The documented limits (docs/profile.md, docs/dsl.md, docs/cases.md).
inline constexpr std::size_t kMiB = std::size_t{1} << 20;
inline constexpr std::size_t kMaxProfileBytes = kMiB;       // a profile
inline constexpr std::size_t kMaxKbFileBytes = 8 * kMiB;    // one .mpk file
inline constexpr std::size_t kMaxKbBytes = 64 * kMiB;       // all files of a KB together
inline constexpr std::size_t kMaxImportLineBytes = kMiB;    // one line of a case import
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;  // a rejection message

// An input that cannot be read, or breaks its limit; the message names it and says why.
struct InputError : UserError {
  using UserError::UserError;
};

// "1 MiB", "64 KiB", "300 bytes".
std::string describe_size(std::size_t bytes);

// Throws InputError when `path` cannot be read as a stream of bytes: it does not exist, it is
// a directory, or it is a device (a character or block special file). Regular files, pipes
// and sockets pass; so does "-". `what` names the input in the message ({"profile", "资料"}).
void check_readable(const std::filesystem::path& path, const Wording& what);

// The whole of `path` ("-": standard input), at most `limit` bytes; InputError when it is
// longer, unreadable or not a file (check_readable).
std::string read_input(const std::filesystem::path& path, std::size_t limit, const Wording& what);
// The same into `text` (replacing what it held), reusing its storage: for reading many files
// one after another when none needs to be kept.
void read_input_into(const std::filesystem::path& path, std::size_t limit, const Wording& what, std::string& text);

}  // namespace mpadvisor::base
