#!/usr/bin/env python3
"""Computes the test vectors and worked examples of docs/contracts.md independently of
the Java code.

Only the standard library plus `cryptography` (for Ed25519) is used; CBOR is written out
by hand here and the settlement arithmetic is a separate implementation of the rules in
the document. Run: python3 contracts_vectors.py
"""
import hashlib, struct
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 0x100: return bytes([major << 5 | 24, n])
    if n < 0x10000: return bytes([major << 5 | 25]) + struct.pack('>H', n)
    if n < 0x100000000: return bytes([major << 5 | 26]) + struct.pack('>I', n)
    return bytes([major << 5 | 27]) + struct.pack('>Q', n)

def uint(n): return head(0, n)
def nint(n): return head(1, -1 - n)
def bstr(b): return head(2, len(b)) + b
def tstr(s): b = s.encode(); return head(3, len(b)) + b
def arr(items): return head(4, len(items)) + b''.join(items)
def imap(pairs):  # small non-negative integer keys, already sorted
    keys = [k for k, _ in pairs]; assert keys == sorted(keys) and all(k < 24 for k in keys)
    return head(5, len(pairs)) + b''.join(uint(k) + v for k, v in pairs)

sha = lambda b: hashlib.sha256(b).digest()

def key(byte):
    k = Ed25519PrivateKey.from_private_bytes(bytes([byte]) * 32)
    return k, k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

import base64
def node_id(pub):
    return 'ss' + base64.b32encode(sha(b'smartshare/node-id/v1' + pub)[:16]).decode().lower().rstrip('=')

PROTECTED = imap([(1, nint(-8))])            # {1: -8}, EdDSA

def sign1(signer, pub, aad, payload):
    tbs = arr([tstr('Signature1'), bstr(PROTECTED), bstr(aad), bstr(payload)])
    sig = signer.sign(tbs)
    cose = arr([bstr(PROTECTED), imap([(4, bstr(node_id(pub).encode()))]), bstr(payload), bstr(sig)])
    return tbs, sig, cose

RECEIPT_AAD = b'smartshare/receipt/v1'
SCHEDULE_AAD = b'smartshare/schedule/v1'
CHANNEL_OPEN_AAD = b'smartshare/channel-open/v1'

def receipt_payload(provider, consumer, resource, amount, start, end, nonce, size, root):
    return imap([(0, uint(1)), (1, bstr(provider)), (2, bstr(consumer)), (3, uint(resource)), (4, uint(amount)),
                 (5, uint(start)), (6, uint(end)), (7, bstr(nonce)), (8, uint(size)), (9, bstr(root))])

# --- receipt test vector (section 10) ---
provider_key, provider_pub = key(0x01)
consumer_key, consumer_pub = key(0x02)
payload = receipt_payload(provider_pub, consumer_pub, 2, 250_000_000, 1_790_000_000_000, 1_790_000_060_000,
                          bytes(range(16)), 42, bytes([0xab]) * 32)
tbs, sig, cose = sign1(consumer_key, consumer_pub, RECEIPT_AAD, payload)
print('## receipt vector')
print('provider public key ', provider_pub.hex())
print('consumer public key ', consumer_pub.hex())
print('consumer node id    ', node_id(consumer_pub))
print('protected           ', PROTECTED.hex())
print('payload             ', payload.hex())
print('ToBeSigned          ', tbs.hex())
print('signature           ', sig.hex())
print('COSE_Sign1          ', cose.hex())

# --- worked example 2: settlement of epoch 7 (section 9) ---
RELAY_UP, RELAY_DOWN, STORAGE, CPU = 1, 2, 3, 4
A, B, C, D, E = (key(b)[1] for b in (0x0a, 0x0b, 0x0c, 0x0d, 0x0e))
names = {A: 'A', B: 'B', C: 'C', D: 'D', E: 'E'}
terms = {RELAY_UP: (2000, 1_000_000, 300_000), RELAY_DOWN: (2000, 1_000_000, 300_000),
         STORAGE: (5, 1000, 100_000), CPU: (30, 1000, 100_000)}

def schedule_payload(serial, valid_from, pool):
    rates = head(5, len(terms)) + b''.join(uint(r) + arr([uint(x) for x in terms[r]]) for r in sorted(terms))
    return imap([(0, uint(1)), (1, uint(serial)), (2, uint(valid_from)), (3, uint(pool)), (4, uint(1)), (5, rates)])

