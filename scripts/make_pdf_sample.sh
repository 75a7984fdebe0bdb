#!/usr/bin/env bash
# Writes samples/qinghe_2023_annual_report.pdf: LibreOffice's PDF export of the .docx sample
# beside it, so the PDF reader has a shipped sample whose expected tables are already known (the
# .docx's, from examples/make_samples.rs; tests/samples.rs checks the PDF against them).
# Needs `soffice` (LibreOffice). The file differs per run only in its dates and document ID.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# A throwaway profile: a first run, or another soffice open, must not change the export.
soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir samples \
    samples/qinghe_2023_annual_report.docx >/dev/null
echo "samples/qinghe_2023_annual_report.pdf"
