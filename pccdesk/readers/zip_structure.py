"""Refusing zip files that two readers could read differently.

pccdesk checks a package with Python's ``zipfile`` and calamine parses it
with the Rust ``zip`` crate. Where the zip format leaves room for two
readings, an attacker can show the checks a harmless workbook and the parser
another one (a far-apart-cells sheet, or a 3 GB zip bomb in a 3 MB file).
Real workbooks from Excel, LibreOffice and the Python writers never use that
room, so a package is refused when it has

* more than one end-of-central-directory record (each reader may pick a
  different one, and so a different list of parts);
* a local entry that the central directory does not list (a part only a
  reader walking the local headers would find, or the prefix of another zip);
* two entries whose bytes overlap (the "overlapping files" zip bomb: one
  compressed block expanded again and again under different names).
"""

from __future__ import annotations

import struct
import zipfile

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers import codes

_EOCD = b"PK\x05\x06"
_ZIP64_EOCD = b"PK\x06\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"


def check_zip_structure(data: bytes, infos: list[zipfile.ZipInfo], where: Location) -> None:
    """Raise :class:`PccdeskError` if ``data`` (whose directory lists ``infos``) can be read two ways."""
    records = [p for p in _find_all(data, _EOCD) if _is_end_record(data, p)]
    if len(records) > 1:
        raise PccdeskError("refused: the file holds more than one zip directory, so different programs would see "
                           "different workbooks in it (an altered file); Excel never writes one",
                           where, code=codes.AMBIGUOUS_ZIP)
    spans = sorted((info.header_offset, _entry_end(data, info), info.filename) for info in infos)
    directory_start = _directory_start(data, records[0]) if records else len(data)
    previous_end, previous_name = 0, ""
    for start, end, name in spans:
        if start < previous_end:
            raise PccdeskError(f"refused: zip parts '{_shown(previous_name)}' and '{_shown(name)}' share their "
                               "bytes, as in a zip bomb (an altered file)", where, code=codes.OVERLAPPING_ZIP_ENTRIES)
        _refuse_hidden_entries(data, previous_end, start, where)
        previous_end, previous_name = max(previous_end, end), name
    _refuse_hidden_entries(data, previous_end, directory_start, where)


def _find_all(data: bytes, signature: bytes) -> list[int]:
    found, pos = [], data.find(signature)
    while pos >= 0:
        found.append(pos)
        pos = data.find(signature, pos + 1)
    return found


def _is_end_record(data: bytes, pos: int) -> bool:
    """True if an end record at ``pos`` points at a central directory (a chance match in compressed data won't)."""
    if pos + 22 > len(data):
        return False
    disk, cd_disk, here, total, size, offset, comment = struct.unpack_from("<HHHHIIH", data, pos + 4)
    if pos + 22 + comment > len(data):
        return False
    if offset == 0xFFFFFFFF or total == 0xFFFF:  # Zip64: the locator just before says where the directory is
        return data[pos - 20:pos - 16] == b"PK\x06\x07" if pos >= 20 else False
    if total == 0:
        return offset + size <= pos
    return offset + size <= pos and data[offset:offset + 4] == _CENTRAL


def _directory_start(data: bytes, end_record: int) -> int:
    offset = struct.unpack_from("<I", data, end_record + 16)[0]
    if offset == 0xFFFFFFFF and end_record >= 20:
        zip64_at = struct.unpack_from("<Q", data, end_record - 20 + 8)[0]
        if data[zip64_at:zip64_at + 4] == _ZIP64_EOCD:
            return int(struct.unpack_from("<Q", data, zip64_at + 48)[0])
    return int(offset)


def _entry_end(data: bytes, info: zipfile.ZipInfo) -> int:
    """Where the local entry of ``info`` ends: header, name, extra field, data and any data descriptor."""
    start = info.header_offset
    if data[start:start + 4] != _LOCAL or start + 30 > len(data):
        return start + 30  # a missing entry is reported as damage by the size checks
    name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
    end = start + 30 + name_len + extra_len + info.compress_size
    if info.flag_bits & 0x08:  # a data descriptor follows: optional signature, CRC, sizes of 4 or 8 bytes
        sig = 4 if data[end:end + 4] == _DESCRIPTOR else 0
        zip64 = info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF
        end += sig + (20 if zip64 else 12)
    return end


def _refuse_hidden_entries(data: bytes, start: int, end: int, where: Location) -> None:
    """Refuse a local entry header in a gap the central directory does not account for."""
    if end - start >= 30 and data.find(_LOCAL, start, end) >= 0:
        raise PccdeskError("refused: the file holds zip parts its directory does not list, so different programs "
                           "would see different workbooks in it (an altered file)", where, code=codes.AMBIGUOUS_ZIP)


def _shown(name: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 60 else clean[:57] + "..."
