// README.md's settings table is the generated one (issue 21): change a setting and this fails until
// README is regenerated (`finguard settings`, pasted between the markers).
#include "core/settings_doc.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/setting_table.hpp"

namespace fg {
namespace {

constexpr std::string_view kBegin = "<!-- settings:begin -->\n";
constexpr std::string_view kEnd = "<!-- settings:end -->";

TEST(SettingsDocTest, ReadmeCarriesTheGeneratedTable) {
  std::ifstream in(std::string(FG_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(in) << "README.md not found under " << FG_SOURCE_DIR;
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::size_t begin = readme.find(kBegin);
  const std::size_t end = readme.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "README.md lacks " << kBegin;
  ASSERT_NE(end, std::string::npos) << "README.md lacks " << kEnd;
  ASSERT_LT(begin, end);
  const std::string in_readme = readme.substr(begin + kBegin.size(), end - begin - kBegin.size());
  EXPECT_EQ(in_readme, settings_markdown())
      << "README.md's settings table is stale: replace the lines between the markers with the output of "
         "`finguard settings`";
}

TEST(SettingsDocTest, TableHasOneRowPerSetting) {
  const std::string md = settings_markdown();
  std::size_t rows = 0;
  for (char c : md) rows += c == '\n';
  EXPECT_EQ(rows, setting_table().size() + 2);  // the header and its rule
  EXPECT_NE(md.find("| `db_pool_size` | `FINGUARD_DB_POOL_SIZE` | `8` | an integer from 1 to 256 | store |"),
            std::string::npos);
  EXPECT_NE(md.find("| `master_key` | `FINGUARD_MASTER_KEY` | environment only |"), std::string::npos);
  EXPECT_NE(md.find("`68719476736 (64 GiB)`"), std::string::npos);
}

TEST(SettingsDocTest, HelpCarriesTheRuleTheDefaultAndTheVariable) {
  EXPECT_EQ(setting_help(*find_setting("db_pool_size")),
            "database connections per process (a worker uses at least worker_concurrency + 2) (an integer from 1 "
            "to 256; default 8) [FINGUARD_DB_POOL_SIZE]");
  EXPECT_NE(setting_help(*find_setting("metrics_listen")).find("; default off) [FINGUARD_METRICS_LISTEN]"),
            std::string::npos);
  EXPECT_EQ(setting_help(*find_setting("master_key")).find("default"), std::string::npos);
}

}  // namespace
}  // namespace fg
