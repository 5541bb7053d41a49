"""For every shipped example: `chromium --headless --dump-dom URL#profile=…` after the page's
scripts ran shows the same verdict as `mpadvisor diagnose` on that file, in data-verdict.

usage: dump_dom_test.py MPADVISOR_BINARY SOURCE_DIR"""
import glob
import json
import os
import re
import subprocess
import sys

from served import CHROMIUM, Server, base64url_profile, require


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    require([CHROMIUM])
    server = Server(binary, source_dir)
    failures = []
    try:
        examples = sorted(glob.glob(os.path.join(source_dir, "kb/examples/*.json")))
        for path in examples:
            cli = subprocess.run([binary, "--format", "json", "diagnose", path], cwd=source_dir,
                                 capture_output=True, text=True, env=dict(os.environ, XDG_DATA_HOME=server.home))
            expected = json.loads(cli.stdout)["verdict"]
            url = server.url + "#profile=" + base64url_profile(path)
            dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
                                  "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
            found = re.findall(r'id="verdict" data-verdict="([a-z_]*)"', dom)
            name = os.path.basename(path)
            if found != [expected]:
                failures.append(f"{name}: expected data-verdict={expected!r}, the page shows {found!r}")
            else:
                print(f"{name}: data-verdict={expected}")
    finally:
        server.stop()
    for f in failures:
        print("FAIL: " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
