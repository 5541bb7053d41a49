#include "interview_answers.hpp"

#include <charconv>
#include <iostream>
#include <optional>

#include "mpadvisor/base/json_syntax.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::cli {

using render::Json;
using render::Msg;

std::string trim(std::string_view text) {
  auto const space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), text) != words.end();
}

// Items separated by commas (ASCII or Chinese), enumeration commas or spaces.
std::vector<std::string> items(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string t = trim(current);
    if (!t.empty()) out.push_back(std::move(t));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ',' || text[i] == ';') {
      flush();
      ++i;
    } else if (text.substr(i).rfind("，", 0) == 0 || text.substr(i).rfind("、", 0) == 0 ||
               text.substr(i).rfind("；", 0) == 0) {
      flush();
      i += 3;
    } else {
      current += text[i++];
    }
  }
  flush();
  return out;
}

// A choice by its number (1…) or its value name.
std::optional<std::string> choice(const engine::FactInfo& f, std::string_view text) {
  int n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc{} && p == text.data() + text.size() && n >= 1 && static_cast<std::size_t>(n) <= f.values.size())
    return f.values[static_cast<std::size_t>(n - 1)];
  for (const std::string& v : f.values) {
    if (v == text) return v;
  }
  return std::nullopt;
}

}  // namespace

bool yes(std::string_view text) {
  std::string const t = trim(text);
  return one_of(t, {"y", "Y", "yes", "Yes", "YES", "true", "是", "是的", "对", "1"});
}

AnswerText parse_answer(const engine::Model& model, engine::FactId fact, std::string_view text, engine::Lang lang) {
  const engine::FactInfo& f = model.facts()[fact];
  std::string const t = trim(text);
  AnswerText out;
  switch (f.type) {
    case engine::FactType::boolean:
      if (one_of(t, {"y", "Y", "yes", "Yes", "true", "是", "是的", "对", "有"}))
        out.value = true;
      else if (one_of(t, {"n", "N", "no", "No", "false", "否", "不是", "不", "没有"}))
        out.value = false;
      else
        out.error = render::text(lang, Msg::bad_yes_no);
      return out;
    case engine::FactType::enumeration:
      if (auto c = choice(f, t))
        out.value = *c;
      else
        out.error = render::say(lang, Msg::bad_choice, f.values.size());
      return out;
    case engine::FactType::enum_set: {
      out.value = Json::array();
      if (one_of(t, {"0", "none", "无", "都没有", ""})) return out;
      for (const std::string& item : items(t)) {
        auto c = choice(f, item);
        if (!c) {
          out.error = render::say(lang, Msg::bad_choice, f.values.size());
          return out;
        }
        if (std::find(out.value.begin(), out.value.end(), Json(*c)) == out.value.end()) out.value.push_back(*c);
      }
      return out;
    }
    case engine::FactType::number: {
      double n = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      if (t.empty() || ec != std::errc{} || p != t.data() + t.size())
        out.error = render::text(lang, Msg::answer_number);
      else
        out.value = n;
      return out;
    }
    case engine::FactType::text_list:
      out.value = items(t);
      return out;
    default:
      if (t.empty())
        out.error = render::text(lang, Msg::empty_answer);
      else
        out.value = t;
      return out;
  }
}

namespace {

// An answer as the applicant gave it, in words ("是", "“悦心学习”", "居住证、社保证明").
std::string answer_words(const engine::FactInfo& fact, const Json& answer, engine::Lang lang) {
  std::string command_line;  // the answer as `--set` would take it
  if (answer.is_array()) {
    for (const Json& item : answer)
      command_line += (command_line.empty() ? "" : ",") + (item.is_string() ? item.get<std::string>() : item.dump());
  } else {
    command_line = answer.is_string() ? answer.get<std::string>() : answer.dump();
  }
  return render::command_line_value_words(fact, command_line, lang);
}

}  // namespace

void review(const engine::Model& model, InterviewSession& session, const render::Options& r) {
  const std::vector<std::string>& asked = session.asked();
  if (asked.empty()) {
    std::cout << render::text(r.lang, Msg::review_none) << "\n";
    return;
  }
  Json const saved = session.saved();
  std::cout << render::text(r.lang, Msg::review_heading) << "\n";
  for (std::size_t i = 0; i < asked.size(); ++i) {
    auto it = saved.find(asked[i]);
    std::optional<engine::FactId> const fact = model.find_fact(asked[i]);
    std::string const value = it == saved.end() ? std::string(render::text(r.lang, Msg::review_skipped))
                              : fact            ? answer_words(model.facts()[*fact], *it, r.lang)
                                                : render::safe(it->dump());
    std::string const name = fact ? render::fact_title(model, *fact, r.lang) : render::safe(asked[i]);
    std::cout << "  " << i + 1 << ". " << name << render::text(r.lang, Msg::colon) << value << "\n";
  }
  std::cout << "> " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return;
  int n = 0;
  std::string const t = trim(line);
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc{} || n < 1 || static_cast<std::size_t>(n) > asked.size()) return;
  if (auto f = model.find_fact(asked[static_cast<std::size_t>(n - 1)])) session.edit(*f);
}

std::optional<base::Wording> apply_json_line(InterviewSession& session, engine::FactId fact, const std::string& line,
                                             bool& stop) {
  Json j;
  try {
    j = Json::parse(line);
  } catch (const Json::exception& e) {
    return base::word("the line is not JSON: {0}", "这一行不是 JSON：{0}", base::json_syntax_error(e.what(), true));
  }
  if (!j.is_object()) {
    return base::Wording{
        R"(each line must be a JSON object: {"value": …}, {"skip": true}, {"back": true} or {"stop": true})",
        R"(每一行须为一个 JSON 对象：{"value": …}、{"skip": true}、{"back": true} 或 {"stop": true})"};
  }
  if (j.value("stop", false)) {
    stop = true;
    return std::nullopt;
  }
  if (j.value("skip", false)) {
    session.skip(fact);
    return std::nullopt;
  }
  if (j.value("back", false)) {
    if (session.back()) return std::nullopt;
    return base::Wording{"there is no earlier answer to go back to", "没有可以退回的上一个回答"};
  }
  if (!j.contains("value")) {
    return base::Wording{R"(expected {"value": …}, {"skip": true}, {"back": true} or {"stop": true})",
                         R"(应为 {"value": …}、{"skip": true}、{"back": true} 或 {"stop": true})"};
  }
  return session.answer(fact, j["value"]);
}

}  // namespace mpadvisor::cli
