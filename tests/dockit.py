"""Real office files for the document tests: PDFs with Vietnamese text (reportlab
and Debian's DejaVu font), DOCX with a table (python-docx), and damaged,
encrypted or active PDFs (pypdf)."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    author: str = "",
    producer: str = "",
) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if author:
        pdf.setAuthor(author)
    if producer:
        pdf.setProducer(producer)
    for lines in pages:
        pdf.setFont("DejaVuSans", 13)
        y = A4[1] - 72
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return path


def rewrite_pdf(
    source: Path,
    target: Path,
    *,
    javascript: str = "",
    attachment: bytes = b"",
    password: str = "",
) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    if javascript:
        from pypdf.actions import JavaScript

        writer.add_open_action(JavaScript(javascript))
    if attachment:
        writer.add_attachment("danh-sach.txt", attachment)
    if password:
        writer.encrypt(
            user_password=password, owner_password=password + "!", algorithm="RC4-128"
        )
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def make_docx(
    path: Path, paragraphs: list[str], table: list[list[str]], *, author: str = ""
) -> Path:
    import docx

    document = docx.Document()
    if author:
        document.core_properties.author = author
    for text in paragraphs:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for row, values in zip(grid.rows, table, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
