#!/usr/bin/env python3
"""Computes the test vectors of docs/storage.md independently of the Java code: a content
sealed with AES-256-GCM leaf by leaf, its RFC 6962 root, and an owner's signed request.

Only the standard library plus `cryptography` is used. Run: python3 storage_vectors.py
"""
import base64, hashlib, hmac, struct
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

sha = lambda b: hashlib.sha256(b).digest()

# Sealing (docs/storage.md, "Encryption")
storage_key = bytes([0x07]) * 32
nonce = bytes([0x09]) * 16
plain = bytes((i * 7) & 0xff for i in range(10_000))
CHUNK = 4_080
file_key = hmac.new(storage_key, b'smartshare/storage-file/v1' + nonce, hashlib.sha256).digest()
chunks = [plain[i:i + CHUNK] for i in range(0, len(plain), CHUNK)] or [b'']
n = len(chunks)
aad = b'smartshare/storage-content/v1' + struct.pack('>Q', n)
leaves = [AESGCM(file_key).encrypt(b'\0' * 4 + struct.pack('>Q', i), c, aad) for i, c in enumerate(chunks)]

def root(hashes):  # RFC 6962 Merkle tree hash over leaf hashes
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return sha(b'\x01' + root(hashes[:k]) + root(hashes[k:]))

print('file key   ', file_key.hex())
print('leaves     ', n, 'sizes', [len(l) for l in leaves], 'content bytes', sum(len(l) for l in leaves))
print('leaf 0 head', leaves[0][:16].hex())
print('leaf 2 tail', leaves[2][-16:].hex())
print('root       ', root([sha(b'\x00' + l) for l in leaves]).hex())

# An owner's signed upload (docs/storage.md, "Owner signatures"): seed 0x51, agreement id 00..0f,
# from 4, count 0, body 01 02 03
owner = Ed25519PrivateKey.from_private_bytes(bytes([0x51]) * 32)
message = (b'smartshare/storage-request/v1' + bytes([1]) + bytes(range(16)) + struct.pack('>QQ', 4, 0)
           + sha(bytes([1, 2, 3])))
print('message    ', message.hex())
print('sig        ', base64.urlsafe_b64encode(owner.sign(message)).decode().rstrip('='))
