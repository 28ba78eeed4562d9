"""The command line (issue 3, "Command line"): --help, init (idempotent),
user add, and jarida.toml errors that stop `serve` with `file:line: message`."""

import os
import re
import sqlite3
import subprocess
import unittest
import urllib.parse

import harness
from harness import new_dir, run_cli

PASSWORD_RE = re.compile(r"password:\s*(\S+)")


def db_query(data_dir, sql, params=()):
    uri = "file:%s?mode=ro" % urllib.parse.quote(os.path.join(data_dir, "jarida.db"))
    con = sqlite3.connect(uri, uri=True, timeout=5)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


class CliTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        harness.jarida_bin()  # skips the class when there is no binary
        cls.data = os.path.join(new_dir("cli-"), "data")
        cls.first_init = run_cli(["init", "--data", cls.data])

    def describe(self, p):
        return "exit %d\nstdout:\n%s\nstderr:\n%s" % (p.returncode, p.stdout, p.stderr)

    def test_help_lists_commands(self):
        p = run_cli(["--help"], timeout=10)
        self.assertEqual(p.returncode, 0, self.describe(p))
        for cmd in ("init", "serve", "demo", "user"):
            self.assertRegex(p.stdout, r"(?m)^\s+%s\b" % cmd, "--help does not list '%s'" % cmd)

    def test_no_command_fails(self):
        p = run_cli([], timeout=10)
        self.assertNotEqual(p.returncode, 0, self.describe(p))

    def test_init_creates_wal_database_config_and_admin_password(self):
        p = self.first_init
        self.assertEqual(p.returncode, 0, self.describe(p))
        self.assertTrue(os.path.isfile(os.path.join(self.data, "jarida.db")))
        self.assertTrue(os.path.isfile(os.path.join(self.data, "jarida.toml")))
        m = PASSWORD_RE.search(p.stdout)
        self.assertIsNotNone(m, "init prints the admin password once:\n" + p.stdout)
        self.assertGreaterEqual(len(m.group(1)), 10, "admin password is short")
        self.assertEqual(db_query(self.data, "PRAGMA journal_mode")[0][0].lower(), "wal")
        rows = db_query(self.data, "SELECT login, role FROM users WHERE login = 'admin'")
        self.assertEqual(rows, [("admin", "admin")])
        self.assertNotIn(m.group(1), str(db_query(self.data, "SELECT password_hash FROM users")),
                         "the password is stored in clear")

    def test_init_twice_is_idempotent_and_prints_no_new_password(self):
        toml_path = os.path.join(self.data, "jarida.toml")
        with open(toml_path, "rb") as f:
            toml_before = f.read()
        hash_before = db_query(self.data, "SELECT password_hash FROM users WHERE login='admin'")
        p = run_cli(["init", "--data", self.data])
        self.assertEqual(p.returncode, 0, self.describe(p))
        self.assertIsNone(PASSWORD_RE.search(p.stdout), "second init printed a password:\n" + p.stdout)
        with open(toml_path, "rb") as f:
            self.assertEqual(f.read(), toml_before, "second init rewrote jarida.toml")
        self.assertEqual(db_query(self.data, "SELECT password_hash FROM users WHERE login='admin'"),
                         hash_before, "second init changed the admin password")
        self.assertEqual(db_query(self.data, "SELECT count(*) FROM users WHERE login='admin'"), [(1,)])

    def test_user_add_with_password_on_stdin(self):
        p = run_cli(["user", "add", "--data", self.data, "--login", "sara", "--role", "editor"],
                    input_text="a-long-passphrase-1234\n")
        self.assertEqual(p.returncode, 0, self.describe(p))
        self.assertNotIn("a-long-passphrase-1234", p.stdout + p.stderr, "password echoed")
        self.assertEqual(db_query(self.data, "SELECT login, role FROM users WHERE login='sara'"),
                         [("sara", "editor")])

    def test_user_add_duplicate_login_fails(self):
        args = ["user", "add", "--data", self.data, "--login", "omar", "--role", "author"]
        first = run_cli(args, input_text="another-passphrase-99\n")
        self.assertEqual(first.returncode, 0, self.describe(first))
        second = run_cli(args, input_text="another-passphrase-99\n")
        self.assertNotEqual(second.returncode, 0, "duplicate login accepted: " + self.describe(second))
        self.assertIn("omar", second.stderr, "the error names the login")
        self.assertEqual(db_query(self.data, "SELECT count(*) FROM users WHERE login='omar'"), [(1,)])

    def test_user_add_bad_role_fails(self):
        p = run_cli(["user", "add", "--data", self.data, "--login", "layla", "--role", "king"],
                    input_text="another-passphrase-99\n")
        self.assertNotEqual(p.returncode, 0, "bad role accepted: " + self.describe(p))
        self.assertEqual(db_query(self.data, "SELECT count(*) FROM users WHERE login='layla'"), [(0,)])

    def test_user_add_generates_password_without_stdin(self):
        p = run_cli(["user", "add", "--data", self.data, "--login", "nadia", "--role", "author"],
                    input_text="")
        self.assertEqual(p.returncode, 0, self.describe(p))
        self.assertIsNotNone(PASSWORD_RE.search(p.stdout), "a generated password is printed")

    def test_user_slug_never_shows_the_login(self):
        p = run_cli(["user", "add", "--data", self.data, "--login", "khaled", "--role", "author"],
                    input_text="another-passphrase-99\n")
        self.assertEqual(p.returncode, 0, self.describe(p))
        p = run_cli(["user", "add", "--data", self.data, "--login", "mona", "--role", "author",
                     "--name", "منى العلي"], input_text="another-passphrase-99\n")
        self.assertEqual(p.returncode, 0, self.describe(p))
        rows = dict(db_query(self.data, "SELECT login, slug FROM users "
                                        "WHERE login IN ('khaled', 'mona', 'admin')"))
        self.assertEqual(rows["mona"], "منى-العلي")
        for login, slug in rows.items():
            self.assertNotIn(login, slug)

    def test_user_password_sets_a_new_hash(self):
        run_cli(["user", "add", "--data", self.data, "--login", "huda", "--role", "author"],
                input_text="first-passphrase-1234\n")
        before = db_query(self.data, "SELECT password_hash FROM users WHERE login='huda'")
        p = run_cli(["user", "password", "--data", self.data, "--login", "huda"],
                    input_text="second-passphrase-5678\n")
        self.assertEqual(p.returncode, 0, self.describe(p))
        self.assertNotIn("second-passphrase-5678", p.stdout + p.stderr, "password echoed")
        after = db_query(self.data, "SELECT password_hash FROM users WHERE login='huda'")
        self.assertNotEqual(before, after)
        self.assertTrue(after[0][0].startswith("$argon2id$"))
        short = run_cli(["user", "password", "--data", self.data, "--login", "huda"],
                        input_text="short\n")
        self.assertNotEqual(short.returncode, 0)
        missing = run_cli(["user", "password", "--data", self.data, "--login", "nobody"],
                          input_text="third-passphrase-9012\n")
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("nobody", missing.stderr)