checkpoints = {A: (120, bytes([0xa1]) * 32), B: (80, bytes([0xa2]) * 32), C: (45, bytes([0xa3]) * 32),
               D: (30, bytes([0xa4]) * 32)}
previous = {(A, B, RELAY_DOWN): 50_000_000}
receipts = [  # (provider, consumer, resource, cumulative); all correctly signed by the consumer
    (A, B, RELAY_DOWN, 100_000_000), (A, B, RELAY_DOWN, 250_000_000), (A, C, RELAY_UP, 120_000_000),
    (A, B, RELAY_UP, 35_500_000), (B, A, RELAY_DOWN, 90_000_000), (B, C, CPU, 1_234_567),
    (C, D, STORAGE, 3_333_333), (D, D, RELAY_UP, 900_000_000), (D, E, RELAY_DOWN, 500_000_000),
    (E, A, RELAY_UP, 10_000_000)]
channel_open = imap([(0, uint(1)), (1, bstr(A)), (2, bstr(C)), (3, uint(50_000)), (4, bstr(bytes(16)))])
channel_id = sha(channel_open)[:16]
channel_proofs = [10_000, 25_000]   # both signed by A; the highest one counts

def settle(epoch, schedule_id, pool, receipts, previous, checkpoints, channels):
    marks = dict(previous)
    for p, c, r, amount in receipts:
        if p == c or p not in checkpoints or c not in checkpoints:
            continue
        marks[(p, c, r)] = max(marks.get((p, c, r), 0), amount)
    units = {}
    for (p, c, r), amount in marks.items():
        delta = amount - previous.get((p, c, r), 0)
        units[(p, r)] = units.get((p, r), 0) + delta
    earned, capped = {}, {}
    for (p, r), u in units.items():
        rate, unit, cap = terms[r]
        value = u * rate // unit
        earned[p] = earned.get(p, 0) + value
        capped[p] = capped.get(p, 0) + min(value, cap)
    total = sum(capped.values())
    nodes = sorted(p for p in capped if earned[p] > 0)
    reward, dust_of = {}, {p: 0 for p in nodes}
    if total <= pool:
        reward = dict(capped); dust = 0; unallocated = pool - total
    else:
        rem = {}
        for p in nodes:
            reward[p], rem[p] = divmod(pool * capped[p], total)
        dust = pool - sum(reward.values()); unallocated = 0
        for p in sorted(nodes, key=lambda p: (-rem[p], p))[:dust]:
            reward[p] += 1; dust_of[p] = 1
    enc = imap([
        (0, uint(1)), (1, uint(epoch)), (2, bstr(schedule_id)), (3, uint(pool)),
        (4, arr([arr([bstr(p), uint(earned[p]), uint(capped[p]), uint(reward[p]), uint(dust_of[p])]) for p in nodes])),
        (5, uint(unallocated)), (6, uint(dust)),
        (7, arr([arr([bstr(i), bstr(pa), bstr(pe), uint(dep), uint(paid)]) for i, pa, pe, dep, paid in sorted(channels)])),
        (8, arr([arr([bstr(p), bstr(c), uint(r), uint(a)]) for (p, c, r), a in sorted(marks.items())])),
        (9, arr([arr([bstr(n), uint(s), bstr(root)]) for n, (s, root) in sorted(checkpoints.items())]))])
    return nodes, earned, capped, reward, dust_of, dust, unallocated, enc

for title, pool in (('## example 2 (pool 500000)', 500_000), ('## example 4 (pool 1000000)', 1_000_000)):
    schedule = schedule_payload(3, 5, pool)
    schedule_id = sha(schedule)
    channels = [(channel_id, A, C, 50_000, max(channel_proofs))]
    nodes, earned, capped, reward, dust_of, dust, unallocated, enc = settle(
        7, schedule_id, pool, receipts, previous, checkpoints, channels)
    print(title)
    print('schedule payload', schedule.hex())
    print('schedule id     ', schedule_id.hex())
    print('channel id      ', channel_id.hex())
    print('key order       ', ' < '.join(names[n] for n in sorted(names)))
    for p in nodes:
        print(f'  {names[p]} earned={earned[p]} capped={capped[p]} reward={reward[p]} dust={dust_of[p]}')
    print('dust', dust, 'unallocated', unallocated, 'sum', sum(reward.values()))
    print('result bytes    ', len(enc))
    print('result sha256   ', sha(enc).hex())

