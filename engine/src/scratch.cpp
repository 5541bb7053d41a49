#include "mpadvisor/engine/scratch.hpp"

#include "working_memory.hpp"

namespace mpadvisor::engine {

Scratch::Scratch() : memory_(std::make_unique<detail::WorkingMemory>()) {}
Scratch::~Scratch() = default;
Scratch::Scratch(Scratch&&) noexcept = default;
Scratch& Scratch::operator=(Scratch&&) noexcept = default;

}  // namespace mpadvisor::engine
