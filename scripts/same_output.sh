#!/usr/bin/env bash
# Proves a structural change changes no output: converts every corpus file and sample with two
# revisions, to JSON (with and without --headers-footers), Markdown, CSV and XLSX (compared as
# cell values and merged ranges), and diffs the results.
#
#   scripts/same_output.sh BASE_REV [NEW_REV]
#
# NEW_REV defaults to the working tree. Output file names are normalised (the naming rule may
# differ between revisions), so only content is compared. Exit status 1 when anything differs;
# the diff is in $WORK/diff.txt (WORK defaults to a fresh temporary folder, printed).
# The corpus (../shared/corpus) is optional: without it only samples/ are compared.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: scripts/same_output.sh BASE_REV [NEW_REV]}
new=${2:-}
work=${WORK:-$(mktemp -d -t same_output.XXXXXX)}
mkdir -p "$work"
echo "same_output: working in $work" >&2

# Builds a revision's release binary (and the xlsx dumper) into $work/bin-$label.
build() {
    local rev=$1 label=$2 tree
    if [[ -z $rev ]]; then
        tree=$root
    else
        tree=$work/tree-$label
        rm -rf "$tree"
        git -C "$root" worktree add --detach --force "$tree" "$rev" >/dev/null 2>&1
    fi
    # One target folder for both: dependencies compile once. Both trees' docgrid build to the
    # same binary, and cargo may take the other tree's fresh fingerprint for this one's (the
    # working tree was once compared with itself): touching the crate root forces the rebuild.
    touch "$tree/src/lib.rs"
    (cd "$tree" && CARGO_TARGET_DIR=$root/target cargo build --release --quiet --bin docgrid)
    cp "$root/target/release/docgrid" "$work/bin-$label"
    if [[ -n $rev ]]; then git -C "$root" worktree remove --force "$tree"; fi
}

inputs() {
    ls "$root"/samples/*.docx
    if [[ -d $root/../shared/corpus ]]; then
        find "$root/../shared/corpus" -type f \( -name '*.pdf' -o -name '*.docx' -o -name '*.doc' \
            -o -name '*.html' -o -name '*.htm' \) | sort
    else
        echo "same_output: ../shared/corpus absent: SKIPPED the corpus, samples only" >&2
    fi
}

# Converts every input with one binary into $work/out-$label, one folder per input.
run() {
    local label=$1 bin=$work/bin-$1 out=$work/out-$1 n=0
    rm -rf "$out"
    while IFS= read -r input; do
        n=$((n + 1))
        local dir=$out/$(printf %04d $n)
        mkdir -p "$dir/csv" "$dir/xlsx"
        echo "$input" >"$dir/input"
        # The version line differs between revisions by design.
        # Warning lines on stderr repeat the JSON's warnings (compared there); errors stay.
        "$bin" convert "$input" 2> >(grep -v ': warning: ' >"$dir/json.err") |
            grep -v '^  "docgrid": ' >"$dir/json" || true
        "$bin" convert --headers-footers "$input" 2>/dev/null | grep -v '^  "docgrid": ' >"$dir/json-hf" || true
        "$bin" convert --to md "$input" >"$dir/md" 2>/dev/null || true
        "$bin" convert --to csv -o "$dir/csv" "$input" >/dev/null 2>&1 || true
        "$bin" convert --to xlsx -o "$dir/xlsx" "$input" >/dev/null 2>&1 || true
        # Normalise names: `<anything>.table-N.csv` -> `table-N.csv`, the workbook -> dump.
        for f in "$dir"/csv/*.csv; do
            [[ -e $f ]] || continue
            mv "$f" "$dir/csv/table-${f##*.table-}"
        done
        for f in "$dir"/xlsx/*.xlsx; do
            [[ -e $f ]] || continue
            "$work/xlsx_dump" "$f" >"$dir/xlsx.dump" 2>&1 || true
            rm "$f"
        done
    done < <(inputs)
    echo "same_output: $label: $n inputs" >&2
}

(cd "$root" && cargo build --release --quiet --example xlsx_dump)
cp "$root/target/release/examples/xlsx_dump" "$work/xlsx_dump"
build "$base" base
build "$new" new
run base
run new
if diff -r "$work/out-base" "$work/out-new" >"$work/diff.txt"; then
    echo "same_output: no difference"
else
    echo "same_output: differences ($(grep -c '^diff' "$work/diff.txt" || true) files); see $work/diff.txt"
    grep '^diff\|^Only' "$work/diff.txt" | sed 's/^/  /' | head -50
    exit 1
fi
