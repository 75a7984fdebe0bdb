#!/usr/bin/env python3
"""Writes the report profile's fixtures (issue 19) into tests/fixtures/report/, with the truth
they are checked against in truth.json (every value's text and its place, every hard-rule
outcome, the series outcomes), all from the templates in src/report/templates.json:

  compare_2022_2023.html        a two-year comparison page of one district: a decorative frame
                                (a layout table with a double border) holds the 2022 and 2023
                                reports side by side (one column each, headed 2022年度 / 2023年度),
                                tables 2, 3 and 4 of both years; table 3 has a <thead> so a
                                printed page repeats its header; the heading of table 4 is printed
                                clipped to a zero-height box over table 4's value row; after the
                                frame, an appendix repeats the 2023 table 4 (a duplicate)
  compare_2022_2023.chromium.pdf  that page printed by headless Chromium (A4 landscape)
  compare_2022_2023.docx        the same comparison as DOCX (python-docx): the frame is an outer
                                2-column table, the reports' tables are nested in its cells; the
                                2023 table 3 is split in two nested tables with its 3 header rows
                                repeated on the second, as a page-broken table is pasted
  series/qinghe_<Y>.docx        one organisation's reports for 2019–2025 (2019 format for 2019
                                and 2020, 2021 format after), every hard rule holding and every
                                series rule holding but one deliberate break: the 2023 report's
                                二 上年结转 (natural persons) is not 2022's 四 结转下年度; the 2024
                                report is titled only "2024年度报告" and names its organisation in
                                the signature line

Usage: python3 scripts/make_report_fixtures.py [--no-pdf]   (needs python-docx; chromium for the PDF)
(the PDF is committed, so the tests read it where Chromium is not installed, as in CI; after
changing the HTML, run this with Chromium and commit the new PDF with it)
"""
import copy
import html
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "report")
TEMPLATES = json.load(open(os.path.join(ROOT, "src", "report", "templates.json"), encoding="utf-8"))
ORG = "某市青禾区人民政府"
APPLICANTS = [k for k, _ in TEMPLATES["applicant_cols"]]
T4_PARTS = ["maintained", "corrected", "other", "pending"]
SECTION_HEADINGS = {
    "t2_active": "二、主动公开政府信息情况",
    "t3_requests": "三、收到和处理政府信息公开申请情况",
    "t4_review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}


def tpl(version, tid):
    return next(t for t in TEMPLATES["versions"][version]["tables"] if t["id"] == tid)


def t3_rows(version):
    rows = []
    for c in tpl(version, "t3_requests")["cells"]:
        if c.get("key"):
            row = c["key"].split(".")[1]
            if row not in rows:
                rows.append(row)
    return rows


def make_values(version, rng, carried_over=None):
    """Values (key -> text) of one report in which every hard rule holds; `carried_over`
    fixes 二 上年结转 per applicant column (the series' carry chain)."""
    v = {}
    result_rows = TEMPLATES["versions"][version]["t3_result_rows"]
    totals = {row: 0 for row in t3_rows(version)}
    cf = {}
    for col in APPLICANTS[:-1]:
        handled = {row: rng.choice([0, 0, 0, 1, 2, 5, 11]) for row in result_rows}
        total = sum(handled.values())
        forward = rng.randint(0, 6)
        over = carried_over[col] if carried_over else rng.randint(0, 4)
        new = total + forward - over
        if new < 0:
            handled[result_rows[0]] -= new
            total -= new
            new = 0
        cells = dict(handled, new_received=new, carried_over=over, total=total, carried_forward=forward)
        for row, n in cells.items():
            v[f"t3.{row}.{col}"] = str(n)
            totals[row] += n
        cf[col] = forward
    for row, n in totals.items():
        v[f"t3.{row}.total"] = str(n)
    cf["total"] = sum(cf.values())
    for block in ["review", "litigation_direct", "litigation_after_review"]:
        parts = [rng.randint(0, 9) for _ in T4_PARTS]
        for p, n in zip(T4_PARTS, parts):
            v[f"t4.{block}.{p}"] = str(n)
        v[f"t4.{block}.total"] = str(sum(parts))
    return v, cf


def t2_2021(v, prev_valid, rng):
    for row in ["regulations", "normative_docs"]:
        made, repealed = rng.randint(0, 9), rng.randint(0, 3)
        valid = prev_valid[row] + made - repealed
        v[f"t2.art20_1.{row}.made"] = str(made)
        v[f"t2.art20_1.{row}.repealed"] = str(repealed)
        v[f"t2.art20_1.{row}.valid"] = str(valid)
        prev_valid[row] = valid
    for k in ["art20_5.admin_license", "art20_6.admin_penalty", "art20_6.admin_coercion"]:
        v[f"t2.{k}.decisions"] = str(rng.randint(10, 900))
    v["t2.art20_8.admin_fees.amount_wan_yuan"] = f"{rng.randint(1, 999)}.{rng.randint(10, 99)}"


def t2_2019(v, prev_count, rng):
    """2019 table 2: 上一年项目数量 chains through 本年增/减 of the year before."""
    for row in ["regulations", "normative_docs"]:
        for c in ["new_made", "new_published", "total_published"]:
            v[f"t2.art20_1.{row}.{c}"] = str(rng.randint(0, 30))
    for k in ["art20_5.admin_license", "art20_5.other_services", "art20_6.admin_penalty",
              "art20_6.admin_coercion", "art20_8.admin_fees"]:
        change = rng.randint(-5, 9)
        v[f"t2.{k}.prev_count"] = str(prev_count[k])
        v[f"t2.{k}.change"] = f"增{change}" if change >= 0 else f"减{-change}"
        if not k.startswith("art20_8"):
            v[f"t2.{k}.decisions"] = str(rng.randint(0, 500))
        prev_count[k] += change
    v["t2.art20_9.gov_procurement.count"] = str(rng.randint(1, 40))
    v["t2.art20_9.gov_procurement.amount"] = f"{rng.randint(10, 9999)}.5万元"


def grid(version, tid, values):
    """The table as a dense grid: {(r, c): (text, rs, cs)} at anchors, None where covered."""
    t = tpl(version, tid)
    anchors = {}
    for c in t["cells"]:
        text = values.get(c["key"], "") if c.get("key") else c["text"]
        anchors[(c["r"], c["c"])] = (text, c.get("rs", 1), c.get("cs", 1))
    return t["n_rows"], t["n_cols"], anchors


def truth_of_table(version, tid, values, label, row_offset=0):
    """key -> {text, table_no, row, col}: a value's place in the document table `label`."""
    out = {}
    for c in tpl(version, tid)["cells"]:
        if c.get("key"):
            out[c["key"]] = {"text": values[c["key"]], "table_no": label, "row": c["r"] - row_offset,
                             "col": c["c"]}
    return out


# ---------------------------------------------------------------- HTML

def html_table(version, tid, values, thead_rows=0):
    n_rows, _, anchors = grid(version, tid, values)
    out = ["<table class=t>"]
    for r in range(n_rows):
        if thead_rows and r == 0:
            out.append("<thead>")
        if thead_rows and r == thead_rows:
            out.append("</thead><tbody>")
        out.append("<tr>")
        for (ar, ac), (text, rs, cs) in sorted(anchors.items()):
            if ar != r:
                continue
            span = (f" rowspan={rs}" if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
            out.append(f"<td{span}>{html.escape(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>" if thead_rows else "</table>")
    return "\n".join(out)


CSS = """
@page { size: A4 landscape; margin: 10mm; }
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 6pt; }
.frame { border: 4px double #444; border-collapse: separate; width: 100%; }
.frame > tbody > tr > td, .frame > tr > td { vertical-align: top; width: 50%; padding: 4px; }
.t { border-collapse: collapse; width: 100%; margin-bottom: 6px; }
.t td { border: 1px solid #000; padding: 1px 2px; }
.clip { height: 0; overflow: hidden; position: relative; }
.clip span { position: absolute; top: -2px; white-space: nowrap; font-size: 9pt; }
h2 { font-size: 8pt; margin: 4px 0; }
"""


def compare_html(years):
    cols = []
    for y, version, values in years:
        parts = []
        for tid in ["t2_active", "t3_requests", "t4_review_litigation"]:
            if tid == "t4_review_litigation":
                # The heading printed clipped away, over the top of the table below it.
                parts.append(f"<div class=clip><span>{SECTION_HEADINGS[tid]}</span></div>")
            else:
                parts.append(f"<h2>{SECTION_HEADINGS[tid]}</h2>")
            parts.append(html_table(version, tid, values, thead_rows=3 if tid == "t3_requests" else 0))
        cols.append("\n".join(parts))
    later = years[-1]
    return f"""<!doctype html>
<html lang=zh-CN><head><meta charset=utf-8>
<title>{ORG}政府信息公开工作年度报告对照</title><style>{CSS}</style></head>
<body>
<h1>{ORG}政府信息公开工作年度报告（{years[0][0]}年度、{later[0]}年度对照）</h1>
<table class=frame>
<tr><td>{years[0][0]}年度</td><td>{later[0]}年度</td></tr>
<tr><td>
{cols[0]}
</td><td>
{cols[1]}
</td></tr>
</table>
<h2>附：{later[0]}年度表四（重录）</h2>
{html_table(later[1], "t4_review_litigation", later[2])}
</body></html>
"""


# ---------------------------------------------------------------- DOCX

def set_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"]:
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        borders.append(e)
    tbl_pr.append(borders)


def docx_table(container, version, tid, values, rows=None, header_rows=0):
    """Adds the table (only `rows`, a range, when given, after the first `header_rows` rows)
    to a document or a cell."""
    n_rows, n_cols, anchors = grid(version, tid, values)
    keep = list(range(header_rows)) + [r for r in (rows or range(n_rows)) if r >= header_rows]
    index = {r: i for i, r in enumerate(keep)}
    t = container.add_table(rows=len(keep), cols=n_cols)
    set_borders(t)
    for (r, c), (text, rs, cs) in sorted(anchors.items()):
        if r not in index:
            continue
        last = max(i for rr, i in index.items() if r <= rr < r + rs)
        cell = t.cell(index[r], c)
        if rs > 1 or cs > 1:
            cell = cell.merge(t.cell(last, c + cs - 1))
        cell.text = text
    return t


def compare_docx(years, path):
    d = Document()
    d.add_paragraph(f"{ORG}政府信息公开工作年度报告（{years[0][0]}年度、{years[1][0]}年度对照）")
    frame = d.add_table(rows=2, cols=2)
    set_borders(frame)
    for i, (y, version, values) in enumerate(years):
        frame.cell(0, i).text = f"{y}年度"
        cell = frame.cell(1, i)
        cell.text = SECTION_HEADINGS["t2_active"]
        docx_table(cell, version, "t2_active", values)
        cell.add_paragraph(SECTION_HEADINGS["t3_requests"])
        n = tpl(version, "t3_requests")["n_rows"]
        if i == 1:
            # Split after row 14, the second piece repeating the 3 header rows.
            docx_table(cell, version, "t3_requests", values, rows=range(0, 14))
            docx_table(cell, version, "t3_requests", values, rows=range(14, n), header_rows=3)
        else:
            docx_table(cell, version, "t3_requests", values)
        cell.add_paragraph(SECTION_HEADINGS["t4_review_litigation"])
        docx_table(cell, version, "t4_review_litigation", values)
        cell.add_paragraph("")
    d.add_paragraph(f"附：{years[1][0]}年度表四（重录）")
    docx_table(d, years[1][1], "t4_review_litigation", years[1][2])
    d.save(path)


def single_docx(y, version, values, path, short_title=False):
    d = Document()
    style = d.styles["Normal"]
    style.font.size = Pt(9)
    d.add_paragraph(f"{y}年度报告" if short_title else f"{ORG}{y}年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    d.add_paragraph(f"本报告统计期限为{y}年1月1日至12月31日。")
    for tid in ["t2_active", "t3_requests", "t4_review_litigation"]:
        d.add_paragraph(SECTION_HEADINGS[tid])
        docx_table(d, version, tid, values)
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph(ORG)
    d.save(path)


# ---------------------------------------------------------------- checks truth

def hard_checks(version, values):
    """(rule, scope, lhs, rhs, status) in the order docgrid evaluates them."""
    def num(k):
        t = values.get(k, "")
        return float(t) if t else 0.0
    out = []
    result_rows = [r for v in TEMPLATES["versions"].values() for r in v["t3_result_rows"]]
    seen = []
    for r in result_rows:
        if r not in seen:
            seen.append(r)
    for col in APPLICANTS:
        lhs = num(f"t3.new_received.{col}") + num(f"t3.carried_over.{col}")
        rhs = num(f"t3.total.{col}") + num(f"t3.carried_forward.{col}")
        out.append(("T3.balance", col, lhs, rhs))
        s = sum(num(f"t3.{r}.{col}") for r in seen if f"t3.{r}.{col}" in values)
        out.append(("T3.results_sum", col, s, num(f"t3.total.{col}")))
    for row in t3_rows(version):
        s = sum(num(f"t3.{row}.{c}") for c in APPLICANTS[:-1])
        out.append(("T3.row_total", row, s, num(f"t3.{row}.total")))
    for b in ["review", "litigation_direct", "litigation_after_review"]:
        out.append(("T4.block_total", b, sum(num(f"t4.{b}.{p}") for p in T4_PARTS), num(f"t4.{b}.total")))
    return [{"rule": r, "scope": s, "lhs": l, "rhs": h, "status": "pass" if l == h else "fail"}
            for r, s, l, h in out]


def main():
    make_pdf = "--no-pdf" not in sys.argv
    rng = random.Random(19)
    os.makedirs(os.path.join(OUT, "series"), exist_ok=True)
    truth = {"org": ORG}

    # The comparison: 2022 and 2023, both 2021 format.
    years = []
    valid = {"regulations": 5, "normative_docs": 40}
    for y in [2022, 2023]:
        v, _ = make_values("2021", rng)
        t2_2021(v, valid, rng)
        years.append((y, "2021", v))
    html_text = compare_html(years)
    html_path = os.path.join(OUT, "compare_2022_2023.html")
    open(html_path, "w", encoding="utf-8").write(html_text)
    compare_docx(years, os.path.join(OUT, "compare_2022_2023.docx"))
    # Table labels: the frame is table 1; the left column's tables 1.1-1.3, the right's 1.4-1.6
    # (DOCX: 1.4, 1.5 + 1.6 for the split table 3, 1.7); the appendix's table 4 is table 2.
    inst = []
    for i, (y, version, v) in enumerate(years):
        html_place, docx_place = {}, {}
        for k, tid in enumerate(["t2_active", "t3_requests", "t4_review_litigation"]):
            html_place.update(truth_of_table(version, tid, v, f"1.{3 * i + k + 1}"))
            if i == 1 and tid == "t3_requests":
                whole = truth_of_table(version, tid, v, "1.5")
                for key, p in whole.items():
                    if p["row"] >= 14:
                        p = dict(p, table_no="1.6", row=p["row"] - 14 + 3)
                    docx_place[key] = p
            else:
                label = f"1.{3 * i + k + 1 + (1 if i == 1 and k == 2 else 0)}"
                docx_place.update(truth_of_table(version, tid, v, label))
        inst.append({"year": y, "format": version, "values": html_place, "docx_values": docx_place,
                     "checks": hard_checks(version, v)})
    truth["compare"] = {"instances": inst, "duplicate": {"html": ["1.6", "2"], "docx": ["1.7", "2"]}}

    # The series: 2019-2025, the carry chain broken once (2023's 上年结转 of natural persons).
    series = []
    prev_cf = None
    valid = {"regulations": 3, "normative_docs": 21}
    prev_count = {k: 50 for k in ["art20_5.admin_license", "art20_5.other_services",
                                  "art20_6.admin_penalty", "art20_6.admin_coercion",
                                  "art20_8.admin_fees"]}
    for y in range(2019, 2026):
        version = "2019" if y < 2021 else "2021"
        over = dict(prev_cf) if prev_cf else None
        if y == 2023:
            over["natural_person"] += 2
            over["total"] += 2
        v, cf = make_values(version, rng, carried_over=over)
        if version == "2021":
            t2_2021(v, valid, rng)
        else:
            t2_2019(v, prev_count, rng)
        name = f"qinghe_{y}.docx"
        single_docx(y, version, v, os.path.join(OUT, "series", name), short_title=(y == 2024))
        series.append({"file": name, "year": y, "format": version, "values": truth_of_table_all(version, v),
                       "checks": hard_checks(version, v)})
        prev_cf = cf
    # Expected series outcomes: (rule, key, later year, status).
    expected = []
    for a, b in zip(series, series[1:]):
        va, vb = a["values"], b["values"]
        for col in APPLICANTS:
            ok = vb[f"t3.carried_over.{col}"]["text"] == va[f"t3.carried_forward.{col}"]["text"]
            expected.append(["T3.carry_chain", col, b["year"], "pass" if ok else "fail"])
        if a["format"] == b["format"] == "2021":
            for row in ["regulations", "normative_docs"]:
                expected.append(["T2.valid_chain_2021", row, b["year"], "pass"])
        if a["format"] == b["format"] == "2019":
            for row in ["admin_license", "other_services", "admin_penalty", "admin_coercion", "admin_fees"]:
                expected.append(["T2.prev_count_chain_2019", row, b["year"], "pass"])
    truth["series"] = {"reports": series, "expected": expected}
    json.dump(truth, open(os.path.join(OUT, "truth.json"), "w", encoding="utf-8"), ensure_ascii=False,
              separators=(",", ":"))

    if make_pdf:
        print_pdf(html_path, os.path.join(OUT, "compare_2022_2023.chromium.pdf"))


def print_pdf(html_path, pdf):
    """Prints the page with headless Chromium. The PDF (~500 KB: Chromium embeds CJK glyphs as
    Type 3 fonts) is committed: tests/report_instances.rs reads it, Chromium or not."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html_path)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def truth_of_table_all(version, v):
    out = {}
    for k, tid in enumerate(["t2_active", "t3_requests", "t4_review_litigation"]):
        out.update(truth_of_table(version, tid, v, str(k + 1)))
    return out


if __name__ == "__main__":
    main()
