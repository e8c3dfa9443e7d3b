#!/usr/bin/env python3
"""Computes the test vectors of docs/ledger-format.md independently of the Java code.

Only the standard library plus `cryptography` (for Ed25519) is used; CBOR and CRC32C
are written out by hand here. Run: python3 ledger_vectors.py
"""
import base64, hashlib, struct
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 0x100: return bytes([major << 5 | 24, n])
    if n < 0x10000: return bytes([major << 5 | 25]) + struct.pack('>H', n)
    if n < 0x100000000: return bytes([major << 5 | 26]) + struct.pack('>I', n)
    return bytes([major << 5 | 27]) + struct.pack('>Q', n)

def uint(n): return head(0, n)
def bstr(b): return head(2, len(b)) + b
def tstr(s): b = s.encode(); return head(3, len(b)) + b
def imap(pairs):  # small non-negative integer keys, already sorted
    keys = [k for k, _ in pairs]; assert keys == sorted(keys) and all(k < 24 for k in keys)
    return head(5, len(pairs)) + b''.join(uint(k) + v for k, v in pairs)

def crc32c(data):
    crc = 0xffffffff
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff

sha = lambda b: hashlib.sha256(b).digest()
leaf = lambda r: sha(b'\x00' + r)
node = lambda l, r: sha(b'\x01' + l + r)

def mth(leaves):
    if len(leaves) == 1: return leaves[0]
    k = 1
    while k * 2 < len(leaves): k *= 2
    return node(mth(leaves[:k]), mth(leaves[k:]))

def key(seed_hex):
    k = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))
    pub = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return k, pub

log_key, log_pub = key('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')  # RFC 8032 TEST 1
peer_key, peer_pub = key('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb')  # RFC 8032 TEST 2

def record(seq, prev, time, typ, body):
    return imap([(0, uint(1)), (1, uint(seq)), (2, bstr(prev)), (3, uint(time)), (4, uint(typ)), (5, body)])

out = {}
r0 = record(0, bytes(32), 1700000000000, 1, imap([(0, tstr('net.tx')), (1, uint(1500)), (2, tstr('B')), (3, uint(60000))]))
r1 = record(1, leaf(r0), 1700000060000, 1, imap([(0, tstr('net.rx')), (1, uint(2048)), (2, tstr('B')), (3, uint(60000))]))
statement = b'smartshare receipt vector'
r2 = record(2, leaf(r1), 1700000120000, 2, imap([(0, bstr(peer_pub)), (1, bstr(statement)), (2, bstr(peer_key.sign(statement)))]))
records = [r0, r1, r2]
for i, r in enumerate(records):
    out[f'record{i}'] = r.hex()
    out[f'leaf{i}'] = leaf(r).hex()
out['frame0'] = (struct.pack('>II', len(r0), crc32c(r0)) + r0).hex()
out['root1'] = mth([leaf(r0)]).hex()
out['root2'] = mth([leaf(r) for r in records[:2]]).hex()
out['root3'] = mth([leaf(r) for r in records]).hex()

node_id_digest = sha(b'smartshare/node-id/v1' + log_pub)[:16]
node_id = 'ss' + base64.b32encode(node_id_digest).decode().lower().rstrip('=')
origin = 'smartshare/ledger/' + node_id
body = f'{origin}\n3\n{base64.b64encode(mth([leaf(r) for r in records])).decode()}\n'.encode()
keyhash = sha(origin.encode() + b'\n' + b'\x01' + log_pub)[:4]
sig = log_key.sign(body)
note = body + b'\n' + ('\u2014 ' + origin + ' ' + base64.b64encode(keyhash + sig).decode() + '\n').encode()
out['checkpoint3'] = note.hex()
r3 = record(3, leaf(r2), 1700000120001, 3, imap([(0, uint(3)), (1, bstr(mth([leaf(r) for r in records]))), (2, bstr(sig))]))
out['record3'] = r3.hex()
out['root4'] = mth([leaf(r) for r in records + [r3]]).hex()
hdr = b'SSLEDGER' + struct.pack('>IQ', 1, 0) + log_pub
out['segmentHeader0'] = (hdr + struct.pack('>I', crc32c(hdr))).hex()

print('log public key (RFC 8032 TEST 1):', log_pub.hex())
print('peer public key (RFC 8032 TEST 2):', peer_pub.hex())
print('origin:', origin)
print('checkpoint3 text:')
print(note.decode(), end='')
print()
for k, v in out.items():
    print(f'vector.{k} = {v}')
