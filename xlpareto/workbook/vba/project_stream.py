"""The ``PROJECT`` (MS-OVBA §2.3.1) and ``PROJECTwm`` (§2.3.3) streams.

PROJECT is text in the project's code page: the project id, one line per module, the name,
the unprotected CMG/DPB/GC values (encrypted as §2.4.3 says), the host extender and the
workspace sections. PROJECTwm maps each module name to its UTF-16 twin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ModuleKind = Literal["standard", "class", "document"]
VERSION_COMPATIBLE32 = "393222000"  # as Excel writes it
HOST_EXTENDER_VBE = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
_ENCRYPTION_VERSION = 2
VISIBLE = b"\xff"  # ProjectVisibilityState of a project whose modules can be viewed


@dataclass(frozen=True)
class ProjectModule:
    """What the PROJECT stream says about one module."""

    name: str
    kind: ModuleKind


def project_key(project_id: str) -> int:
    """The key of §2.4.3.2: the sum of the project id's bytes, modulo 256."""
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(data: bytes, project_id: str, salt: str) -> str:
    """Encrypt ``data`` as MS-OVBA §2.4.3.2 Data Encryption, as upper-case hex.

    The seed and the ignored bytes, random in Office, are derived from ``project_id`` and
    ``salt`` so that the output is deterministic.

    Examples
    --------
    >>> encrypt(b"\\x00\\x00\\x00\\x00", "{00000000-0000-0000-0000-000000000000}", "CMG")[:4]
    'D3D1'
    """
    randomness = hashlib.sha256(f"{project_id}|{salt}".encode()).digest()
    seed = randomness[0]
    key = project_key(project_id)
    version_encrypted = seed ^ _ENCRYPTION_VERSION
    key_encrypted = seed ^ key
    output = bytearray([seed, version_encrypted, key_encrypted])
    unencrypted_1, encrypted_1, encrypted_2 = key, key_encrypted, version_encrypted
    ignored = randomness[1 : 1 + ((seed & 6) >> 1)]
    for byte in bytes(ignored) + len(data).to_bytes(4, "little") + bytes(data):
        byte_encrypted = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        output.append(byte_encrypted)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_encrypted, byte
    return output.hex().upper()


def decrypt(hex_text: str) -> tuple[int, bytes]:
    """Decrypt a §2.4.3.3 value; return the project key and the data.

    Examples
    --------
    >>> decrypt(encrypt(b"\\xff", "{00000000-0000-0000-0000-000000000000}", "GC"))[1]
    b'\\xff'
    """
    encrypted = bytes.fromhex(hex_text)
    seed, version_encrypted, key_encrypted = encrypted[:3]
    if seed ^ version_encrypted != _ENCRYPTION_VERSION:
        raise ValueError("not an MS-OVBA encrypted value (version is not 2)")
    key = seed ^ key_encrypted
    unencrypted_1, encrypted_1, encrypted_2 = key, key_encrypted, version_encrypted
    plain = bytearray()
    for byte_encrypted in encrypted[3:]:
        byte = byte_encrypted ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_encrypted, byte
    ignored = (seed & 6) >> 1
    length = int.from_bytes(plain[ignored : ignored + 4], "little")
    data = bytes(plain[ignored + 4 :])
    if len(data) != length:
        raise ValueError("MS-OVBA encrypted value has the wrong length")
    return key, data


def _module_line(module: ProjectModule) -> str:
    if module.kind == "document":
        return f"Document={module.name}/&H00000000"
    return f"{'Module' if module.kind == 'standard' else 'Class'}={module.name}"


def build_project_stream(
    project_id: str,
    project_name: str,
    modules: Sequence[ProjectModule],
    code_page: int = 1252,
) -> bytes:
    """The ``PROJECT`` stream of an unprotected, visible project.

    Parameters
    ----------
    project_id : str
        ``"{GUID}"`` in upper case.
    project_name : str
        The VBA project name, e.g. ``"VBAProject"``.
    modules : Sequence[ProjectModule]
        The modules in the order of the ``dir`` stream.
    code_page : int
        The project's code page.

    Examples
    --------
    >>> text = build_project_stream(
    ...     "{00000000-0000-0000-0000-000000000000}", "VBAProject",
    ...     [ProjectModule("ThisWorkbook", "document")])
    >>> text.splitlines()[1]
    b'Document=ThisWorkbook/&H00000000'
    """
    lines = [
        f'ID="{project_id}"',
        *(_module_line(module) for module in modules),
        f'Name="{project_name}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{VERSION_COMPATIBLE32}"',
        # Unprotected: protection state 0, no password (one NUL byte), visible (0xFF).
        f'CMG="{encrypt(bytes(4), project_id, "CMG")}"',
        f'DPB="{encrypt(bytes(1), project_id, "DPB")}"',
        f'GC="{encrypt(VISIBLE, project_id, "GC")}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER_VBE,
        "",
        "[Workspace]",
        *(f"{module.name}=0, 0, 0, 0, C" for module in modules),
        "",
    ]
    return "\r\n".join([*lines, ""]).encode(f"cp{code_page}")


def build_project_wm_stream(module_names: Sequence[str], code_page: int = 1252) -> bytes:
    """The ``PROJECTwm`` stream: each name in the code page and in UTF-16LE, NUL-terminated.

    Examples
    --------
    >>> build_project_wm_stream(["M"])
    b'M\\x00M\\x00\\x00\\x00\\x00\\x00'
    """
    pairs = (
        name.encode(f"cp{code_page}") + b"\0" + name.encode("utf-16-le") + b"\0\0"
        for name in module_names
    )
    return b"".join(pairs) + b"\0\0"
