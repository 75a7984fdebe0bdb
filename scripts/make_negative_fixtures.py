#!/usr/bin/env python3
"""Writes the negative set: PDF pages a person sees no table on, in English and Chinese, made by
LibreOffice from flat ODT documents written here. docgrid must find 0 tables in every one
(tests/pdf_negative.rs).

Usage: scripts/make_negative_fixtures.py [OUTDIR]   (default tests/fixtures/negative)
Needs LibreOffice (Debian: libreoffice-writer-nogui) and a CJK font (fonts-noto-cjk).

Kinds of page: two-column body text; bullet and numbered lists with hanging indents; a code
listing; a table of contents with dot leaders; a label/value form without rules; a title page
and a back cover; a decorative bordered card around text.
"""
import shutil, subprocess, sys, tempfile
from pathlib import Path
from xml.sax.saxutils import escape

EN_SENTENCES = [
    "The office received and answered every request for information within the statutory period.",
    "Requests that needed more time were extended once, and the applicants were told in writing.",
    "Most requests concerned land use, social insurance and the results of public procurement.",
    "Where a request named documents that did not exist, the office said so and explained why.",
    "The annual figures below the summary are compiled from the registers of each department.",
    "Staff attended two training sessions on the revised regulations during the spring.",
    "The website was rebuilt so that notices can be searched by date, department and subject.",
    "Complaints about late answers fell by a third compared with the year before.",
]
ZH_SENTENCES = [
    "本机关在法定期限内受理并答复了全部政府信息公开申请。",
    "需要延长答复期限的申请均只延长一次，并书面告知了申请人。",
    "申请内容主要涉及土地利用、社会保险和政府采购结果等方面。",
    "对于申请公开的信息不存在的情形，本机关均作出说明并告知理由。",
    "年度统计数据由各部门的登记台账汇总而成，经核对后予以公布。",
    "春季期间，工作人员参加了两次修订后条例的专题培训。",
    "门户网站完成改版，通知公告可以按日期、部门和主题进行检索。",
    "与上一年相比，关于答复超期的投诉减少了三分之一。",
]


def paragraphs(sentences, n, per=3):
    out = []
    for i in range(n):
        out.append(" ".join(sentences[(i * per + k) % len(sentences)] for k in range(per)))
    return out


def p(text, style="Body"):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def two_columns(lang):
    s = EN_SENTENCES if lang == "en" else ZH_SENTENCES
    title = "Annual review" if lang == "en" else "年度工作回顾"
    body = "".join(p(escape(t)) for t in paragraphs(s, 10))
    return p(escape(title), "Title") + f'<text:section text:style-name="Columns" text:name="c">{body}</text:section>'


def lists(lang):
    s = EN_SENTENCES if lang == "en" else ZH_SENTENCES
    head = ("Main tasks of the year", "Steps taken") if lang == "en" else ("本年度主要任务", "采取的措施")
    bullets = "".join(f"<text:list-item>{p(escape(t), 'Item')}</text:list-item>"
                      for t in paragraphs(s, 5, 2))
    numbers = "".join(f"<text:list-item>{p(escape(t), 'Item')}</text:list-item>"
                      for t in paragraphs(s[3:] + s[:3], 6, 2))
    return (p(escape(head[0]), "Heading") + f'<text:list text:style-name="Bullets">{bullets}</text:list>'
            + p(escape(head[1]), "Heading") + f'<text:list text:style-name="Numbers">{numbers}</text:list>')


CODE = """def summarise(requests):
    totals = {"granted": 0, "refused": 0, "pending": 0}
    for request in requests:
        if request.answered and request.granted:
            totals["granted"] += 1
        elif request.answered:
            totals["refused"] += 1
        else:
            totals["pending"] += 1
    return totals


CATEGORIES = {
    "land":      ["zoning", "permits",   "expropriation"],
    "insurance": ["pension", "medical",  "unemployment"],
    "procure":   ["tenders", "contracts", "results"],
}

for name, kinds in sorted(CATEGORIES.items()):
    print(f"{name:<12} {len(kinds):>3}  {', '.join(kinds)}")
"""


def code(lang):
    title = "Listing 1: counting the answers" if lang == "en" else "代码清单1：统计答复结果"
    lines = []
    for line in CODE.splitlines():
        lead = len(line) - len(line.lstrip(" "))
        body = escape(line.lstrip(" "))
        # Runs of spaces inside the line as <text:s/>, so alignment survives.
        parts = body.split("  ")
        body = parts[0] + "".join(f'<text:s text:c="2"/>{x}' for x in parts[1:])
        lines.append(p((f'<text:s text:c="{lead}"/>' if lead else "") + body, "Code"))
    return p(escape(title), "Heading") + "".join(lines)


def toc(lang):
    entries = ([("1", "Overview", 1), ("2", "Information made public on the office's own initiative", 2),
                ("2.1", "Rules and normative documents", 2), ("2.2", "Administrative licensing", 3),
                ("3", "Requests for information", 4), ("3.1", "Requests received", 4),
                ("3.2", "Answers given", 5), ("4", "Reviews and lawsuits", 7),
                ("5", "Problems and improvements", 8), ("6", "Other matters", 9)]
               if lang == "en" else
               [("一", "总体情况", 1), ("二", "主动公开政府信息情况", 2), ("三", "收到和处理政府信息公开申请情况", 4),
                ("四", "政府信息公开行政复议、行政诉讼情况", 7), ("五", "存在的主要问题及改进情况", 8),
                ("六", "其他需要报告的事项", 9), ("七", "附件：统计口径说明", 10)])
    title = "Contents" if lang == "en" else "目录"
    rows = "".join(p(f"{escape(n)} {escape(t)}<text:tab/>{page}",
                     "TocSub" if "." in n else "Toc") for n, t, page in entries)
    return p(escape(title), "Title") + rows


