#!/usr/bin/env python3
"""Writes the HTML reader's fixtures into tests/fixtures/html/: one annual report
(政府信息公开工作年度报告, the seed report's text and its three standard tables, table 3 with the
seed's arithmetic error: (七)总计 0 where 3 requests were handled) in the three shapes archives
hold:

  report_html5.html   clean HTML5: nav, header, main, footer, thead, captions
  report_word.htm     Word "Save as HTML": mso- styles, <o:p></o:p>, conditional comments,
                      class=MsoNormal, <span lang=EN-US>, border=1 cellspacing=0 tables
  report_gbk.htm      the HTML5 page's body encoded as GBK, declared by
                      <meta http-equiv=Content-Type content="text/html; charset=gb2312">

then converts each to DOCX with LibreOffice (soffice --headless --convert-to
docx:"MS Word 2007 XML"), so tests compare the HTML path with the DOCX path without LibreOffice.
The report content comes from samples/pingchuan_2020_annual_report.expected.json (the seed).
Python 3 standard library only.  Usage: python3 scripts/make_html_fixtures.py [--no-docx]
"""
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "html")
SEED = os.path.join(ROOT, "samples", "pingchuan_2020_annual_report.expected.json")


def esc(text):
    return "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))


def table_rows(t):
    """The table's cells as rows of (cell, rowspan, colspan) by their top row."""
    rows = [[] for _ in range(t["rows"])]
    for c in t["cells"]:
        rows[c["row"]].append(c)
    return rows


def render_table(t, word, thead_rows=0, caption=None):
    attrs = (' class=MsoNormalTable border=1 cellspacing=0 cellpadding=0'
             ' style=\'border-collapse:collapse;mso-table-layout-alt:fixed;mso-yfti-tbllook:1184\''
             if word else "")
    out = [f"<table{attrs}>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    rows = table_rows(t)
    for r, cells in enumerate(rows):
        if thead_rows and r == 0:
            out.append("<thead>")
        if thead_rows and r == thead_rows:
            out.append("</thead><tbody>")
        tr = " style='mso-yfti-irow:%d;height:15.0pt'" % r if word else ""
        out.append(f"<tr{tr}>")
        for c in cells:
            span = ""
            if c["row_span"] > 1:
                span += f" rowspan={c['row_span']}"
            if c["col_span"] > 1:
                span += f' colspan="{c["col_span"]}"'
            tag = "th" if (r < thead_rows and not word) else "td"
            if word:
                text = c["text"]
                lines = text.split("\n") if text else [""]
                paras = "".join(
                    "<p class=MsoNormal align=center style='text-align:center'>"
                    f"<span lang=EN-US style='font-size:10.5pt;font-family:宋体'>{html.escape(l)}"
                    "<o:p></o:p></span></p>" for l in lines)
                out.append(f"<td width=80 valign=top style='border:solid windowtext 1.0pt;"
                           f"mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt'{span}>{paras}</td>")
            else:
                out.append(f"<{tag}{span}>{esc(c['text'])}</{tag}>")
        out.append("</tr>")
    if thead_rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def body_blocks(doc, word):
    """The report's blocks; table 3 (26x10) gets its 3 header rows as thead in HTML5."""
    out = []
    tables = 0
    for b in doc["blocks"]:
        if b["kind"] == "heading":
            if word:
                out.append(f"<h{b['level']} style='mso-list:none'><span lang=EN-US>"
                           f"{esc(b['text'])}</span><o:p></o:p></h{b['level']}>")
            else:
                out.append(f"<h{b['level'] + 1}>{esc(b['text'])}</h{b['level'] + 1}>")
        elif b["kind"] == "paragraph":
            if word:
                out.append("<p class=MsoNormal style='text-indent:21.0pt;mso-char-indent-count:2.0'>"
                           f"<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>"
                           f"{esc(b['text'])}</span><span lang=EN-US><o:p></o:p></span></p>")
            else:
                out.append(f"<p>{esc(b['text'])}</p>")
        else:
            tables += 1
            thead = 3 if (not word and b["cols"] == 10) else 0
            out.append(render_table(b, word, thead))
            if word:
                out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    return "\n".join(out)


HTML5 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>白银市平川区2020年政府信息公开工作年度报告</title>
<meta name="author" content="平川区电子政务办公室">
<meta name="keywords" content="政府信息公开,年度报告">
<style>table {{ border-collapse: collapse }}</style>
<script>var visits = "脚本里的字不是正文";</script>
</head>
<body>
<header><a href="/">平川区人民政府门户网</a></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/gk">政府信息公开</a></li></ul></nav>
<main>
<article>
{body}
<p hidden>隐藏的段落</p>
<p style="display: none">不显示的段落</p>
</article>
</main>
<aside>相关链接：甘肃省人民政府</aside>
<footer>版权所有：白银市平川区人民政府</footer>
</body>
</html>
"""

WORD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>白银市平川区2020年政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>平川区电子政务办公室</o:Author>
  <o:LastAuthor>王五</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Created>2021-01-20T08:00:00Z</o:Created>
  <o:LastSaved>2021-01-25T09:30:00Z</o:LastSaved>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线;}}
-->
</style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1 style='layout-grid:15.6pt'>
{body}
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>附件清单<o:p></o:p></span></p>
<p class=MsoNormal style='mso-hide:all'><span>隐藏的修订说明<o:p></o:p></span></p>
<!--[if supportFields]><span>PAGE</span><![endif]-->
</div>
</body>
</html>
"""


def main():
    with open(SEED, encoding="utf-8") as f:
        doc = json.load(f)
    os.makedirs(OUT, exist_ok=True)
    pages = {
        "report_html5.html": HTML5.format(charset="utf-8", body=body_blocks(doc, False)).encode("utf-8"),
        "report_word.htm": WORD.format(body=body_blocks(doc, True)).encode("utf-8"),
    }
    gbk = HTML5.format(charset="gb2312", body=body_blocks(doc, False))
    gbk = gbk.replace('<meta charset="gb2312">',
                      '<meta http-equiv=Content-Type content="text/html; charset=gb2312">')
    pages["report_gbk.htm"] = gbk.encode("gbk")
    for name, data in pages.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print("wrote", name, len(data), "bytes")
    if "--no-docx" in sys.argv:
        return
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice not found: install LibreOffice or run with --no-docx")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        for name in pages:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", 'docx:MS Word 2007 XML', "--outdir", tmp,
                            os.path.join(OUT, name)], check=True, stdout=subprocess.DEVNULL)
            stem = os.path.splitext(name)[0]
            shutil.copy(os.path.join(tmp, stem + ".docx"), os.path.join(OUT, name + ".docx"))
            print("wrote", name + ".docx")


if __name__ == "__main__":
    main()
