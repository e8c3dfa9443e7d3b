;; A job that does some work and shows what the host gave it: reads stdin (at most 64 KiB),
;; takes its first 4 bytes (little-endian) as a number of rounds, runs FNV-1a 32 over the
;; whole input that many times, then prints the hash, 8 bytes of random_get and the realtime
;; clock in nanoseconds, each in hex: "hhhhhhhh rrrrrrrrrrrrrrrr cccccccccccccccc\n".
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 2)
  ;; 0: iovec, 8: count, 16: random, 24: clock, 64: the line printed, 1024: the input
  (func $hex (param $out i32) (param $v i64) (param $digits i32)
    (local $d i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $digits)))
        (local.set $digits (i32.sub (local.get $digits) (i32.const 1)))
        (local.set $d (i32.wrap_i64 (i64.and (local.get $v) (i64.const 15))))
        (i32.store8 (i32.add (local.get $out) (local.get $digits))
          (select (i32.add (local.get $d) (i32.const 48)) (i32.add (local.get $d) (i32.const 87))
            (i32.lt_u (local.get $d) (i32.const 10))))
        (local.set $v (i64.shr_u (local.get $v) (i64.const 4)))
        (br $next))))
  (func (export "_start")
    (local $len i32) (local $n i32) (local $rounds i32) (local $h i32) (local $i i32)
    (block $eof
      (loop $read
        (i32.store (i32.const 0) (i32.add (i32.const 1024) (local.get $len)))
        (i32.store (i32.const 4) (i32.sub (i32.const 65536) (local.get $len)))
        (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $eof (i32.eqz (local.get $n)))
        (local.set $len (i32.add (local.get $len) (local.get $n)))
        (br_if $eof (i32.ge_u (local.get $len) (i32.const 65536)))
        (br $read)))
    (local.set $rounds (select (i32.load (i32.const 1024)) (i32.const 1) (i32.ge_u (local.get $len) (i32.const 4))))
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $round
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $i (i32.const 0))
        (block $end
          (loop $byte
            (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
              (i32.const 0x01000193)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $round)))
    (drop (call $random_get (i32.const 16) (i32.const 8)))
    (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 24)))
    (call $hex (i32.const 64) (i64.extend_i32_u (local.get $h)) (i32.const 8))
    (i32.store8 (i32.const 72) (i32.const 32))
    (call $hex (i32.const 73) (i64.load (i32.const 16)) (i32.const 16))
    (i32.store8 (i32.const 89) (i32.const 32))
    (call $hex (i32.const 90) (i64.load (i32.const 24)) (i32.const 16))
    (i32.store8 (i32.const 106) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 43))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
