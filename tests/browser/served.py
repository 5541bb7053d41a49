"""Starts `mpadvisor serve` on an ephemeral loopback port for the browser tests, with a private
data folder, and stops it at the end. Exits 77 (ctest's "skipped") when Debian's chromium,
chromedriver or python3-selenium is missing, saying which."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def require(paths):
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        print("skipped: not installed: " + ", ".join(missing) + " (scripts/bootstrap installs them)")
        sys.exit(SKIP)


class Server:
    def __init__(self, binary, source_dir):
        self.home = tempfile.mkdtemp(prefix="mpadvisor-browser-")
        env = dict(os.environ, XDG_DATA_HOME=self.home, LANG="C.UTF-8")
        env.pop("LC_ALL", None)
        self.process = subprocess.Popen(
            [binary, "serve", "--listen", "127.0.0.1:0", "--quiet"], cwd=source_dir, env=env,
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            self.stop()
            raise RuntimeError("serve did not start: " + repr(line))
        self.url = line[len("listening on "):]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        shutil.rmtree(self.home, ignore_errors=True)


def base64url_profile(path):
    import base64
    with open(path, encoding="utf-8") as f:
        profile = json.load(f)
    text = json.dumps(profile, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(text).decode("ascii").rstrip("=")
