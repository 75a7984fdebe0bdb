#!/usr/bin/env bash
# Scanned fixtures from the generated reports (../shared/corpus/reports/*.pdf with a
# .truth.json): each page rendered with pdftoppm and put back into a PDF with img2pdf, as a
# photocopied report is. Variants per report:
#   NAME.jpeg300.pdf  300 dpi JPEG           NAME.jpeg200.pdf  200 dpi JPEG
#   NAME.skew300.pdf  300 dpi JPEG, page 2 turned 1.5°, page 3 turned -1°
#   NAME.seal300.pdf  300 dpi JPEG, a red seal multiplied over the page holding table 3
#   NAME.g4300.pdf    300 dpi, 1-bit, CCITT G4 (TIFF into the PDF unchanged by img2pdf)
# Needs pdftoppm, pdftotext, img2pdf and ImageMagick 6 (convert-im6.q16; /usr/local/bin/convert
# may be a stand-in).   scripts/make_scan_fixtures.sh [OUT]   (default target/scans)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/target/scans}"
reports="$here/../shared/corpus/reports"
im="$(command -v convert-im6.q16 || echo /usr/bin/convert)"
identify="$(command -v identify-im6.q16 || echo /usr/bin/identify)"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The seal: a red ring, an inner ring and a star, on white, multiplied over the page.
"$im" -size 700x700 xc:white -fill none -stroke 'rgb(220,30,40)' -strokewidth 22 \
    -draw 'circle 350,350 350,30' -strokewidth 8 -draw 'circle 350,350 350,90' \
    -fill 'rgb(220,30,40)' -stroke none \
    -draw 'polygon 350,190 385,300 500,300 408,368 443,478 350,410 257,478 292,368 200,300 315,300' \
    "$work/seal.png"
for truth in "$reports"/*.truth.json; do
    name="$(basename "$truth" .truth.json)"
    pdf="$reports/$name.pdf"
    [ -f "$pdf" ] || continue
    for dpi in 300 200; do
        pdftoppm -r "$dpi" -jpeg -jpegopt quality=85 "$pdf" "$work/$name-$dpi"
        img2pdf "$work/$name-$dpi"-*.jpg -o "$out/$name.jpeg$dpi.pdf"
    done
    # Skewed pages: turned about their centre, white corners, back to JPEG.
    pdftoppm -r 300 -png "$pdf" "$work/$name-png"
    skewed=()
    for page in "$work/$name-png"-*.png; do
        n="$(basename "$page" .png)"; n="${n##*-}"; n="$((10#$n))"
        angle=0
        [ "$n" = 2 ] && angle=1.5
        [ "$n" = 3 ] && angle=-1
        "$im" "$page" -background white -rotate "$angle" -gravity center \
            -extent "$("$identify" -format '%wx%h' "$page")" -density 300 -units PixelsPerInch \
            -quality 85 "$work/$name-skew-$n.jpg"
        skewed+=("$work/$name-skew-$n.jpg")
    done
    img2pdf "${skewed[@]}" -o "$out/$name.skew300.pdf"
    # The seal over the page that holds table 3 (its heading is part three, 三、).
    seal_page="$(for n in $(seq 1 "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')"); do
        pdftotext -f "$n" -l "$n" "$pdf" - | grep -q '三、收到和处理' && echo "$n" && break
    done || true)"
    sealed=()
    for page in "$work/$name-png"-*.png; do
        n="$(basename "$page" .png)"; n="${n##*-}"; n="$((10#$n))"
        if [ "$n" = "${seal_page:-0}" ]; then
            "$im" "$page" "$work/seal.png" -geometry +1300+1500 -compose Multiply -composite \
                -density 300 -units PixelsPerInch -quality 85 "$work/$name-seal-$n.jpg"
        else
            "$im" "$page" -density 300 -units PixelsPerInch -quality 85 "$work/$name-seal-$n.jpg"
        fi
        sealed+=("$work/$name-seal-$n.jpg")
    done
    img2pdf "${sealed[@]}" -o "$out/$name.seal300.pdf"
    # G4: one bit per pixel, as office scanners store text pages.
    g4=()
    for page in "$work/$name-png"-*.png; do
        n="$(basename "$page" .png)"; n="${n##*-}"
        "$im" "$page" -colorspace gray -threshold 60% -monochrome -compress Group4 \
            -density 300 -units PixelsPerInch "$work/$name-g4-$n.tif"
        g4+=("$work/$name-g4-$n.tif")
    done
    img2pdf "${g4[@]}" -o "$out/$name.g4300.pdf"
    echo "$name: $(ls "$out/$name".*.pdf | wc -l) scans (seal on page ${seal_page:-none})"
done
