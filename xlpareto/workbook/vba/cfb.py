"""A minimal compound file (MS-CFB version 3) writer: storages and streams, nothing else.

Layout, in sector order after the 512-byte header: the regular streams (>= 4096 bytes), the
mini stream (streams < 4096 bytes in 64-byte mini sectors, owned by the root entry), the
mini FAT, the directory, the FAT. Each storage's children form a red-black tree ordered by
(name length, upper-cased name); we build it balanced, black except a red bottom level, which
satisfies every red-black rule. All timestamps and CLSIDs are zero, so the output is
deterministic. Up to 109 FAT sectors (about 7 MB) fit in the header; larger files are refused.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

from xlpareto.errors import XlparetoError

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
_FREESECT, _ENDOFCHAIN, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1
_HEADER_DIFAT_ENTRIES = 109
_ENTRIES_PER_SECTOR = SECTOR_SIZE // 4
_DIRECTORY_ENTRY_SIZE = 128
_DIRECTORY_ENTRY_FORMAT = "<64sHBBIII16sIQQIQ"
# Unused directory slot: all zero except the three tree pointers (MS-CFB §2.6.3).
_FREE_DIRECTORY_ENTRY = struct.pack(
    _DIRECTORY_ENTRY_FORMAT, b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, bytes(16), 0, 0, 0, 0, 0
)


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    color: int = _BLACK
    start: int = _ENDOFCHAIN


def _sort_key(name: str) -> tuple[int, bytes]:
    """MS-CFB §2.6.4 order: shorter names first, then upper-cased UTF-16 code units."""
    upper = "".join(char.upper() if len(char.upper()) == 1 else char for char in name)
    return len(name.encode("utf-16-le")) // 2, upper.encode("utf-16-be")


def _check_name(name: str) -> None:
    if not name or len(name.encode("utf-16-le")) > 62 or any(c in name for c in "/\\:!"):
        raise XlparetoError(f"Invalid compound file entry name: {name!r}.")


def _tree(streams: Mapping[str, bytes]) -> _Entry:
    """The root entry with storages and streams from '/'-separated paths."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        *storage_names, stream_name = path.split("/")
        parent = root
        for storage_name in storage_names:
            _check_name(storage_name)
            storage = _child(parent, storage_name)
            if storage is None:
                storage = _Entry(storage_name, _STORAGE, start=0)  # storages: start 0
                parent.children.append(storage)
            elif storage.kind != _STORAGE:
                raise XlparetoError(f"Compound file path clashes with a stream: {path!r}.")
            parent = storage
        _check_name(stream_name)
        if _child(parent, stream_name) is not None:
            raise XlparetoError(f"Duplicate compound file entry: {path!r}.")
        parent.children.append(_Entry(stream_name, _STREAM, bytes(data)))
    return root


def _child(parent: _Entry, name: str) -> _Entry | None:
    """The child of ``parent`` called ``name`` (compared case-insensitively), if any."""
    return next((e for e in parent.children if e.name.upper() == name.upper()), None)


def _flatten(root: _Entry) -> list[_Entry]:
    """All entries, root first, each storage's children in sorted order (breadth first)."""
    entries, queue = [], [root]
    while queue:
        entry = queue.pop(0)
        entry.sid = len(entries)
        entries.append(entry)
        entry.children.sort(key=lambda e: _sort_key(e.name))
        queue.extend(entry.children)
    return entries


def _link_red_black(children: list[_Entry], depth: int, red_depth: int | None) -> int:
    """Link sorted ``children`` as a balanced tree; return the sid of its root."""
    if not children:
        return _NOSTREAM
    middle = len(children) // 2
    node = children[middle]
    node.color = _RED if depth == red_depth else _BLACK
    node.left = _link_red_black(children[:middle], depth + 1, red_depth)
    node.right = _link_red_black(children[middle + 1 :], depth + 1, red_depth)
    return node.sid


def _link_storage(storage: _Entry) -> None:
    count = len(storage.children)
    levels = count.bit_length()  # depth of a midpoint-split tree of `count` nodes
    full = count == (1 << levels) - 1
    storage.child = _link_red_black(storage.children, 0, None if full else levels - 1)


def _chain(first: int, count: int) -> list[tuple[int, int]]:
    """FAT (index, next) pairs for ``count`` consecutive sectors from ``first``."""
    return [(first + i, first + i + 1 if i < count - 1 else _ENDOFCHAIN) for i in range(count)]


