#!/usr/bin/env bash
# Writes tests/fixtures/encrypted.pdf: our own fuzz seed PDF (fuzz/seeds/pdf/fixed.pdf) encrypted
# with AES-128 by qpdf (Debian package qpdf), user password "userpassword", owner "ownerpw".
# The --password tests of convert, report and batch read it, so they need no corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
qpdf --static-id --encrypt userpassword ownerpw 128 --use-aes=y -- \
    "$root/fuzz/seeds/pdf/fixed.pdf" "$root/tests/fixtures/encrypted.pdf"
