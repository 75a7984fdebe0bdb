#!/usr/bin/env python3
"""Writes tests/fixtures/doc/lists.docx: list numbering both Word readers share (issue 17
section 1): headings numbered through their styles (1., 1.1., a skipped level), a nested
decimal/lower-letter list, a bullet list, upper and lower Roman, a start value and a
Chinese-counting list. make_doc_fixtures.sh converts it to .doc.

Usage: scripts/make_lists_fixture.py OUT.docx
"""
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def para(text, style=None, num=None, ilvl=None):
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{lvl}<w:numId w:val="{num}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def lvl(i, fmt, text, start=1):
    return (
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
    )


def abstract(aid, levels):
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'


headings = abstract(0, [lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2."), lvl(2, "decimal", "%1.%2.%3.")])
nested = abstract(1, [lvl(0, "decimal", "%1)"), lvl(1, "lowerLetter", "%2.")])
bullets = abstract(2, [lvl(0, "bullet", "\u2022"), lvl(1, "bullet", "\u25e6")])
romans = abstract(3, [lvl(0, "upperRoman", "%1."), lvl(1, "lowerRoman", "(%2)")])
started = abstract(4, [lvl(0, "decimal", "%1.", start=5)])
chinese = abstract(5, [lvl(0, "chineseCounting", "%1、")])
nums = "".join(f'<w:num w:numId="{n + 1}"><w:abstractNumId w:val="{n}"/></w:num>' for n in range(6))
numbering = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">{headings}{nested}{bullets}{romans}{started}{chinese}{nums}</w:numbering>'

body = "".join(
    [
        para("Introduction", "Heading1"),
        para("Scope", "Heading2"),
        para("Terms", "Heading2"),
        para("Method", "Heading1"),
        para("Deep detail", "Heading3"),
        para("Back up", "Heading2"),
        para("First step", num=2, ilvl=0),
        para("Sub step", num=2, ilvl=1),
        para("Another sub step", num=2, ilvl=1),
        para("Second step", num=2, ilvl=0),
        para("Apples", num=3, ilvl=0),
        para("Green apples", num=3, ilvl=1),
        para("Pears", num=3, ilvl=0),
        para("Part one", num=4, ilvl=0),
        para("Clause", num=4, ilvl=1),
        para("Part two", num=4, ilvl=0),
        para("Fifth", num=5, ilvl=0),
        para("Sixth", num=5, ilvl=0),
        para("总体情况", num=6, ilvl=0),
        para("主动公开", num=6, ilvl=0),
        para("Closing text."),
    ]
)


def heading_style(n):
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="{n - 1}"/><w:numId w:val="1"/></w:numPr>'
        f'<w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
    )


document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
styles = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    f'{heading_style(1)}{heading_style(2)}{heading_style(3)}</w:styles>'
)
content_types = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"""
rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
doc_rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"""

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ]:
        z.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
