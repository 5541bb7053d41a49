// On the PostgreSQL run, every test is skipped (saying why) when the throwaway cluster could
// not be started because PostgreSQL's server is not installed: skipped, never silently passed.
#include <gtest/gtest.h>

#include "support.hpp"

namespace {

class Backend : public ::testing::Environment {
 public:
  void SetUp() override {
    namespace t = mpadvisor::casebase::testing;
    if (t::on_postgres() && t::pg_base_url().empty())
      GTEST_SKIP() << "PostgreSQL's server is not installed (scripts/bootstrap installs it): the PostgreSQL run of "
                      "the casebase tests is skipped";
  }
};

[[maybe_unused]] ::testing::Environment* const kBackend = ::testing::AddGlobalTestEnvironment(new Backend);

}  // namespace
