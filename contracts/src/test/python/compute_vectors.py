#!/usr/bin/env python3
"""Computes the compute vectors of docs/contracts.md §17.4 without the project's code: a
deterministic CBOR encoder for the few types the documents use (RFC 8949 §4.2.1: shortest
heads, map keys sorted by their encoding), SHA-256, and Ed25519 from Python's cryptography.
ComputeDocumentsTest asserts the same values."""
import hashlib
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")


def cbor(v):
    if isinstance(v, bool):
        raise TypeError
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        items = sorted((cbor(k), cbor(x)) for k, x in v.items())
        return head(5, len(items)) + b"".join(k + x for k, x in items)
    raise TypeError(v)


def key(seed_byte):
    k = Ed25519PrivateKey.from_private_bytes(bytes([seed_byte]) * 32)
    return k, k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(private, domain, payload):
    to_be_signed = cbor(["Signature1", bytes.fromhex("a10127"), domain.encode(), payload])
    return private.sign(to_be_signed)


def main():
    consumer, consumer_pub = key(0x41)
    provider, provider_pub = key(0x42)
    task = {0: bytes([1]) * 32, 1: 554, 2: bytes([2]) * 32, 3: 1004, 4: 10_000_000, 5: 4, 6: 1_767_225_600_000,
            7: bytes([3]) * 16}
    task_hash = hashlib.sha256(cbor(task)).digest()
    job = cbor({0: 1, 1: consumer_pub, 2: provider_pub, 3: task, 4: 5, 5: bytes([4]) * 16})
    result = cbor({0: 1, 1: task_hash, 2: bytes([1]) * 32, 3: bytes([2]) * 32, 4: bytes([5]) * 32, 5: 43, 6: 5_212_345,
                   7: 0, 8: 0, 9: 2})
    print("task hash    ", task_hash.hex())
    print("job payload  ", job.hex())
    print("job id       ", hashlib.sha256(job).digest()[:16].hex())
    print("result       ", result.hex())
    print("result sig   ", sign(provider, "smartshare/compute-result/v1", result).hex())


if __name__ == "__main__":
    main()
