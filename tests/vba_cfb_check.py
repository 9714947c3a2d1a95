"""An independent structural check of a compound file (MS-CFB v3), stricter than olefile.

Checks the header fields, that every sector belongs to exactly one chain (or is free), and
that each storage's children form a valid red-black tree in MS-CFB order.
"""

from __future__ import annotations

import struct

FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def _chain(table: list[int], start: int) -> list[int]:
    chain = []
    while start != ENDOFCHAIN:
        assert start < len(table), f"chain runs off the table at {start}"
        assert start not in chain, "cyclic chain"
        chain.append(start)
        start = table[start]
    return chain


def _order_key(name: str) -> tuple[int, bytes]:
    return len(name), name.upper().encode("utf-16-be")


def check_compound_file(data: bytes) -> dict[str, tuple[int, int, int, int]]:
    """Assert the file is well formed; return {path: (type, color, start, size)} per entry."""
    assert data[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    assert len(data) % 512 == 0
    (minor, major, byte_order, sector_shift, mini_shift) = struct.unpack_from("<5H", data, 24)
    assert (minor, major, byte_order, sector_shift, mini_shift) == (0x3E, 3, 0xFFFE, 9, 6)
    assert data[34:40] == bytes(6)
    (n_dir, n_fat, first_dir, _txn, cutoff, first_minifat, n_minifat, first_difat, n_difat) = (
        struct.unpack_from("<9I", data, 40)
    )
    assert n_dir == 0 and cutoff == 4096 and first_difat == ENDOFCHAIN and n_difat == 0
    difat = struct.unpack_from("<109I", data, 76)
    fat_sectors = list(difat[:n_fat])
    assert all(entry == FREESECT for entry in difat[n_fat:])
    sector_count = len(data) // 512 - 1

    def sector(index: int) -> bytes:
        return data[512 * (index + 1) : 512 * (index + 2)]

    fat = [v for index in fat_sectors for v in struct.unpack("<128I", sector(index))]
    assert len(fat) >= sector_count
    assert all(fat[index] == FATSECT for index in fat_sectors)
    owner: dict[int, str] = {index: "FAT" for index in fat_sectors}

    def claim(chain: list[int], what: str) -> None:
        for index in chain:
            assert index < sector_count, f"{what} points past the end of the file"
            assert index not in owner, f"sector {index} used by {owner.get(index)} and {what}"
            owner[index] = what

    directory_chain = _chain(fat, first_dir)
    claim(directory_chain, "directory")
    directory = b"".join(sector(index) for index in directory_chain)
    entries = []
    for offset in range(0, len(directory), 128):
        raw = directory[offset : offset + 128]
        name_length, kind, color, left, right, child = struct.unpack_from("<HBBIII", raw, 64)
        start, size = struct.unpack_from("<IQ", raw, 116)
        if kind == 0:
            assert raw == bytes(68) + b"\xff" * 12 + bytes(48), "dirty free slot"
            entries.append(None)
            continue
        assert name_length % 2 == 0 and 2 <= name_length <= 64
        assert raw[name_length - 2 : name_length] == b"\0\0"
        name = raw[: name_length - 2].decode("utf-16-le")
        assert raw[80:116] == bytes(36), "CLSID, state bits and timestamps must be zero"
        entries.append((name, kind, color, left, right, child, start, size))
    assert entries[0] is not None and entries[0][1] == 5, "entry 0 must be the root"

    minifat: list[int] = []
    if n_minifat:
        minifat_chain = _chain(fat, first_minifat)
        assert len(minifat_chain) == n_minifat
        claim(minifat_chain, "mini FAT")
        minifat = [v for i in minifat_chain for v in struct.unpack("<128I", sector(i))]
    root_size = entries[0][7]
    ministream_chain = _chain(fat, entries[0][6]) if root_size else []
    assert len(ministream_chain) * 512 >= root_size
    claim(ministream_chain, "mini stream")
    mini_owner: set[int] = set()

    result: dict[str, tuple[int, int, int, int]] = {}

    def walk_tree(sid: int, low: str | None, high: str | None) -> tuple[int, list[int]]:
        """Return the black height of the subtree at ``sid`` and its sids."""
        if sid == NOSTREAM:
            return 1, []
        name, _kind, color, left, right, _child, _start, _size = entries[sid]
        assert color in (0, 1)
        if low is not None:
            assert _order_key(low) < _order_key(name), f"{low!r} !< {name!r}"
        if high is not None:
            assert _order_key(name) < _order_key(high), f"{name!r} !< {high!r}"
        for child_sid in (left, right):
            if color == 0 and child_sid != NOSTREAM:
                assert entries[child_sid][2] == 1, f"red {name!r} has a red child"
        left_height, left_sids = walk_tree(left, low, name)
        right_height, right_sids = walk_tree(right, name, high)
        assert left_height == right_height, f"black heights differ under {name!r}"
        return left_height + color, [*left_sids, sid, *right_sids]

    def walk_storage(sid: int, path: str) -> None:
        child = entries[sid][5]
        if child != NOSTREAM:
            assert entries[child][2] == 1, "the root of a red-black tree must be black"
        _height, sids = walk_tree(child, None, None)
        for child_sid in sids:
            name, kind, color, _l, _r, _c, start, size = entries[child_sid]
            child_path = f"{path}/{name}" if path else name
            result[child_path] = (kind, color, start, size)
            if kind == 1:
                assert start == 0 and size == 0
                walk_storage(child_sid, child_path)
            elif kind == 2 and size >= 4096:
                chain = _chain(fat, start)
                assert len(chain) == -(-size // 512)
                claim(chain, child_path)
            elif kind == 2 and size > 0:
                chain = _chain(minifat, start)
                assert len(chain) == -(-size // 64)
                assert max(chain) < root_size // 64
                assert not mini_owner & set(chain), f"{child_path} shares mini sectors"
                mini_owner.update(chain)
            else:
                assert kind == 2 and start == ENDOFCHAIN
            assert entries[child_sid][5] == NOSTREAM or kind == 1

    walk_storage(0, "")
    reached = {0} | {i for i, e in enumerate(entries) if e is not None}
    assert len(result) + 1 == len(reached), "directory entries not reachable from the root"
    for index in range(sector_count):
        if index not in owner:
            assert fat[index] == FREESECT, f"sector {index} is in no chain but not free"
    return result