# --- worked example 3: three equal providers, pool 100 ---
print('## example 3 (pool 100)')
schedule_id = sha(schedule_payload(3, 5, 100))
eq = [(A, D, RELAY_UP, 500_000_000), (B, D, RELAY_UP, 500_000_000), (C, D, RELAY_UP, 500_000_000)]
nodes, earned, capped, reward, dust_of, dust, unallocated, enc = settle(7, schedule_id, 100, eq, {}, checkpoints, [])
for p in nodes:
    print(f'  {names[p]} earned={earned[p]} capped={capped[p]} reward={reward[p]} dust={dust_of[p]}')
print('dust', dust, 'unallocated', unallocated)
print('result sha256   ', sha(enc).hex())

print('## public keys')
for n in sorted(names, key=lambda n: names[n]):
    print(names[n], n.hex())

# --- worked example 5: example 2's channel between two running nodes (docs/contracts.md §9, §15) ---
print('## example 5 (channel A -> C over CoAP)')
kA, pA = key(0x0a)
kC, pC = key(0x0c)
CHANNEL_PROOF_AAD = b'smartshare/channel-proof/v1'
CHANNEL_CLOSE_AAD = b'smartshare/channel-close/v1'
open_payload = imap([(0, uint(1)), (1, bstr(pA)), (2, bstr(pC)), (3, uint(50_000)), (4, bstr(bytes(16)))])
proposal = sign1(kA, pA, CHANNEL_OPEN_AAD, open_payload)[2]
open_record = arr([proposal, sign1(kC, pC, CHANNEL_OPEN_AAD, open_payload)[2]])
amount = lambda paid: imap([(0, uint(1)), (1, bstr(sha(open_payload)[:16])), (2, uint(paid))])
proof = sign1(kA, pA, CHANNEL_PROOF_AAD, amount(25_000))[2]
close_by_a = sign1(kA, pA, CHANNEL_CLOSE_AAD, amount(25_000))[2]
close = arr([uint(1), open_record, arr([close_by_a, sign1(kC, pC, CHANNEL_CLOSE_AAD, amount(25_000))[2]])])
print('sizes            proposal', len(proposal), 'open record', len(open_record), 'proof', len(proof),
      'close signature', len(close_by_a), 'close', len(close))
print('proof payload   ', amount(25_000).hex())
print('close sha256    ', sha(close).hex())

# --- worked example 6: relay price [3, 1000, 40000], deposit 50 000 (section 6.4) ---
def due(reading, rate=3, unit=1000, start=40000):
    return 0 if reading <= start else (reading - start) * rate // unit

def around(metered, bp=200, slack=16384):
    return metered * bp // 10000 + slack

print('## example 6 (relay price)')
for reading in (40000, 41500, 42000, 200333):
    print(f'  reading {reading} due {due(reading)}')
t = around(200000)
print('payee reading 200000 tolerance', t, 'accepts', due(200000 - t), '..', due(200000 + t),
      'open from at most', 200000 + t)

# --- worked example 7: storage price and audits (section 16) ---
print('## example 7 (storage)')
size, leaf = 10 * 1024 * 1024, 4096
leaves = -(-size // leaf)
byte_seconds = size * 30 * 86400
print('leaves', leaves, 'byte-seconds', byte_seconds, 'due', byte_seconds * 5 // ((1 << 30) * 3600),
      'first half due', (byte_seconds // 2) * 5 // ((1 << 30) * 3600))
AUDIT_LABEL = b'smartshare/storage-audit/v1'
digest = sha(AUDIT_LABEL + bytes(range(16)) + bytes(range(16, 32)))
print('challenge digest', digest.hex(), 'leaf of 1000', int.from_bytes(digest[:8], 'big') % 1000,
      'leaf of 2560', int.from_bytes(digest[:8], 'big') % 2560)
import math
print('challenges for 99 % at 1 % lost', math.ceil(math.log(0.01) / math.log(0.99)),
      'detection at 100', round(1 - 0.99 ** 100, 4))
