#!/usr/bin/env python3
"""Writes tests/fixtures/doc/word_text.docx: Word text details both Word readers share
(issue 17 section 3): w:sym characters of Symbol and Wingdings, in body text and a cell, soft
and non-breaking hyphens, a drop cap, legacy checkbox form fields and a Title paragraph. make_doc_fixtures.sh converts it to .doc
(LibreOffice writes the symbols as symbol-area text in runs whose fonts name the font).

Usage: scripts/make_word_text_fixture.py OUT.docx
"""
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def sym(font, code):
    return f'<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>'


def run(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def checkbox(state, label):
    """A legacy FORMCHECKBOX field in `state` (w:default, w:checked), then ` label`."""
    return (
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="C{label}"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r>{run(" " + label)}</w:p>'
    )


hyphens = "<w:r><w:t>Rechnungs</w:t><w:softHyphen/><w:t>prüfung 2023</w:t><w:noBreakHyphen/><w:t>24</w:t></w:r>"
cell = f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>{sym('Symbol', 'F0A3')}{run('5 ')}{sym('Wingdings', 'F0A8')}</w:p></w:tc>"
cell2 = f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>{hyphens}</w:p></w:tc>"
body = "".join(
    [
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Word text details</w:t></w:r></w:p>',
        f"<w:p>{run('Bullet ')}{sym('Symbol', 'F0B7')}{run(' gamma ')}{sym('Symbol', 'F067')}{run(' tick ')}{sym('Wingdings', 'F0FC')}</w:p>",
        f"<w:p>{hyphens}</w:p>",
        '<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/></w:pPr><w:r><w:t>T</w:t></w:r></w:p>',
        "<w:p><w:r><w:t>he year began with a drop cap.</w:t></w:r></w:p>",
        checkbox('<w:default w:val="1"/>', "Yes"),
        checkbox('<w:default w:val="0"/>', "No"),
        checkbox('<w:default w:val="0"/><w:checked/>', "Checked"),
        '<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>',
        f"<w:tr>{cell}{cell2}</w:tr></w:tbl>",
        "<w:p/>",
    ]
)
document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
styles = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style></w:styles>"""
content_types = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"""
rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
doc_rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
    ]:
        z.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
