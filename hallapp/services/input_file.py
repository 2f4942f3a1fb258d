"""Files the user gives to be read (a holiday notice, a catalogue): a missing or unreadable file
is an :class:`~hallapp.core.errors.OutputError` naming it (exit 20) and content that is not
text a :class:`~hallapp.core.errors.ValidationError` (exit 11), not an internal error.

Text is UTF-8 (a BOM allowed); a file that is not valid UTF-8 is read as GB18030, which covers
GBK — what Chinese Windows saves "ANSI" text files in."""

from __future__ import annotations

from pathlib import Path

from hallapp.core.errors import OutputError, ValidationError


def read_file(path: Path | str) -> bytes:
    """The bytes of ``path``; a file that is missing, a folder or not readable is refused."""
    source = Path(path)
    try:
        return source.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"无法读取文件 {source}：{reason}", code="file_not_read",
                          path=str(source), reason=reason) from None


def read_text(path: Path | str, *, field: str = "file") -> str:
    """The text of ``path`` in UTF-8, else GB18030 (GBK); neither is a ValidationError."""
    data = read_file(path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"文件 {Path(path)} 不是文本文件（应为 UTF-8 或 GBK 编码）",
                          field=field, code="file_not_text", path=str(Path(path)))