def form(lang):
    pairs = ([("Applicant", "Zhang Wei"), ("Organisation", "City Residents' Committee"),
              ("Address", "12 Jiefang Road, Pingchuan District"), ("Telephone", "0931-5550123"),
              ("Date received", "3 March 2023"), ("Reference", "YSQ-2023-0147"),
              ("Information requested", "The 2022 budget of the district health bureau"),
              ("Form of answer", "Paper copy, by post")]
             if lang == "en" else
             [("申请人", "张伟"), ("工作单位", "平川区某社区居民委员会"), ("通信地址", "平川区解放路12号"),
              ("联系电话", "0931-5550123"), ("收到日期", "2023年3月3日"), ("受理编号", "YSQ-2023-0147"),
              ("申请内容", "区卫生健康局2022年度部门预算"), ("获取方式", "纸质，邮寄")])
    title = "Record of a request" if lang == "en" else "政府信息公开申请登记"
    rows = "".join(p(f"{escape(k)}:<text:tab/>{escape(v)}", "Form") for k, v in pairs)
    sign = ("Signed: ____________<text:tab/>Date: ____________" if lang == "en"
            else "经办人签字：____________<text:tab/>日期：____________")
    return p(escape(title), "Title") + rows + p("", "Body") + p(sign, "Form")


def title_page(lang):
    if lang == "en":
        lines = [("Pingchuan District People's Government", "Cover"),
                 ("Annual Report on Government Information Disclosure, 2023", "CoverTitle"),
                 ("Prepared by the General Office", "Cover"), ("March 2024", "Cover")]
    else:
        lines = [("平川区人民政府", "Cover"), ("2023年政府信息公开工作年度报告", "CoverTitle"),
                 ("区政府办公室编制", "Cover"), ("二〇二四年三月", "Cover")]
    out = "".join(p("", "Body") for _ in range(8))
    out += "".join(p(escape(t), s) for t, s in lines)
    back = ([("Pingchuan District People's Government", "Back"), ("Address: 1 Government Square", "Back"),
             ("Postcode: 730900   Telephone: 0943-6112345", "Back"), ("www.pingchuan.gov.cn", "Back")]
            if lang == "en" else
            [("平川区人民政府", "Back"), ("地址：平川区政府广场1号", "Back"),
             ("邮编：730900   电话：0943-6112345", "Back"), ("网址：www.pingchuan.gov.cn", "Back")])
    out += p("", "PageBreak") + "".join(p("", "Body") for _ in range(30))
    out += "".join(p(escape(t), s) for t, s in back)
    return out


def card(lang):
    s = EN_SENTENCES if lang == "en" else ZH_SENTENCES
    title = "Note to readers" if lang == "en" else "阅读说明"
    inner = "".join(p(escape(t), "Card") for t in paragraphs(s, 3, 2))
    return (p(escape("Foreword" if lang == "en" else "前言"), "Title")
            + "".join(p(escape(t)) for t in paragraphs(s, 2))
            + p(escape(title), "CardHead") + inner
            + "".join(p(escape(t)) for t in paragraphs(s[2:] + s[:2], 2)))


KINDS = {"two_columns": two_columns, "lists": lists, "code": code, "toc": toc, "form": form,
         "title_page": title_page, "card": card}

STYLES = """
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/><style:text-properties fo:font-size="11pt" style:font-name="Sans" style:font-name-asian="CJK" style:font-size-asian="11pt"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold" style:font-size-asian="18pt" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-top="0.4cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold" style:font-size-asian="13pt" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Item" style:family="paragraph" style:parent-style-name="Body"/>
<style:style style:name="Code" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties style:font-name="Mono" fo:font-size="9.5pt" style:font-name-asian="CJK" style:font-size-asian="9.5pt"/></style:style>
<style:style style:name="Toc" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.25cm"><style:tab-stops><style:tab-stop style:position="16cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="TocSub" style:family="paragraph" style:parent-style-name="Toc"><style:paragraph-properties fo:margin-left="0.8cm"/></style:style>
<style:style style:name="Form" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.35cm"><style:tab-stops><style:tab-stop style:position="4.5cm"/><style:tab-stop style:position="10cm"/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Cover" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
<style:style style:name="CoverTitle" style:family="paragraph" style:parent-style-name="Cover"><style:text-properties fo:font-size="24pt" fo:font-weight="bold" style:font-size-asian="24pt" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Back" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
<style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="CardHead" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0cm" fo:padding="0.3cm" fo:border="1.5pt solid #1f4e79" fo:background-color="#dce6f2" style:join-border="true"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Card" style:family="paragraph" style:parent-style-name="CardHead"><style:text-properties fo:font-weight="normal" style:font-weight-asian="normal"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
"""

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="Sans" svg:font-family="'Liberation Sans'"/>
<style:font-face style:name="Mono" svg:font-family="'Liberation Mono'"/>
<style:font-face style:name="CJK" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>{styles}</office:styles>
<office:automatic-styles>
<style:style style:name="Columns" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="2.5cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>
"""


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
               / "tests/fixtures/negative")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("make_negative_fixtures: LibreOffice not found (apt install libreoffice-writer-nogui)",
              file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for name, make in KINDS.items():
            for lang in ("en", "zh"):
                path = Path(tmp) / f"{name}_{lang}.fodt"
                path.write_text(DOC.format(styles=STYLES, body=make(lang)), encoding="utf-8")
                sources.append(str(path))
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", str(out), *sources],
                       check=True, stdout=subprocess.DEVNULL)
    for pdf in sorted(out.glob("*.pdf")):
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
