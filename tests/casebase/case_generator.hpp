// Deterministic synthetic cases for the tests and the benchmark: Chinese and English rejection
// messages built from templates and random app names, so that the trigram index sees a realistic
// spread of common and rare trigrams. Header-only; no dependency beyond the standard library.
#pragma once

#include <cstdint>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::casebase::testing {

class CaseGenerator {
 public:
  explicit CaseGenerator(std::uint64_t seed = 20240501) : state_(seed) {}

  // One JSONL record (no newline). With `with_id`, the record carries "id": index + 1.
  std::string line(std::size_t index, bool with_id = false) {
    static constexpr std::string_view kStages[] = {"registration.name", "registration.category", "filing.submit",
                                                   "filing.bureau",     "review.code",           "certify.submit"};
    static constexpr std::string_view kCauses[] = {"name_commercial",   "category_not_open",  "content_mismatch",
                                                   "info_inconsistent", "incomplete_feature", "needs_test_account"};
    static constexpr std::string_view kCategories[] = {"工具", "教育", "生活服务", "资讯", "社交", "游戏", "商业服务"};
    static constexpr std::string_view kOutcomes[] = {"rejected", "rejected", "approved", "unknown"};
    const auto name = word(2 + pick(3));
    const auto other = word(2 + pick(4));
    const auto category = kCategories[pick(std::size(kCategories))];
    std::string message;
    switch (pick(7)) {
      case 0:
        message = "小程序名称“" + name + "”含有“" + other + "”等商业性词汇，个人主体不支持该名称";
        break;
      case 1:
        message = "服务类目“" + std::string(category) + "”与你提交代码审核时设置的功能页面内容“" + other + "”不一致";
        break;
      case 2:
        message = "你的小程序涉及" + other + "相关内容，个人主体暂不开放" + std::string(category) + "类目";
        break;
      case 3:
        message = "备案信息中" + other + "与证件信息不一致，请核实" + name + "后重新提交";
        break;
      case 4:
        message = "小程序功能不完整，" + name + "页面无法正常使用：" + other;
        break;
      case 5:
        message =
            "The name \"" + ascii_word() + " " + ascii_word() + "\" contains a commercial term (" + ascii_word() + ")";
        break;
      default:
        message = "Content about " + ascii_word() + " is not open to personal accounts; " + other;
        break;
    }
    std::string out = "{";
    if (with_id) out += "\"id\":" + std::to_string(index + 1) + ",";
    out += "\"date\":\"2024-" + two(1 + pick(12)) + "-" + two(1 + pick(28)) + "T" + two(pick(24)) + ":" +
           two(pick(60)) + ":00+08:00\"";
    out += ",\"stage\":\"" + std::string(kStages[pick(std::size(kStages))]) + "\"";
    out += ",\"entity\":\"personal\"";
    out += ",\"profile\":{\"name\":\"" + name + "\",\"category\":\"" + std::string(category) + "\",\"description\":\"" +
           other + "的学习工具\",\"age\":" + std::to_string(18 + pick(40)) + "}";
    out += ",\"message\":\"" + escape(message) + "\"";
    out += ",\"causes\":[";
    const auto causes = pick(3);
    for (std::size_t k = 0; k < causes; ++k)
      out += (k ? ",\"" : "\"") + std::string(kCauses[(index + k) % std::size(kCauses)]) + "\"";
    out += "]";
    out += pick(2) ? ",\"fix\":null" : ",\"fix\":\"改名为" + other + "学习笔记\"";
    out += ",\"outcome\":\"" + std::string(kOutcomes[pick(std::size(kOutcomes))]) + "\"";
    out += ",\"source\":\"generated\"}";
    return out;
  }

 private:
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }

  std::string word(std::size_t characters) {
    // 120 common characters (3 bytes each in UTF-8).
    static constexpr std::string_view kPool =
        "学习笔记工具生活服务教育瑜伽健身音乐读书旅行美食摄影天气日历记账计划打卡英语数学编程设计"
        "花园宠物电影故事诗词书法绘画手工烘焙咖啡茶艺跑步骑行登山游泳围棋象棋乐器钢琴吉他舞蹈"
        "星空地图城市乡村河流森林海洋草原山峰湖泊云朵雨水阳光月亮春夏秋冬早晚朋友家人孩子老师";
    std::string out;
    for (std::size_t k = 0; k < characters; ++k) out += kPool.substr(3 * pick(kPool.size() / 3), 3);
    return out;
  }
  std::string ascii_word() {
    static constexpr std::string_view kWords[] = {"yoga",     "study",  "notes",  "best",  "shop",  "garden",
                                                  "music",    "travel", "coffee", "photo", "daily", "planner",
                                                  "official", "market", "club",   "tools"};
    return std::string(kWords[pick(std::size(kWords))]) + std::to_string(pick(100));
  }
  static std::string two(std::size_t n) {  // n < 100, as two digits
    const char digits[2] = {char('0' + n / 10 % 10), char('0' + n % 10)};
    return std::string(digits, 2);
  }
  static std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  }

  std::uint64_t state_;
};

// A stream of `count` generated JSONL records, produced as it is read (constant memory).
class GeneratedCases : public std::streambuf {
 public:
  GeneratedCases(std::size_t count, bool with_ids = false, std::uint64_t seed = 20240501)
      : generator_(seed), count_(count), with_ids_(with_ids) {}

 protected:
  int_type underflow() override {
    if (next_ == count_) return traits_type::eof();
    buffer_ = generator_.line(next_++, with_ids_);
    buffer_ += '\n';
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  CaseGenerator generator_;
  std::size_t count_;
  bool with_ids_;
  std::size_t next_ = 0;
  std::string buffer_;
};

}  // namespace mpadvisor::casebase::testing
