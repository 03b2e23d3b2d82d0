"""Document fixtures for the loader tests: the shipped case files, and small Word/PDF files built here.

``tests/fixtures/documents`` holds the failing inputs written for this project (``shared/cases``, fictional
青岚市 texts). The builders below make further documents of the same kinds so that the tests do not
depend on one file's quirks: minimal OOXML packages (numbering, styles, headers, comments, tracked
changes written by hand, as Word stores them) and PDFs with positioned CJK lines on several pages.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.index.generations import IndexManager, KnowledgeIndex
from service.ingest.pipeline import IngestReport, ingest
from service.schemas import Chunk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def ooxml_docx(
    body: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    header: str | None = None,
    comment: str | None = None,
) -> bytes:
    """A .docx package from hand-written WordprocessingML (``body`` is the inside of ``w:body``)."""
    parts: dict[str, str] = {}
    overrides = [("/word/document.xml", f"{_DOC_TYPE}.document.main+xml")]
    rels: list[tuple[str, str, str]] = []
    if numbering is not None:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
        overrides.append(("/word/numbering.xml", f"{_DOC_TYPE}.numbering+xml"))
        rels.append(("rIdN", f"{R}/numbering", "numbering.xml"))
    if styles is not None:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W}">{styles}</w:styles>'
        overrides.append(("/word/styles.xml", f"{_DOC_TYPE}.styles+xml"))
        rels.append(("rIdS", f"{R}/styles", "styles.xml"))
    sect = ""
    if header is not None:
        parts["word/header1.xml"] = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>'
        overrides.append(("/word/header1.xml", f"{_DOC_TYPE}.header+xml"))
        rels.append(("rIdH", f"{R}/header", "header1.xml"))
        sect = f'<w:sectPr><w:headerReference xmlns:r="{R}" w:type="default" r:id="rIdH"/></w:sectPr>'
    if comment is not None:
        parts["word/comments.xml"] = (
            f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="审核人">'
            f"<w:p><w:r><w:t>{comment}</w:t></w:r></w:p></w:comment></w:comments>"
        )
        overrides.append(("/word/comments.xml", f"{_DOC_TYPE}.comments+xml"))
        rels.append(("rIdC", f"{R}/comments", "comments.xml"))
    parts["word/document.xml"] = f'<w:document xmlns:w="{W}"><w:body>{body}{sect}</w:body></w:document>'
    parts["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{_PKG_RELS}">'
        + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{tg}"/>' for i, t, tg in rels)
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{_PKG_RELS}"><Relationship Id="rId1" '
        f'Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + "</Types>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return buf.getvalue()


def para(text: str, *, num: tuple[int, int] | None = None, style: str | None = None, raw: str = "") -> str:
    """A ``w:p`` with optional list numbering (numId, ilvl) and paragraph style; ``raw`` adds runs."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p>{ppr}{run}{raw}</w:p>"


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, suff: str = "space") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


# --- PDF ---------------------------------------------------------------------------------------


def layout_pdf(
    pages: list[list[tuple[float, float, str]]], *, size: float = 12, images: bool = False
) -> bytes:
    """A PDF (A4) whose pages draw CJK lines at (x, y-from-top) with a ToUnicode CMap, 1 em per glyph.

    ``images=True`` and empty pages make a "scan": each page draws only a small image.
    """
    chars = sorted({ch for page in pages for _, _, line in page for ch in line}) or ["　"]
    cid = {ch: i + 1 for i, ch in enumerate(chars)}
    height = 842.0
    objs: list[bytes] = []

    def add(obj: bytes) -> int:
        objs.append(obj)
        return len(objs)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    bf = "\n".join(f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bf}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, tounicode)
    )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream"
    )
    kids = []
    for page in pages:
        ops = []
        for x, top, line in page:
            y = height - top - size
            hexs = "".join(f"{cid[ch]:04X}" for ch in line)
            ops.append(f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td <{hexs}> Tj ET")
        if images:
            ops.append("q 400 0 0 600 90 120 cm /Im1 Do Q")
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >>"
                b" /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_obj, font, image, content)
            )
        )
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objs[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


# --- indexing ----------------------------------------------------------------------------------


def ingest_dir(path: Path, settings: Settings) -> tuple[IngestReport, KnowledgeIndex]:
    """Ingest ``path`` with the hash embedder into ``settings``' data dir; the report and the index."""
    report = ingest([path], settings, HashEmbedder(), progress=False)
    assert not report.failures, report.failures
    return report, IndexManager(settings, HashEmbedder()).current()


def chunks_of(index: KnowledgeIndex, title_part: str) -> list[Chunk]:
    """Chunks of the one document whose title contains ``title_part``."""
    docs = [d for d in index.documents() if title_part in d.title or title_part in (d.source_path or "")]
    assert len(docs) == 1, [d.title for d in index.documents()]
    return index.chunks(docs[0].doc_id)
