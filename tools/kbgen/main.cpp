// kbgen: writes a synthetic KB (DSL) and matching random profiles, deterministic per seed.
//   kbgen --steps 2000 --seed 7 --out /tmp/big   → /tmp/big/kb.mpk, /tmp/big/profiles/0.json …
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "kbgen.hpp"

int main(int argc, char** argv) {
  mpadvisor::kbgen::Options o;
  std::string out;
  int profiles = 10;
  CLI::App app{"Synthetic knowledge bases and profiles for mpadvisor benchmarks", "kbgen"};
  app.add_option("--steps", o.steps, "Steps (about rules-per-step rules each)")->check(CLI::Range(1, 100000));
  app.add_option("--rules-per-step", o.rules_per_step)->check(CLI::Range(1, 50));
  app.add_option("--terms", o.terms_per_list, "Terms per list")->check(CLI::Range(1, 10000));
  app.add_option("--seed", o.seed);
  app.add_flag("--fixes", o.fixes, "Give each rule a cause with fixes that undo its tests (for plan)");
  app.add_option("--profiles", profiles)->check(CLI::Range(0, 1000000));
  app.add_option("--out", out, "Folder to write kb.mpk and profiles/ into")->required();
  CLI11_PARSE(app, argc, argv);
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(out) / "profiles");
  std::ofstream(fs::path(out) / "kb.mpk") << mpadvisor::kbgen::generate_kb(o);
  for (int i = 0; i < profiles; ++i) {
    std::ofstream(fs::path(out) / "profiles" / (std::to_string(i) + ".json"))
        << mpadvisor::kbgen::generate_profile(o, i);
  }
  std::cout << "kbgen: wrote " << o.steps << " steps, " << o.steps * o.rules_per_step << " rules and " << profiles
            << " profiles to " << out << "\n";
  return 0;
}
