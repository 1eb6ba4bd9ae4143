"""A minimal OpenDocument spreadsheet (.ods) writer, streaming, with no dependency.

Enough of the format for calamine and LibreOffice to read: the mimetype entry, the manifest and
a content.xml of plain tables. Strings are string cells, ints and floats are float cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
"""
_TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def _cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def write_ods(path: Path, sheets: Iterable[tuple[str, Iterable[Sequence]]]) -> Path:
    """Write sheets (name, rows) to `path`; rows are sequences of str, int, float or None."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        with archive.open("content.xml", "w", force_zip64=True) as raw:
            raw.write(_HEAD.encode())
            for name, rows in sheets:
                parts = [f"<table:table table:name={quoteattr(name)}>"]
                for row in rows:
                    parts.append(
                        "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>"
                    )
                    if len(parts) > 5000:
                        raw.write("".join(parts).encode())
                        parts = []
                parts.append("</table:table>\n")
                raw.write("".join(parts).encode())
            raw.write(_TAIL.encode())
    return path
