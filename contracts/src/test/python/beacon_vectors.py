#!/usr/bin/env python3
"""Computes the beacon vectors of docs/beacon.md §9 without the project's code: the shard
membership's payload and id, the beacon order of an epoch, and a result leaf with its RFC 6962
leaf hash. Deterministic CBOR as in compute_vectors.py; SHA-256; Ed25519 keys from Python's
cryptography. BeaconVectorsTest asserts the same values."""
import base64
import hashlib
from compute_vectors import cbor, key

members = sorted(key(seed)[1] for seed in (0x51, 0x52, 0x53))


def node_id(public):
    digest = hashlib.sha256(b"smartshare/node-id/v1" + public).digest()[:16]
    return "ss" + base64.b32encode(digest).decode().lower().rstrip("=")


def main():
    membership = cbor({0: 1, 1: "example", 2: 1, 3: members, 4: 2, 5: 20, 6: 8})
    membership_id = hashlib.sha256(membership).digest()
    print("membership payload", membership.hex())
    print("membership id     ", membership_id.hex())
    epoch = 90_000_000
    order = sorted(members, key=lambda k: hashlib.sha256(epoch.to_bytes(8, "big") + k).digest())
    for position, k in enumerate(order):
        print("order", position, node_id(k), hashlib.sha256(epoch.to_bytes(8, "big") + k).digest().hex())
    result_hash = hashlib.sha256(b"an example result").digest()
    leaf = cbor({0: 2, 1: epoch, 2: result_hash, 3: membership_id, 4: 3})
    print("result leaf       ", leaf.hex())
    print("result leaf hash  ", hashlib.sha256(b"\x00" + leaf).digest().hex())


if __name__ == "__main__":
    main()
