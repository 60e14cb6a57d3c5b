;; The multi-label decisions of a block of score rows (threshold-kernel.ts): which scores are at
;; or above their class's threshold, and whether every score is finite; and which labels of a
;; block of 0/1 indicator rows are 1 (ones8). The .npz reader's hot
;; loop: in JavaScript a finiteness test and a comparison a score, 3.4-3.8 ns (5.0-7.4 ns over
;; the speed bench's 100k x 485 file, stepping as the reader does); here four float32 scores (two
;; float64) take one compare and one mask test, the rare hits listed: 1.0 ns with the copy in
;; (`npm run bench -- io`, a long tail's float32 scores, 1% of them hits). Compiled into
;; threshold-kernel.wasm.ts by `npm run wasm` (wabt); test/core/threshold-kernel.test.ts checks
;; it against the plain comparison, test/core/wasm-module.test.ts the binary against this source.
(module
  (memory (export "memory") 1)
  ;; The first row (of the last call) holding a score that is NaN or infinite, or -1.
  (global $badRow (export "badRow") (mut i32) (i32.const -1))

  ;; float32: `rows` rows of C scores at $vals (row-major), thresholds f32[C] at $thr (each the
  ;; smallest float32 at or above the class's threshold, so that for a float32 score s,
  ;; s >= that <=> s >= the threshold). Writes r * C + j of every hit, in order, at $out (i32);
  ;; returns their number. Rows after a non-finite one are scanned too (the caller stops there).
  (func (export "above32") (param $vals i32) (param $rows i32) (param $C i32) (param $thr i32) (param $out i32) (result i32)
    (local $r i32) (local $j i32) (local $row i32) (local $v v128) (local $ok v128) (local $m i32)
    (local $hits i32) (local $s f32) (local $at i32)
    (global.set $badRow (i32.const -1))
    (local.set $row (local.get $vals))
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (local.set $ok (v128.const i32x4 -1 -1 -1 -1))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $C)))
            (local.set $v (v128.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
            ;; |s| < inf is false for NaN and both infinities.
            (local.set $ok (v128.and (local.get $ok)
              (f32x4.lt (f32x4.abs (local.get $v)) (v128.const f32x4 inf inf inf inf))))
            (local.set $m (i32x4.bitmask (f32x4.ge (local.get $v)
              (v128.load (i32.add (local.get $thr) (i32.shl (local.get $j) (i32.const 2)))))))
            (if (local.get $m)
              (then
                (local.set $at (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (loop $bits
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                    (i32.add (local.get $at) (i32.ctz (local.get $m))))
                  (local.set $hits (i32.add (local.get $hits) (i32.const 1)))
                  (br_if $bits (local.tee $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quad)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $C)))
            (local.set $s (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.eqz (f32.lt (f32.abs (local.get $s)) (f32.const inf)))
              (then (local.set $ok (v128.const i32x4 0 0 0 0))))
            (if (f32.ge (local.get $s) (f32.load (i32.add (local.get $thr) (i32.shl (local.get $j) (i32.const 2)))))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                  (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (local.set $hits (i32.add (local.get $hits) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (if (i32.and (i32.eqz (i32x4.all_true (local.get $ok))) (i32.lt_s (global.get $badRow) (i32.const 0)))
          (then (global.set $badRow (local.get $r))))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $C) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))
    (local.get $hits))

  ;; float64: as above32, two scores at a time, thresholds f64[C] as they are.
  (func (export "above64") (param $vals i32) (param $rows i32) (param $C i32) (param $thr i32) (param $out i32) (result i32)
    (local $r i32) (local $j i32) (local $row i32) (local $v v128) (local $ok v128) (local $m i32)
    (local $hits i32) (local $s f64) (local $at i32)
    (global.set $badRow (i32.const -1))
    (local.set $row (local.get $vals))
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (local.set $ok (v128.const i32x4 -1 -1 -1 -1))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $C)))
            (local.set $v (v128.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $ok (v128.and (local.get $ok)
              (f64x2.lt (f64x2.abs (local.get $v)) (v128.const f64x2 inf inf))))
            (local.set $m (i64x2.bitmask (f64x2.ge (local.get $v)
              (v128.load (i32.add (local.get $thr) (i32.shl (local.get $j) (i32.const 3)))))))
            (if (local.get $m)
              (then
                (local.set $at (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (loop $bits
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                    (i32.add (local.get $at) (i32.ctz (local.get $m))))
                  (local.set $hits (i32.add (local.get $hits) (i32.const 1)))
                  (br_if $bits (local.tee $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pair)))
        (if (i32.lt_u (local.get $j) (local.get $C))
          (then
            (local.set $s (f64.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
            (if (i32.eqz (f64.lt (f64.abs (local.get $s)) (f64.const inf)))
              (then (local.set $ok (v128.const i32x4 0 0 0 0))))
            (if (f64.ge (local.get $s) (f64.load (i32.add (local.get $thr) (i32.shl (local.get $j) (i32.const 3)))))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                  (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (local.set $hits (i32.add (local.get $hits) (i32.const 1)))))))
        (if (i32.and (i32.eqz (i32x4.all_true (local.get $ok))) (i32.lt_s (global.get $badRow) (i32.const 0)))
          (then (global.set $badRow (local.get $r))))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $C) (i32.const 3))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))
    (local.get $hits))

  ;; A one-byte 0/1 indicator matrix (a multi-label `labels` array of uint8, int8 or bool): as
  ;; above32 with a byte of 1 a hit, 16 bytes at a time (a long tail's rows are mostly zeros: one
  ;; test a 16 bytes), and a row holding a byte other than 0 or 1 the bad row. $thr is unused.
  (func (export "ones8") (param $vals i32) (param $rows i32) (param $C i32) (param $thr i32) (param $out i32) (result i32)
    (local $r i32) (local $j i32) (local $row i32) (local $v v128) (local $bad v128) (local $m i32)
    (local $hits i32) (local $b i32) (local $at i32)
    (global.set $badRow (i32.const -1))
    (local.set $row (local.get $vals))
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (local.set $bad (v128.const i32x4 0 0 0 0))
        (block $sixteensDone
          (loop $sixteen
            (br_if $sixteensDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $C)))
            (local.set $v (v128.load (i32.add (local.get $row) (local.get $j))))
            (if (v128.any_true (local.get $v))
              (then
                (local.set $bad (v128.or (local.get $bad) (i8x16.gt_u (local.get $v) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))))
                (local.set $m (i8x16.bitmask (i8x16.ne (local.get $v) (v128.const i32x4 0 0 0 0))))
                (local.set $at (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (loop $bits
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                    (i32.add (local.get $at) (i32.ctz (local.get $m))))
                  (local.set $hits (i32.add (local.get $hits) (i32.const 1)))
                  (br_if $bits (local.tee $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $sixteen)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $C)))
            (local.set $b (i32.load8_u (i32.add (local.get $row) (local.get $j))))
            (if (local.get $b)
              (then
                (if (i32.gt_u (local.get $b) (i32.const 1))
                  (then (local.set $bad (v128.const i32x4 -1 -1 -1 -1))))
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $hits) (i32.const 2)))
                  (i32.add (i32.mul (local.get $r) (local.get $C)) (local.get $j)))
                (local.set $hits (i32.add (local.get $hits) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (if (i32.and (v128.any_true (local.get $bad)) (i32.lt_s (global.get $badRow) (i32.const 0)))
          (then (global.set $badRow (local.get $r))))
        (local.set $row (i32.add (local.get $row) (local.get $C)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))
    (local.get $hits))
)
