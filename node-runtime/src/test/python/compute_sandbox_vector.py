#!/usr/bin/env python3
"""The line checksum.wat prints for the sandbox vector of docs/compute.md ("Test vectors"),
computed without WebAssembly: FNV-1a 32 over the input 3 times, java.util.Random's first 8
bytes for the task's seed (all zero: Random(0)), and the task's clock in nanoseconds.
WasmSandboxTest.theSandboxVector asserts the same line from a real run."""
MASK48 = (1 << 48) - 1


class JavaRandom:
    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & MASK48

    def next32(self):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & MASK48
        v = self.seed >> 16
        return v - (1 << 32) if v >= 1 << 31 else v

    def next_bytes(self, n):
        out = []
        while len(out) < n:
            r = self.next32()
            for _ in range(min(4, n - len(out))):
                out.append(r & 0xFF)
                r >>= 8
        return bytes(out)


data = (3).to_bytes(4, "little") + b"hello"
h = 0x811C9DC5
for _ in range(3):
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
random = int.from_bytes(JavaRandom(0).next_bytes(8), "little")
clock = 1_767_225_600_000 * 1_000_000
print(f"{h:08x} {random:016x} {clock:016x}")