def _sectors(size: int, sector_size: int) -> int:
    return -(-size // sector_size)


def _directory_entry(entry: _Entry, size: int) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    return struct.pack(
        _DIRECTORY_ENTRY_FORMAT,
        name,
        len(name),
        entry.kind,
        entry.color,
        entry.left,
        entry.right,
        entry.child,
        bytes(16),
        0,
        0,
        0,
        entry.start,
        size,
    )


def build_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """Write a compound file holding ``streams``.

    Parameters
    ----------
    streams : Mapping[str, bytes]
        Stream contents by path; storages are the path's folders, e.g. ``"VBA/dir"``.

    Returns
    -------
    bytes
        The compound file (version 3, 512-byte sectors).

    Examples
    --------
    >>> data = build_compound_file({"PROJECT": b"Name=\\"VBAProject\\"\\r\\n", "VBA/dir": b"x"})
    >>> data[:8].hex(), len(data) % 512
    ('d0cf11e0a1b11ae1', 0)
    """
    root = _tree(streams)
    entries = _flatten(root)
    for entry in entries:
        if entry.kind != _STREAM:
            _link_storage(entry)
    streams_in_order = [e for e in entries if e.kind == _STREAM]
    regular = [e for e in streams_in_order if len(e.data) >= MINI_STREAM_CUTOFF]
    mini = [e for e in streams_in_order if 0 < len(e.data) < MINI_STREAM_CUTOFF]

    fat: list[tuple[int, int]] = []
    body = bytearray()
    for entry in regular:
        count = _sectors(len(entry.data), SECTOR_SIZE)
        entry.start = len(body) // SECTOR_SIZE
        fat += _chain(entry.start, count)
        body += entry.data.ljust(count * SECTOR_SIZE, b"\0")

    mini_stream = bytearray()
    mini_fat: list[tuple[int, int]] = []
    for entry in mini:
        count = _sectors(len(entry.data), MINI_SECTOR_SIZE)
        entry.start = len(mini_stream) // MINI_SECTOR_SIZE
        mini_fat += _chain(entry.start, count)
        mini_stream += entry.data.ljust(count * MINI_SECTOR_SIZE, b"\0")
    if mini_stream:
        root.start = len(body) // SECTOR_SIZE
        count = _sectors(len(mini_stream), SECTOR_SIZE)
        fat += _chain(root.start, count)
        body += mini_stream.ljust(count * SECTOR_SIZE, b"\0")

    first_mini_fat, mini_fat_sectors = _ENDOFCHAIN, 0
    if mini_fat:
        first_mini_fat = len(body) // SECTOR_SIZE
        mini_fat_sectors = _sectors(len(mini_fat), _ENTRIES_PER_SECTOR)
        fat += _chain(first_mini_fat, mini_fat_sectors)
        body += _fat_bytes(mini_fat, mini_fat_sectors)

    first_directory = len(body) // SECTOR_SIZE
    directory_sectors = _sectors(len(entries) * _DIRECTORY_ENTRY_SIZE, SECTOR_SIZE)
    fat += _chain(first_directory, directory_sectors)
    sizes = {id(root): len(mini_stream)}
    directory = b"".join(_directory_entry(e, sizes.get(id(e), len(e.data))) for e in entries)
    free_slots = directory_sectors * SECTOR_SIZE // _DIRECTORY_ENTRY_SIZE - len(entries)
    directory += _FREE_DIRECTORY_ENTRY * free_slots
    body += directory

    used = len(body) // SECTOR_SIZE
    fat_sectors = _sectors(used, _ENTRIES_PER_SECTOR)
    while _sectors(used + fat_sectors, _ENTRIES_PER_SECTOR) > fat_sectors:
        fat_sectors += 1
    if fat_sectors > _HEADER_DIFAT_ENTRIES:
        raise XlparetoError("The VBA project is too large (more than about 7 MB).")
    first_fat = used
    fat += [(first_fat + i, _FATSECT) for i in range(fat_sectors)]
    body += _fat_bytes(fat, fat_sectors)

    difat = [first_fat + i for i in range(fat_sectors)]
    difat += [_FREESECT] * (_HEADER_DIFAT_ENTRIES - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        _SIGNATURE,
        bytes(16),
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # byte order: little endian
        9,  # sector shift: 2**9 = 512
        6,  # mini sector shift: 2**6 = 64
        bytes(6),
        0,  # number of directory sectors: must be 0 in version 3
        fat_sectors,
        first_directory,
        0,  # transaction signature
        MINI_STREAM_CUTOFF,
        first_mini_fat,
        mini_fat_sectors,
        _ENDOFCHAIN,  # first DIFAT sector: none
        0,  # number of DIFAT sectors
        *difat,
    )
    return header + bytes(body)


def _fat_bytes(pairs: list[tuple[int, int]], sector_count: int) -> bytes:
    """A FAT (or mini FAT) of ``sector_count`` sectors from (index, next) pairs; rest free."""
    table = [_FREESECT] * (sector_count * _ENTRIES_PER_SECTOR)
    for index, following in pairs:
        table[index] = following
    return struct.pack(f"<{len(table)}I", *table)
