// SmtpSender against a real SMTP server: Debian's aiosmtpd, run by
// tests/mail/smtp_sink.py, which saves each message it receives as a .eml
// file. The saved message is read back with Python's `email` parser: the
// subject, sender and both bodies must decode to the exact Arabic.
#include "mail/smtp_sender.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "mail/message.hpp"
#include "mail/rfc2047.hpp"

extern char** environ;

namespace jarida::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* const kPython = "/usr/bin/python3";  // Debian's, with aiosmtpd
const fs::path kSink = fs::path(JARIDA_SOURCE_DIR) / "tests" / "mail" / "smtp_sink.py";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string lf(std::string s) {
  for (std::size_t p; (p = s.find("\r\n")) != std::string::npos;) s.erase(p, 1);
  return s;
}

// Waits for `path` to exist, at most `limit`.
bool wait_for(const fs::path& path, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(20ms);
  }
  return fs::exists(path);
}

// Runs a child process; returns its exit status (-1 when it could not run or
// was killed after `limit`).
int run(const std::vector<std::string>& argv, std::chrono::seconds limit) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
  const auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > end) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(10ms);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The SMTP sink, started per test and stopped (SIGTERM, then SIGKILL) in
// TearDown. Its stdin is a pipe we hold: if this process dies, it exits.
class SmtpSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("jarida-smtp-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "mail");
    ASSERT_TRUE(fs::exists(kPython)) << "Debian's python3 is needed";

    int fds[2];
    ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
    stdin_ = fds[1];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    const std::string mail_dir = (dir_ / "mail").string();
    const std::string sink = kSink.string();
    char* argv[] = {const_cast<char*>(kPython), const_cast<char*>(sink.c_str()),
                    const_cast<char*>(mail_dir.c_str()), nullptr};
    const int rc = posix_spawn(&pid_, kPython, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[0]);
    ASSERT_EQ(rc, 0) << "cannot start the SMTP sink";
    ASSERT_TRUE(wait_for(dir_ / "mail" / "port", 15s))
        << "the SMTP sink did not start (is python3-aiosmtpd installed?)";
    port_ = std::stoi(read_file(dir_ / "mail" / "port"));
  }

  void TearDown() override {
    if (stdin_ >= 0) close(stdin_);
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      const auto end = std::chrono::steady_clock::now() + 5s;
      while (waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > end) {
          kill(pid_, SIGKILL);
          waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(10ms);
      }
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  core::SmtpSettings settings() const {
    core::SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = port_;
    s.security = "none";
    s.from_address = "newsroom@example.com";
    s.from_name = "جريدة الواحة";
    return s;
  }

  std::size_t received() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_ / "mail"))
      if (e.path().extension() == ".eml") ++n;
    return n;
  }

  fs::path dir_;
  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

TEST_F(SmtpSenderTest, DeliversArabicMail) {
  FriendMail fm;
  fm.site_name = "جريدة الواحة";
  fm.sender_name = "سارة عبد الله";
  fm.article_title = "الحكومة تعلن خطة جديدة لتوسيع شبكة النقل العام في العاصمة والمدن الكبرى";
  fm.article_excerpt = "أعلنت الحكومة اليوم خطة لتوسيع شبكة الحافلات & القطارات <2024>.";
  fm.article_url = "https://example.com/news/plan/";
  fm.to_addr = "friend@example.org";
  const store::NewMail mail = friend_mail(fm);

  const SmtpSender sender(settings());
  const auto error = sender.send(mail);
  ASSERT_FALSE(error) << *error;

  const fs::path eml = dir_ / "mail" / "1.eml";
  ASSERT_TRUE(wait_for(eml, 5s));
  const std::string raw = read_file(eml);
  EXPECT_NE(raw.find("X-Envelope-From: newsroom@example.com\r\n"), std::string::npos) << raw;
  EXPECT_NE(raw.find("X-Envelope-To: friend@example.org\r\n"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Subject: " + encode_header_word(mail.subject) + "\r\n"), std::string::npos)
      << raw;
  EXPECT_NE(raw.find("\r\nTo: friend@example.org\r\n"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\nMessage-ID: <"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\nDate: "), std::string::npos) << raw;
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Content-Transfer-Encoding: base64"), std::string::npos) << raw;
  for (unsigned char c : raw) EXPECT_LT(c, 0x80) << "8-bit byte on the wire";

  // What a mail program shows.
  const fs::path out = dir_ / "parsed";
  fs::create_directories(out);
  ASSERT_EQ(run({kPython, kSink.string(), "--parse", eml.string(), out.string()}, 30s), 0);
  EXPECT_EQ(read_file(out / "subject"), mail.subject);
  EXPECT_EQ(read_file(out / "subject"),
            "سارة عبد الله يرسل إليك: "
            "الحكومة تعلن خطة جديدة لتوسيع شبكة النقل العام في العاصمة والمدن الكبرى");
  EXPECT_EQ(read_file(out / "from"), "جريدة الواحة <newsroom@example.com>");
  EXPECT_EQ(read_file(out / "to"), "friend@example.org");
  EXPECT_EQ(lf(read_file(out / "text")), mail.body_text);
  EXPECT_EQ(lf(read_file(out / "html")), mail.body_html);
  EXPECT_EQ(read_file(out / "defects"), "");
}

TEST_F(SmtpSenderTest, RefusesInjectedRecipients) {
  const SmtpSender sender(settings());
  store::NewMail mail;
  mail.subject = "x";
  mail.body_text = "x";
  mail.body_html = "<p>x</p>";
  const std::string injections[] = {"a@b.com\r\nBcc: x@y.zz", "a@b.com, x@y.zz",
                                    "a@b.com%0d%0aBcc:", std::string(10 * 1024, 'a') + "@b.com",
                                    "a\xff@b.com"};
  for (const std::string& to : injections) {
    mail.to_addr = to;
    EXPECT_TRUE(sender.send(mail)) << to;
  }
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(received(), 0u);
}

TEST_F(SmtpSenderTest, StartTlsIsRequiredWhenAsked) {
  // The sink offers no STARTTLS: "starttls" must refuse to send in clear.
  core::SmtpSettings s = settings();
  s.security = "starttls";
  store::NewMail mail;
  mail.to_addr = "friend@example.org";
  mail.subject = "سر";
  mail.body_text = "نص";
  mail.body_html = "<p>نص</p>";
  const auto error = SmtpSender(s).send(mail);
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->empty());
  EXPECT_EQ(received(), 0u);
}

TEST_F(SmtpSenderTest, ServerDownIsAnErrorNotAHang) {
  core::SmtpSettings s = settings();
  TearDown();  // stop the sink: nothing listens on the port now
  pid_ = -1;
  stdin_ = -1;
  store::NewMail mail;
  mail.to_addr = "friend@example.org";
  mail.subject = "x";
  const auto start = std::chrono::steady_clock::now();
  const auto error = SmtpSender(s).send(mail);
  EXPECT_TRUE(error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
  fs::create_directories(dir_);  // for the second TearDown
}

TEST(SmtpSenderNotConfiguredTest, Refuses) {
  store::NewMail mail;
  mail.to_addr = "friend@example.org";
  const auto error = SmtpSender(core::SmtpSettings{}).send(mail);
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "SMTP is not configured");
}

}  // namespace
}  // namespace jarida::mail
