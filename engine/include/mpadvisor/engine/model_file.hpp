// A compiled model saved as a binary file (`mpadvisor kb compile -o kb.mpm`) and loaded by
// mapping it into memory and decoding it, without parsing, checking or compiling the KB.
//
// Layout: a fixed header (magic "MPADVMDL", the format version, the KB version the model was
// compiled from, the payload's size and checksum), then the payload. A file that is not a
// model, of another format version, truncated, or whose payload does not match its checksum
// is refused with a ModelFileError saying which; so is a payload whose ids point outside
// their tables. Loading never trusts a count or an index it has not checked.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::dsl {
class CheckedKb;
}

namespace mpadvisor::engine {

// 4: condition nodes in the order a diagnosis reads them, children consecutive; the rule
// tables derived on loading instead of stored. 5: the scenarios as a section of their own,
// decoded when first asked for. 6: condition nodes as a hot and a 16-byte cold half, their
// texts in one string. 7: a rule's condition text no longer stored twice. 8: the automata's
// arrays aligned, so that a loaded model uses them where they lie in the mapped file. 9: the
// condition nodes and their texts too, a node stored as its 32 bytes. 10: a node in 24 bytes,
// its two functions packed into one. 11: a fact's title. 12: the place names and the
// interview's tables as sections decoded when first asked for, like the scenarios; the message
// patterns' expressions compiled when a rejection is first matched. 13: the automata's states
// numbered breadth first, so that an edge's target is its own number plus one, not stored.
inline constexpr std::uint32_t kModelFormatVersion = 13;

struct ModelFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One file of the KB a model was compiled from.
struct KbSource {
  std::string shown;     // as the model's source locations name it (the module's path)
  std::string relative;  // relative to the KB folder
};

// What a model file says about itself.
struct ModelFileInfo {
  std::uint32_t format = 0;
  std::string kb_version;  // Model::version() of the KB it was compiled from
  // The KB's files in load order: enough to tell whether a folder still holds the same KB
  // (kb_text_version).
  std::vector<KbSource> sources;
};

// The files of a checked KB loaded from `root` (a folder or one file), in load order.
std::vector<KbSource> kb_sources(const dsl::CheckedKb& kb, const std::filesystem::path& root);

// The model as bytes, header included. Every source location of the model must name one of
// `sources`.
std::string encode_model(const Model& model, const std::vector<KbSource>& sources);

// Decodes bytes made by encode_model. `what` names them in errors (a file name). With a
// `root` (the KB folder the model describes), source locations name its files as loading
// that folder would (dsl::display_path); without one, as they were at compile time. `info`,
// when given, receives what the file says about itself.
std::shared_ptr<const Model> decode_model(std::string_view bytes, const std::string& what,
                                          const std::filesystem::path* root = nullptr, ModelFileInfo* info = nullptr);

// The payload alone (what follows the header), its checksum not verified: for fuzzing the
// decoder and the checks behind it, which must refuse whatever a damaged or forged payload
// holds.
std::shared_ptr<const Model> decode_model_payload(std::string_view payload, const std::string& what);
// The payload of a model file's bytes (after its header checks).
std::string_view model_payload(std::string_view bytes, const std::string& what);

// Whether the first bytes are a model file's magic (to tell a model from KB text).
bool looks_like_model_file(const std::filesystem::path& path);

// Maps the file and decodes it (as decode_model). Throws ModelFileError (unreadable, not a
// model, another format version, truncated, corrupt).
std::shared_ptr<const Model> load_model_file(const std::filesystem::path& path,
                                             const std::filesystem::path* root = nullptr,
                                             ModelFileInfo* info = nullptr);

// The version (as Model::version()) that compiling the KB's texts at `root` would give, read
// from the files `sources` lists; empty when a file is missing or the folder holds other .mpk
// files: the model file no longer describes that folder.
std::string kb_text_version(const std::filesystem::path& root, const std::vector<KbSource>& sources);

}  // namespace mpadvisor::engine
