#!/usr/bin/env bash
# Follows the README literally in a fresh clone, as a new user would (issue 22, acceptance): no
# ../shared beside the clone, no cargo bin directory on PATH beforehand, then every line of every
# ```sh block run in the clone's root. Blocks tagged ```sh no-check are skipped (the README says
# why at the first one). A line that exits non-zero fails the script, naming its block and line.
#
# What is checked is the committed state (a clone of HEAD), as a fresh clone would see it.
# In the set-up block, `cargo test` is skipped: .ci/run has just run it in the checkout.
# The release build goes to the checkout's target/ (README_CHECK_TARGET_DIR overrides), so CI
# pays for it once; docgrid is installed into a temporary CARGO_INSTALL_ROOT.
set -euo pipefail
checkout=$(cd "$(dirname "$0")/.." && pwd)

# cargo and rustc stay reachable through the toolchain's own bin directory, not ~/.cargo/bin
# (where an earlier `cargo install` may have left a docgrid).
if command -v rustup >/dev/null 2>&1; then
    toolchain_bin=$(dirname "$(cd "$checkout" && rustup which cargo)")
else
    toolchain_bin=$(dirname "$(command -v cargo)")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone --quiet "$checkout" "$work/docgrid"
clone="$work/docgrid"

export CARGO_INSTALL_ROOT="$work/install"
export CARGO_TARGET_DIR="${README_CHECK_TARGET_DIR:-$checkout/target}"
export PATH="$CARGO_INSTALL_ROOT/bin:$toolchain_bin:/usr/bin:/bin"
if command -v docgrid >/dev/null 2>&1; then
    echo "readme_check: docgrid is on PATH before the README installs it: $(command -v docgrid)" >&2
    exit 1
fi

# Each checked line as "block<TAB>line number<TAB>text".
lines=$(awk '
    /^```sh[ \t]*$/ { block++; in_sh = 1; next }
    /^```/          { in_sh = 0; next }
    in_sh && NF     { printf "%d\t%d\t%s\n", block, NR, $0 }
' "$clone/README.md")

log="$work/line.log"
count=0
while IFS=$'\t' read -r block number text; do
    if [[ $block == 1 && $text == "cargo test" ]]; then
        echo "readme_check: README.md:$number: skipped (.ci/run runs cargo test)"
        continue
    fi
    count=$((count + 1))
    if ! (cd "$clone" && bash -o pipefail -c "$text") >"$log" 2>&1 </dev/null; then
        echo "readme_check: README.md:$number (sh block $block) failed: $text" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    # After the set-up block's `cargo install --path .`, docgrid must come from that install.
    if [[ $text == "cargo install --locked --path ." ]] \
        && [[ $(command -v docgrid) != "$CARGO_INSTALL_ROOT/bin/docgrid" ]]; then
        echo "readme_check: README.md:$number: cargo install put no docgrid on PATH" >&2
        exit 1
    fi
done <<<"$lines"
echo "readme_check: $count README lines ran without an error"
