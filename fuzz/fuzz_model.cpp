// libFuzzer target for the model file's decoder (engine/src/model_file.cpp). The input is a
// payload (what follows a model file's header; the checksum is skipped so that the fuzzer
// reaches the decoder and its checks). Any input must either be refused with ModelFileError
// or give a model that is safe to use: its scenarios are read, it is diagnosed, a message is
// ranked against it and the interview asks its first question.
// Seed corpus: the shipped KB's payload (scripts/fuzz model).
#include <cstdint>
#include <string>
#include <string_view>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "mpadvisor/engine/rejection.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mpadvisor;
  std::string_view const payload(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const engine::Model> model;
  try {
    model = engine::decode_model_payload(payload, "fuzz.mpm");
  } catch (const engine::ModelFileError&) {
    return 0;
  }
  // The parts only some commands read are set aside undecoded until asked for: a damaged
  // one is refused then, by the call that first reads it.
  auto use = [](auto&& call) {
    try {
      call();
    } catch (const engine::ModelFileError&) {
    }
  };
  use([&] { (void)model->scenarios(); });
  use([&] {
    engine::Diagnosis const d = engine::diagnose(*model, engine::empty_profile(*model, 0));
    engine::rank_rejection(*model, d, "小程序名称含有商业性质词汇，服务类目与内容不符", std::nullopt, {});
  });
  use([&] { (void)engine::next_question(*model, engine::empty_profile(*model, 0)); });
  return 0;
}
