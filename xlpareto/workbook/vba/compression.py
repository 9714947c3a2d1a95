"""MS-OVBA §2.4.1 compression: the run-length/LZ77 container that holds VBA source and ``dir``.

A CompressedContainer is the signature byte ``0x01`` followed by chunks. Each chunk holds
4096 bytes of decompressed data (the last one fewer) as a 2-byte header and either a
sequence of tokens (flag byte + up to 8 literal bytes or 2-byte copy tokens) or, when the
tokens would not fit in 4096 bytes, the raw 4096 bytes (§2.4.1.3.12 pads a short final raw
chunk with zeros).

The compressor chooses, like the specification's matching routine (§2.4.1.3.19.4), the
longest earlier match inside the current chunk and, among equally long ones, the nearest.
"""

from __future__ import annotations

from xlpareto.errors import XlparetoError

CHUNK_SIZE = 4096
SIGNATURE = 0x01
_MIN_MATCH = 3
_HEADER_SIGNATURE = 0b011


def _copy_token_bit_count(difference: int) -> int:
    """Number of offset bits of a copy token ``difference`` bytes into a chunk (§2.4.1.3.19.1)."""
    return max((difference - 1).bit_length(), 4)


def _match_length(data: bytes, candidate: int, current: int, limit: int) -> int:
    """Length of the common prefix of ``data[candidate:]`` and ``data[current:]`` (<= ``limit``).

    Overlapping matches are fine: the decompressed buffer equals ``data``.
    """
    low, high = 0, limit
    while low < high:  # binary search on slice equality: O(log limit) C-level compares
        middle = (low + high + 1) // 2
        if data[candidate : candidate + middle] == data[current : current + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _compress_tokens(data: bytes, start: int, end: int) -> bytes:
    """Token sequences (flag byte + tokens) for the decompressed chunk ``data[start:end]``."""
    output = bytearray()
    positions: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions in the chunk
    current = start

    def remember(position: int) -> None:
        if position + _MIN_MATCH <= end:
            positions.setdefault(data[position : position + _MIN_MATCH], []).append(position)

    while current < end:
        flag_index = len(output)
        output.append(0)
        flags = 0
        for bit in range(8):
            if current >= end:
                break
            bit_count = _copy_token_bit_count(current - start)
            maximum_length = (0xFFFF >> bit_count) + _MIN_MATCH
            limit = min(maximum_length, end - current)
            best_length, best_candidate = 0, -1
            if limit >= _MIN_MATCH:
                for candidate in reversed(positions.get(data[current : current + _MIN_MATCH], ())):
                    length = _match_length(data, candidate, current, limit)
                    if length > best_length:
                        best_length, best_candidate = length, candidate
                        if length == limit:
                            break
            if best_length >= _MIN_MATCH:
                token = ((current - best_candidate - 1) << (16 - bit_count)) | (
                    best_length - _MIN_MATCH
                )
                output += token.to_bytes(2, "little")
                flags |= 1 << bit
                for position in range(current, current + best_length):
                    remember(position)
                current += best_length
            else:
                output.append(data[current])
                remember(current)
                current += 1
        output[flag_index] = flags
    return bytes(output)


def _chunk_header(compressed_size: int, is_compressed: bool) -> bytes:
    """The 2-byte CompressedChunkHeader for a chunk of ``compressed_size`` bytes incl. header."""
    value = (compressed_size - 3) | (_HEADER_SIGNATURE << 12) | (int(is_compressed) << 15)
    return value.to_bytes(2, "little")


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA CompressedContainer.

    Parameters
    ----------
    data : bytes
        Decompressed bytes, e.g. module source encoded with the project's code page.

    Returns
    -------
    bytes
        ``0x01`` followed by one CompressedChunk per 4096 input bytes.

    Examples
    --------
    >>> compress(b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa").hex()[:12]
    '012fb0002361'
    """
    data = bytes(data)
    output = bytearray([SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        end = min(start + CHUNK_SIZE, len(data))
        tokens = _compress_tokens(data, start, end)
        if len(tokens) <= CHUNK_SIZE:
            output += _chunk_header(len(tokens) + 2, True) + tokens
        else:  # raw chunk (§2.4.1.3.12): exactly 4096 bytes, a short final chunk zero-padded
            output += _chunk_header(CHUNK_SIZE + 2, False) + data[start:end].ljust(
                CHUNK_SIZE, b"\0"
            )
    return bytes(output)


def _decompress_tokens(container: bytes, position: int, end: int, output: bytearray) -> None:
    """Append the decompressed token sequences of one compressed chunk to ``output``."""
    chunk_start = len(output)
    while position < end:
        flags = container[position]
        position += 1
        for bit in range(8):
            if position >= end:
                break
            if not flags >> bit & 1:
                output.append(container[position])
                position += 1
                continue
            if position + 2 > end:
                raise XlparetoError("The VBA compressed data ends inside a copy token.")
            token = int.from_bytes(container[position : position + 2], "little")
            position += 2
            bit_count = _copy_token_bit_count(len(output) - chunk_start)
            length = (token & (0xFFFF >> bit_count)) + _MIN_MATCH
            offset = (token >> (16 - bit_count)) + 1
            source = len(output) - offset
            if source < chunk_start:
                raise XlparetoError("The VBA compressed data has a copy token before its chunk.")
            if offset >= length:
                output += output[source : source + length]
            else:  # overlapping copy repeats the last `offset` bytes
                for index in range(length):
                    output.append(output[source + index])


def decompress(container: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer (§2.4.1.3.1).

    Parameters
    ----------
    container : bytes
        Bytes starting with the signature byte ``0x01``.

    Returns
    -------
    bytes
        The decompressed data.

    Examples
    --------
    >>> decompress(compress(b"Attribute VB_Name = \\"Module1\\"\\r\\n"))
    b'Attribute VB_Name = "Module1"\\r\\n'
    """
    container = bytes(container)
    if not container or container[0] != SIGNATURE:
        raise XlparetoError("The VBA compressed data does not start with the signature 0x01.")
    output = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise XlparetoError("The VBA compressed data ends inside a chunk header.")
        header = int.from_bytes(container[position : position + 2], "little")
        if (header >> 12) & 0b111 != _HEADER_SIGNATURE:
            raise XlparetoError("The VBA compressed data has a bad chunk signature.")
        chunk_end = min(position + (header & 0x0FFF) + 3, len(container))
        position += 2
        if header >> 15:
            _decompress_tokens(container, position, chunk_end, output)
        else:
            output += container[position : position + CHUNK_SIZE]
        position = chunk_end
    return bytes(output)