class ConfigErrorTest(unittest.TestCase):
    """A bad jarida.toml stops `serve` before it listens, naming file:line."""

    def serve_with_config(self, toml_text):
        data = os.path.join(new_dir("cfg-"), "data")
        p = run_cli(["init", "--data", data])
        self.assertEqual(p.returncode, 0, p.stderr)
        path = os.path.join(data, "jarida.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(toml_text)
        try:
            p = subprocess.run([harness.jarida_bin(), "serve", "--data", data,
                                "--listen", "127.0.0.1:0", "--threads", "1"],
                               stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=15)
        except subprocess.TimeoutExpired as e:
            self.fail("jarida serve started with a bad config (still running after 15 s); stdout: %r"
                      % (e.stdout,))
        return path, p

    def assert_config_error(self, toml_text, line):
        path, p = self.serve_with_config(toml_text)
        self.assertNotEqual(p.returncode, 0, "serve accepted:\n" + toml_text)
        self.assertNotIn("Jarida is serving", p.stdout, "the server started")
        m = re.search(r"^(.*jarida\.toml):(\d+): (.+)$", p.stderr, re.M)
        self.assertIsNotNone(m, "stderr should hold 'PATH:LINE: message', got:\n" + p.stderr)
        self.assertEqual(os.path.realpath(m.group(1)), os.path.realpath(path))
        self.assertEqual(int(m.group(2)), line, "wrong line in: " + m.group(0))
        return m.group(3)

    def test_unknown_key_in_section(self):
        msg = self.assert_config_error('[site]\nname = "جريدة"\nbogus = 1\n', 3)
        self.assertIn("bogus", msg)

    def test_unknown_section(self):
        msg = self.assert_config_error('[site]\nname = "x"\n\n[sitee]\nname = "y"\n', 4)
        self.assertIn("sitee", msg)

    def test_bad_value(self):
        msg = self.assert_config_error('[dates]\nstyle = "ar-EG"\ndigits = "roman"\n', 3)
        self.assertIn("digits", msg)

    def test_wrong_type(self):
        self.assert_config_error('[server]\nthreads = "two"\n', 2)

    def test_toml_syntax_error(self):
        self.assert_config_error('[site]\nname = "x"\nabout = \n', 3)

    def test_valid_minimal_config_serves(self):
        data = os.path.join(new_dir("cfg-"), "data")
        self.assertEqual(run_cli(["init", "--data", data]).returncode, 0)
        with open(os.path.join(data, "jarida.toml"), "w", encoding="utf-8") as f:
            f.write('[site]\nname = "جريدة الاختبار"\n')
        srv = harness.Server(data)
        try:
            srv.start()
            r = harness.request(srv.port, "GET", "/", headers={"User-Agent": harness.BOT_UA})
            self.assertEqual(r.status, 200)
            self.assertIn("جريدة الاختبار", r.text)
        finally:
            code, _ = srv.stop()
        self.assertEqual(code, 0)


if __name__ == "__main__":
    unittest.main()


class ReindexTest(unittest.TestCase):
    """`jarida reindex --data DIR` (issue 5): rebuilds the search index with
    progress, and says how many articles it indexed."""

    def test_reindex_reports_progress_and_every_published_article(self):
        d = harness.demo_data_dir()
        r = harness.run_cli(["reindex", "--data", d])
        self.assertEqual(r.returncode, 0, r.stderr)
        published = harness.db_rows(d, "SELECT count(*) FROM articles "
                                       "WHERE status = 'published'")[0][0]
        self.assertIn("Indexing articles: %d/%d (100%%)" % (published, published), r.stdout)
        self.assertIn("Search index rebuilt: %d published articles" % published, r.stdout)
        indexed = harness.db_rows(d, "SELECT count(*) FROM search_docs")[0][0]
        self.assertEqual(indexed, published)

    def test_reindex_of_a_missing_folder_fails_with_a_message(self):
        missing = os.path.join(harness.new_dir("reindex-"), "nothing-here")
        r = harness.run_cli(["reindex", "--data", missing])
        self.assertNotEqual(r.returncode, 0)
        self.assertTrue(r.stderr.strip())
