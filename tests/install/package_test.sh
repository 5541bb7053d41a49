#!/usr/bin/env bash
# cmake --install and the Debian package: the installed binary finds the installed KB (never a
# stray kb/ folder near the prefix), the man page renders, the completions parse, and the .deb
# built by cpack resolves its dependencies on this Debian (apt-get -s) and runs once unpacked.
#
# usage: package_test.sh BUILD_DIR
set -euo pipefail
build="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_DATA_HOME="$tmp/data" LANG=C.UTF-8 LC_ALL=

# 1. cmake --install into a prefix, with a broken kb/ folder planted next to it.
prefix="$tmp/opt/mpadvisor"
cmake --install "$build" --prefix "$prefix" > /dev/null
mkdir -p "$tmp/opt/kb" "$prefix/kb"
echo 'this is not a knowledge base {' > "$tmp/opt/kb/broken.mpk"
cp "$tmp/opt/kb/broken.mpk" "$prefix/kb/broken.mpk"
for f in bin/mpadvisor share/mpadvisor/kb/goals.mpk share/mpadvisor/kb.mpm share/man/man1/mpadvisor.1 \
         share/bash-completion/completions/mpadvisor share/zsh/vendor-completions/_mpadvisor \
         share/fish/vendor_completions.d/mpadvisor.fish; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
out="$(cd / && "$prefix/bin/mpadvisor" --lang en diagnose "$prefix/share/mpadvisor/kb/examples/clean_release.json")" \
  || fail "the installed mpadvisor could not diagnose with its installed KB"
grep -q "CLEAR: nothing blocks" <<< "$out" || fail "unexpected diagnosis: $out"
# The precompiled model is what it loads, as long as it matches the installed KB's text.
log="$(cd / && "$prefix/bin/mpadvisor" -vv diagnose "$prefix/share/mpadvisor/kb/examples/clean_release.json" 2>&1 > /dev/null)"
grep -q "loaded the precompiled model" <<< "$log" || fail "the installed mpadvisor did not load share/mpadvisor/kb.mpm: $log"
"$prefix/bin/mpadvisor" kb check > /dev/null || fail "the installed KB does not check clean"

# 2. The man page renders; the completions parse.
if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/mpadvisor.1" 2> "$tmp/man.err" | grep -q "EXIT STATUS" \
    || fail "man -l did not render the page: $(cat "$tmp/man.err")"
  [ ! -s "$tmp/man.err" ] || fail "man -l warned: $(cat "$tmp/man.err")"
fi
bash -n "$prefix/share/bash-completion/completions/mpadvisor" || fail "the bash completion does not parse"
completions="$(bash -c "source '$prefix/share/bash-completion/completions/mpadvisor'; COMP_WORDS=(mpadvisor kb ch); COMP_CWORD=2; _mpadvisor; echo \"\${COMPREPLY[*]}\"")"
[ "$completions" = "check" ] || fail "bash completion of 'mpadvisor kb ch' gave '$completions'"
if command -v zsh > /dev/null; then zsh -n "$prefix/share/zsh/vendor-completions/_mpadvisor" || fail "zsh completion"; fi
if command -v fish > /dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/mpadvisor.fish" || fail "fish completion"; fi

# 3. The Debian package.
(cd "$build" && cpack -G DEB -B "$tmp/package" > "$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
deb="$(ls "$tmp"/package/*.deb)"
depends="$(dpkg-deb -f "$deb" Depends)"
[ -n "$depends" ] || fail "the package declares no dependencies"
# libpq is loaded at run time, only for a postgresql:// case base: shlibdeps cannot see it, so
# the package recommends it, and the program does not pay for it at every start.
grep -q "libpq5" <<< "$(dpkg-deb -f "$deb" Recommends)" || fail "the package does not recommend libpq5"
apt-get install -s "$deb" > "$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "the package would not install on this system"; }
dpkg-deb -x "$deb" "$tmp/root"
out="$(cd / && "$tmp/root/usr/bin/mpadvisor" --lang en diagnose "$tmp/root/usr/share/mpadvisor/kb/examples/yoga_name_rejected.json")" && fail "the yoga example should be blocked"
grep -q "commercial word" <<< "$out" || fail "the packaged binary gave: $out"
if readelf -d "$tmp/root/usr/bin/mpadvisor" | grep -q "libpq"; then fail "mpadvisor loads libpq at start-up"; fi
echo "ok: installed files, man page, completions, $(basename "$deb") (Depends: $depends)"
