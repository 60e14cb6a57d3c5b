;; The hot loops of the score diagnostics (scores.ts's ScoreAccumulator), once per score: count an
;; example's scores in their bins, sum what log-loss and calibration need. The arithmetic of
;; score-grid.ts's scoreBin, eceBin and tuningCut, in WebAssembly because there it needs no bounds
;; or type checks and reads a double's bits for free: a multi-label score costs 1.6x less than in
;; the JavaScript loop this replaced (`npm run bench -- diagnostics`). Compiled into
;; score-kernel.wasm.ts by `npm run wasm` (wabt); test/core/diagnostics/score-kernel.test.ts
;; checks the two agree and every bin against score-grid.ts's.
(module
  (import "math" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 1)
  ;; Fixed addresses (bytes; score-kernel.ts reads them): the cuts b / 1000 for b = 0..1000, then
  ;; Infinity (f64[1002], written by score-kernel.ts); the calibration sums by bin and lane
  ;; (f64[15 * 4]); the state a call starts from and leaves (f64[3], see each function); where
  ;; score-kernel.ts may put its data.
  (global $cuts (export "cuts") i32 (i32.const 0))
  (global $lanes (export "lanes") i32 (i32.const 8192))
  (global $state (export "state") i32 (i32.const 8704))
  (global (export "data") i32 (i32.const 16384))
  ;; The counts that wrapped from 2^16 - 1 to 0 since score-kernel.ts last read them: their byte
  ;; addresses are at $wrapsAt (a loop parameter), this many (at most one a score).
  (global $wraps (export "wraps") (mut i32) (i32.const 0))

  ;; Both functions take four scores at a time (two f64x2, their bins as one i32x4) while all four
  ;; are in [0, 1], list their counts' addresses at $addrs and increment them after that loop, which
  ;; keeps it free of scattered stores; the rest one at a time (a multi-label score 1.4-1.7x faster,
  ;; a multiclass one 1.1-1.3x, than two at a time with the increments inside: `npm run bench --
  ;; diagnostics`). Some computations appear in several loops, written out in each (V8 does not
  ;; inline calls here: 1.2x slower a score):
  ;; - scoreBin: u = min(s, 1 - s) (1 - s is exact above 1/2); its biased exponent and the 6 bits
  ;;   after it are its bits 46 and up, 64192 = 1003 << 6 those of 2^-20 (the first bin takes all
  ;;   below); mirrored above 1/2 about the middle bin (2432 = 2 * 1216). In the loops that take
  ;;   four at a time the mirror is a branch taken only when a lane is above 1/2: most scores are
  ;;   below (a multiclass example has at most one above), and skipping it made a multiclass score
  ;;   ~7% cheaper.
  ;; - tuningCut: the number of cuts c_b = fl(b / 1000), b >= 1, at or below s. n = 1000 s rounded
  ;;   (to the nearest integer) is that number or one more, so one cut read decides: n - (s < c_n).
  ;;   Why: 1000 s and each 1000 c_b are within 1000 * 2^-53 < 2e-13 of x = 1000 s exact and of b, and
  ;;   |x - n| <= 1/2 + 2e-13, so c_(n+1) > s and c_(n-1) <= s. The floor of 1000 s corrected both
  ;;   ways read two cuts, the second at an address the first decided: a multi-label score cost
  ;;   ~0.8 ns more (11.0-11.6 against 10.1-10.7 ns, interleaved, an Ice Lake core). Four at a time,
;;   the cut is n / 1000 divided (correctly rounded, so c_n itself) instead of read, and n is read
;;   from 2^52 + 1000 s (rounded to nearest, ties to even, as f64.nearest).
;; - A score of -0 (in [0, 1]) is taken as 0: its sign bit would read as a bin far past the counts.
  ;; - clipped: to [eps, 1 - eps] (eps = 2^-52, scores.ts's LOG_LOSS_EPS), as bits (positive
  ;;   doubles order as their bits): no branch, and exactly scores.ts's clipped.

  ;; Multi-label: n scores (f64) at $vals of the classes (i32) at $cls, each counted as a negative
  ;; in its cell of the label grid (scoreBin + eceBin + tuningCut: score-grid.ts's cellOf) of the
  ;; 16-bit counts at $counts ([cell * cap + class]; a count that wraps is listed at $wrapsAt);
  ;; the likelihood of a negative (1 - clipped s) multiplied into state[0] (the log-loss taken out
  ;; of it added to state[1]); s added to its calibration bin's sum. $addrs: room for n addresses.
  ;; Returns the index of the first score outside [0, 1] (those before it are counted) or -1.
  (func (export "labels") (param $vals i32) (param $cls i32) (param $n i32) (param $counts i32) (param $cap i32) (param $wrapsAt i32) (param $addrs i32) (result i32)
    (local $j i32) (local $s f64) (local $e i32) (local $b i32) (local $at i32) (local $lik f64)
    (local $high i32) (local $bin i32) (local $bits i64) (local $count i32)
    (local $v0 v128) (local $v1 v128) (local $u0 v128) (local $u1 v128) (local $hi0 v128) (local $hi1 v128)
    (local $t0 v128) (local $t1 v128) (local $e0 v128) (local $e1 v128) (local $e4 v128) (local $b4 v128)
    (local $cap2 v128) (local $base v128) (local $calAt v128) (local $lik0 v128) (local $lik1 v128)
    (local.set $cap2 (i32x4.splat (i32.shl (local.get $cap) (i32.const 1))))
    (local.set $base (i32x4.splat (local.get $counts)))
    (local.set $calAt (i32x4.add (i32x4.splat (global.get $lanes)) (v128.const i32x4 0 8 16 24)))
    (local.set $lik0 (f64x2.replace_lane 0 (v128.const f64x2 1 1) (f64.load (global.get $state))))
    (local.set $lik1 (v128.const f64x2 1 1))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $v0 (v128.load (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $v1 (v128.load offset=16 (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (br_if $quadsDone (i32.eqz (i64x2.all_true (v128.and
          (v128.and (f64x2.ge (local.get $v0) (v128.const f64x2 0 0)) (f64x2.le (local.get $v0) (v128.const f64x2 1 1)))
          (v128.and (f64x2.ge (local.get $v1) (v128.const f64x2 0 0)) (f64x2.le (local.get $v1) (v128.const f64x2 1 1)))))))
        ;; -0 as 0 (its sign bit would make scoreBin's bits those of a huge bin).
        (local.set $v0 (f64x2.abs (local.get $v0)))
        (local.set $v1 (f64x2.abs (local.get $v1)))
        ;; tuningCut (see the top): n = 1000 s rounded, as 2^52 + n (n in the low word), less one
        ;; (a mask of -1 added) where s < the cut n / 1000 (a division: the cut, correctly rounded).
        (local.set $t0 (f64x2.add (f64x2.mul (local.get $v0) (v128.const f64x2 1000 1000)) (v128.const f64x2 0x1p52 0x1p52)))
        (local.set $t1 (f64x2.add (f64x2.mul (local.get $v1) (v128.const f64x2 1000 1000)) (v128.const f64x2 0x1p52 0x1p52)))
        (local.set $t0 (i64x2.add (local.get $t0) (f64x2.lt (local.get $v0)
          (f64x2.div (f64x2.sub (local.get $t0) (v128.const f64x2 0x1p52 0x1p52)) (v128.const f64x2 1000 1000)))))
        (local.set $t1 (i64x2.add (local.get $t1) (f64x2.lt (local.get $v1)
          (f64x2.div (f64x2.sub (local.get $t1) (v128.const f64x2 0x1p52 0x1p52)) (v128.const f64x2 1000 1000)))))
        ;; eceBin: min(floor(15 s), 14), as 2^52 + the bin; the four bins' low words in one i32x4.
        (local.set $e0 (f64x2.add (f64x2.pmin (f64x2.floor (f64x2.mul (local.get $v0) (v128.const f64x2 15 15)))
          (v128.const f64x2 14 14)) (v128.const f64x2 0x1p52 0x1p52)))
        (local.set $e1 (f64x2.add (f64x2.pmin (f64x2.floor (f64x2.mul (local.get $v1) (v128.const f64x2 15 15)))
          (v128.const f64x2 14 14)) (v128.const f64x2 0x1p52 0x1p52)))
        (local.set $e4 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $e0) (local.get $e1)))
        ;; scoreBin of the four (see the top), the mirror only when a lane is above 1/2.
        (local.set $hi0 (f64x2.gt (local.get $v0) (v128.const f64x2 0.5 0.5)))
        (local.set $hi1 (f64x2.gt (local.get $v1) (v128.const f64x2 0.5 0.5)))
        (local.set $high (v128.any_true (v128.or (local.get $hi0) (local.get $hi1))))
        (local.set $u0 (local.get $v0))
        (local.set $u1 (local.get $v1))
        (if (local.get $high)
          (then
            (local.set $u0 (v128.bitselect (f64x2.sub (v128.const f64x2 1 1) (local.get $v0)) (local.get $v0) (local.get $hi0)))
            (local.set $u1 (v128.bitselect (f64x2.sub (v128.const f64x2 1 1) (local.get $v1)) (local.get $v1) (local.get $hi1)))))
        (local.set $b4 (i32x4.max_s
          (i32x4.sub
            (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
              (i64x2.shr_u (local.get $u0) (i32.const 46)) (i64x2.shr_u (local.get $u1) (i32.const 46)))
            (v128.const i32x4 64192 64192 64192 64192))
          (v128.const i32x4 0 0 0 0)))
        (if (local.get $high)
          (then
            (local.set $b4 (v128.bitselect
              (i32x4.sub (v128.const i32x4 2432 2432 2432 2432) (local.get $b4)) (local.get $b4)
              (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $hi0) (local.get $hi1))))))
        ;; The four counts' addresses, counts + 2 (cell * cap + class), listed for the increments.
        (v128.store (i32.add (local.get $addrs) (i32.shl (local.get $j) (i32.const 2)))
          (i32x4.add
            (i32x4.mul (local.get $cap2) (i32x4.add (i32x4.add (local.get $b4) (local.get $e4))
              (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $t0) (local.get $t1))))
            (i32x4.add (local.get $base)
              (i32x4.shl (v128.load (i32.add (local.get $cls) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 1)))))
        ;; 1 - clipped(s) (pmax/pmin: exact for scores in [0, 1]) into each lane's product.
        (local.set $lik0 (f64x2.mul (local.get $lik0) (f64x2.pmin
          (f64x2.pmax (f64x2.sub (v128.const f64x2 1 1) (local.get $v0)) (v128.const f64x2 0x1p-52 0x1p-52))
          (v128.const f64x2 0x1.ffffffffffffep-1 0x1.ffffffffffffep-1))))
        (local.set $lik1 (f64x2.mul (local.get $lik1) (f64x2.pmin
          (f64x2.pmax (f64x2.sub (v128.const f64x2 1 1) (local.get $v1)) (v128.const f64x2 0x1p-52 0x1p-52))
          (v128.const f64x2 0x1.ffffffffffffep-1 0x1.ffffffffffffep-1))))
        (if (v128.any_true (f64x2.lt (f64x2.pmin (local.get $lik0) (local.get $lik1)) (v128.const f64x2 1e-280 1e-280)))
          (then
            (f64.store offset=8 (global.get $state)
              (f64.sub (f64.sub (f64.sub (f64.sub (f64.load offset=8 (global.get $state))
                (call $log (f64x2.extract_lane 0 (local.get $lik0)))) (call $log (f64x2.extract_lane 1 (local.get $lik0))))
                (call $log (f64x2.extract_lane 0 (local.get $lik1)))) (call $log (f64x2.extract_lane 1 (local.get $lik1)))))
            (local.set $lik0 (v128.const f64x2 1 1))
            (local.set $lik1 (v128.const f64x2 1 1))))
        ;; The calibration sums: score j + i in lane i (j is a multiple of 4 here, as j mod 4 below).
        (local.set $e4 (i32x4.add (i32x4.shl (local.get $e4) (i32.const 5)) (local.get $calAt)))
        (local.set $at (i32x4.extract_lane 0 (local.get $e4)))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 0 (local.get $v0))))
        (local.set $at (i32x4.extract_lane 1 (local.get $e4)))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 1 (local.get $v0))))
        (local.set $at (i32x4.extract_lane 2 (local.get $e4)))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 0 (local.get $v1))))
        (local.set $at (i32x4.extract_lane 3 (local.get $e4)))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 1 (local.get $v1))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quad)))
    (call $increment (local.get $addrs) (local.get $j) (local.get $wrapsAt))
    ;; The lanes' products in one: each is >= 1e-280, but theirs may underflow.
    (local.set $lik (f64x2.extract_lane 0 (local.get $lik0)))
    (local.set $lik (call $fold (local.get $lik) (f64x2.extract_lane 1 (local.get $lik0))))
    (local.set $lik (call $fold (local.get $lik) (f64x2.extract_lane 0 (local.get $lik1))))
    (local.set $lik (call $fold (local.get $lik) (f64x2.extract_lane 1 (local.get $lik1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $s (f64.load (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (if (i32.eqz (i32.and (f64.ge (local.get $s) (f64.const 0)) (f64.le (local.get $s) (f64.const 1))))
          (then
            (f64.store (global.get $state) (local.get $lik))
            (return (local.get $j))))
        (local.set $s (f64.abs (local.get $s)))
        ;; eceBin: min(floor(15 s), 14).
        (local.set $e (i32.trunc_sat_f64_s (f64.mul (local.get $s) (f64.const 15))))
        (local.set $e (select (local.get $e) (i32.const 14) (i32.lt_s (local.get $e) (i32.const 14))))
        ;; tuningCut: 1000 s to the nearest integer n, less one where s is below cut n (see the top).
        (local.set $b (i32.trunc_sat_f64_s (f64.nearest (f64.mul (local.get $s) (f64.const 1000)))))
        (local.set $b (i32.sub (local.get $b)
          (f64.lt (local.get $s) (f64.load (i32.shl (local.get $b) (i32.const 3))))))
        ;; scoreBin
        (local.set $high (f64.gt (local.get $s) (f64.const 0.5)))
        (local.set $bin (i32.sub
          (i32.wrap_i64 (i64.shr_u
            (select (i64.reinterpret_f64 (f64.sub (f64.const 1) (local.get $s)))
                    (i64.reinterpret_f64 (local.get $s))
                    (local.get $high))
            (i64.const 46)))
          (i32.const 64192)))
        (local.set $bin (select (local.get $bin) (i32.const 0) (i32.gt_s (local.get $bin) (i32.const 0))))
        (local.set $bin (select (i32.sub (i32.const 2432) (local.get $bin)) (local.get $bin) (local.get $high)))
        (local.set $at (i32.add (local.get $counts) (i32.shl
          (i32.add
            (i32.mul (i32.add (local.get $bin) (i32.add (local.get $e) (local.get $b))) (local.get $cap))
            (i32.load (i32.add (local.get $cls) (i32.shl (local.get $j) (i32.const 2)))))
          (i32.const 1))))
        (local.set $count (i32.add (i32.load16_u (local.get $at)) (i32.const 1)))
        (i32.store16 (local.get $at) (local.get $count))
        (if (i32.eq (local.get $count) (i32.const 65536))
          (then
            (i32.store (i32.add (local.get $wrapsAt) (i32.shl (global.get $wraps) (i32.const 2))) (local.get $at))
            (global.set $wraps (i32.add (global.get $wraps) (i32.const 1)))))
        ;; 1 - clipped(s) = 1 - s clipped the same way (exact: see scores.ts).
        (local.set $bits (i64.reinterpret_f64 (f64.sub (f64.const 1) (local.get $s))))
        (local.set $bits (select (local.get $bits) (i64.const 0x3CB0000000000000) (i64.gt_s (local.get $bits) (i64.const 0x3CB0000000000000))))
        (local.set $bits (select (local.get $bits) (i64.const 0x3FEFFFFFFFFFFFFE) (i64.lt_s (local.get $bits) (i64.const 0x3FEFFFFFFFFFFFFE))))
        (local.set $lik (call $fold (local.get $lik) (f64.reinterpret_i64 (local.get $bits))))
        ;; The calibration sums in lane j mod 4: consecutive scores add to different ones.
        (local.set $at (i32.add (global.get $lanes) (i32.shl
          (i32.or (i32.shl (local.get $e) (i32.const 2)) (i32.and (local.get $j) (i32.const 3)))
          (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $s)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (f64.store (global.get $state) (local.get $lik))
    (i32.const -1))

  ;; The counts at the n addresses listed at $addrs, each one more (a count that wraps is listed at
  ;; $wrapsAt): a round's increments, after its loop (see the top).
  (func $increment (param $addrs i32) (param $n i32) (param $wrapsAt i32)
    (local $k i32) (local $at i32) (local $count i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.load (i32.add (local.get $addrs) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $count (i32.add (i32.load16_u (local.get $at)) (i32.const 1)))
        (i32.store16 (local.get $at) (local.get $count))
        (if (i32.eq (local.get $count) (i32.const 65536))
          (then
            (i32.store (i32.add (local.get $wrapsAt) (i32.shl (global.get $wraps) (i32.const 2))) (local.get $at))
            (global.set $wraps (i32.add (global.get $wraps) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; lik * f, or f with log(lik) taken out into state[1] where that product would fall below
  ;; 1e-280 (each factor is >= eps, so the product stays a normal double until its log is taken).
  (func $fold (param $lik f64) (param $f f64) (result f64)
    (if (result f64) (f64.lt (f64.mul (local.get $lik) (local.get $f)) (f64.const 1e-280))
      (then
        (f64.store offset=8 (global.get $state) (f64.sub (f64.load offset=8 (global.get $state)) (call $log (local.get $lik))))
        (local.get $f))
      (else (f64.mul (local.get $lik) (local.get $f)))))

  ;; Multiclass: as labels, each score counted in its octave bin (scoreBin); the clipped scores
  ;; summed into state[0], the first highest score and its class kept in state[1] and state[2].
  (func (export "classes") (param $vals i32) (param $cls i32) (param $n i32) (param $counts i32) (param $cap i32) (param $wrapsAt i32) (param $addrs i32) (result i32)
    (local $j i32) (local $s f64) (local $c i32) (local $at i32) (local $sum f64) (local $best f64) (local $bestClass i32)
    (local $high i32) (local $bin i32) (local $bits i64) (local $count i32)
    (local $v0 v128) (local $v1 v128) (local $u0 v128) (local $u1 v128) (local $hi0 v128) (local $hi1 v128) (local $b4 v128)
    (local $cap2 v128) (local $base v128) (local $sum2 v128) (local $best2 v128) (local $where2 v128) (local $js v128) (local $m v128)
    (local $b0 f64) (local $b1 f64) (local $w0 i32) (local $w1 i32)
    (local.set $sum (f64.load (global.get $state)))
    (local.set $best (f64.load offset=8 (global.get $state)))
    (local.set $bestClass (i32.trunc_sat_f64_s (f64.load offset=16 (global.get $state))))
    ;; Four scores at a time (two f64x2), while all four are in [0, 1]: each lane keeps its own
    ;; sum and first highest score (and where it is), combined after; the rest one at a time below.
    (local.set $cap2 (i32x4.splat (i32.shl (local.get $cap) (i32.const 1))))
    (local.set $base (i32x4.splat (local.get $counts)))
    (local.set $best2 (f64x2.splat (f64.const -1)))
    (local.set $js (v128.const i64x2 0 1))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $v0 (v128.load (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $v1 (v128.load offset=16 (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (br_if $quadsDone (i32.eqz (i64x2.all_true (v128.and
          (v128.and (f64x2.ge (local.get $v0) (v128.const f64x2 0 0)) (f64x2.le (local.get $v0) (v128.const f64x2 1 1)))
          (v128.and (f64x2.ge (local.get $v1) (v128.const f64x2 0 0)) (f64x2.le (local.get $v1) (v128.const f64x2 1 1)))))))
        ;; -0 as 0 (see labels).
        (local.set $v0 (f64x2.abs (local.get $v0)))
        (local.set $v1 (f64x2.abs (local.get $v1)))
        ;; scoreBin of the four, as in labels.
        (local.set $hi0 (f64x2.gt (local.get $v0) (v128.const f64x2 0.5 0.5)))
        (local.set $hi1 (f64x2.gt (local.get $v1) (v128.const f64x2 0.5 0.5)))
        (local.set $high (v128.any_true (v128.or (local.get $hi0) (local.get $hi1))))
        (local.set $u0 (local.get $v0))
        (local.set $u1 (local.get $v1))
        (if (local.get $high)
          (then
            (local.set $u0 (v128.bitselect (f64x2.sub (v128.const f64x2 1 1) (local.get $v0)) (local.get $v0) (local.get $hi0)))
            (local.set $u1 (v128.bitselect (f64x2.sub (v128.const f64x2 1 1) (local.get $v1)) (local.get $v1) (local.get $hi1)))))
        (local.set $b4 (i32x4.max_s
          (i32x4.sub
            (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
              (i64x2.shr_u (local.get $u0) (i32.const 46)) (i64x2.shr_u (local.get $u1) (i32.const 46)))
            (v128.const i32x4 64192 64192 64192 64192))
          (v128.const i32x4 0 0 0 0)))
        (if (local.get $high)
          (then
            (local.set $b4 (v128.bitselect
              (i32x4.sub (v128.const i32x4 2432 2432 2432 2432) (local.get $b4)) (local.get $b4)
              (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $hi0) (local.get $hi1))))))
        ;; The four counts' addresses, counts + 2 (bin * cap + class), listed for the increments.
        (v128.store (i32.add (local.get $addrs) (i32.shl (local.get $j) (i32.const 2)))
          (i32x4.add
            (i32x4.mul (local.get $cap2) (local.get $b4))
            (i32x4.add (local.get $base)
              (i32x4.shl (v128.load (i32.add (local.get $cls) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 1)))))
        ;; clipped (pmax/pmin: exact for scores in [0, 1]).
        (local.set $sum2 (f64x2.add (local.get $sum2) (f64x2.add
          (f64x2.pmin (f64x2.pmax (local.get $v0) (v128.const f64x2 0x1p-52 0x1p-52)) (v128.const f64x2 0x1.ffffffffffffep-1 0x1.ffffffffffffep-1))
          (f64x2.pmin (f64x2.pmax (local.get $v1) (v128.const f64x2 0x1p-52 0x1p-52)) (v128.const f64x2 0x1.ffffffffffffep-1 0x1.ffffffffffffep-1)))))
        ;; Each lane's first highest: scores j + l and j + 2 + l (the later only if higher), then
        ;; the lane's so far unless not higher (it came first).
        (local.set $m (f64x2.gt (local.get $v1) (local.get $v0)))
        (local.set $u0 (v128.bitselect (local.get $v1) (local.get $v0) (local.get $m)))
        (local.set $u1 (v128.bitselect (i64x2.add (local.get $js) (v128.const i64x2 2 2)) (local.get $js) (local.get $m)))
        (local.set $m (f64x2.gt (local.get $u0) (local.get $best2)))
        (local.set $best2 (v128.bitselect (local.get $u0) (local.get $best2) (local.get $m)))
        (local.set $where2 (v128.bitselect (local.get $u1) (local.get $where2) (local.get $m)))
        (local.set $js (i64x2.add (local.get $js) (v128.const i64x2 4 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quad)))
    (call $increment (local.get $addrs) (local.get $j) (local.get $wrapsAt))
    (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $sum2)))
                             (f64x2.extract_lane 1 (local.get $sum2))))
    ;; The lanes' first highest: lane 1's if higher, or as high and earlier; then the state's
    ;; unless lower (it came first).
    (local.set $b0 (f64x2.extract_lane 0 (local.get $best2)))
    (local.set $b1 (f64x2.extract_lane 1 (local.get $best2)))
    (local.set $w0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $where2))))
    (local.set $w1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $where2))))
    (if (i32.or (f64.gt (local.get $b1) (local.get $b0))
                (i32.and (f64.eq (local.get $b1) (local.get $b0)) (i32.lt_s (local.get $w1) (local.get $w0))))
      (then
        (local.set $b0 (local.get $b1))
        (local.set $w0 (local.get $w1))))
    (if (f64.gt (local.get $b0) (local.get $best))
      (then
        (local.set $best (local.get $b0))
        (local.set $bestClass (i32.load (i32.add (local.get $cls) (i32.shl (local.get $w0) (i32.const 2)))))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $s (f64.load (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3)))))
        (br_if $done (i32.eqz (i32.and (f64.ge (local.get $s) (f64.const 0)) (f64.le (local.get $s) (f64.const 1)))))
        (local.set $s (f64.abs (local.get $s)))
        (local.set $c (i32.load (i32.add (local.get $cls) (i32.shl (local.get $j) (i32.const 2)))))
        ;; scoreBin
        (local.set $high (f64.gt (local.get $s) (f64.const 0.5)))
        (local.set $bin (i32.sub
          (i32.wrap_i64 (i64.shr_u
            (select (i64.reinterpret_f64 (f64.sub (f64.const 1) (local.get $s)))
                    (i64.reinterpret_f64 (local.get $s))
                    (local.get $high))
            (i64.const 46)))
          (i32.const 64192)))
        (local.set $bin (select (local.get $bin) (i32.const 0) (i32.gt_s (local.get $bin) (i32.const 0))))
        (local.set $bin (select (i32.sub (i32.const 2432) (local.get $bin)) (local.get $bin) (local.get $high)))
        (local.set $at (i32.add (local.get $counts) (i32.shl
          (i32.add (i32.mul (local.get $bin) (local.get $cap)) (local.get $c))
          (i32.const 1))))
        (local.set $count (i32.add (i32.load16_u (local.get $at)) (i32.const 1)))
        (i32.store16 (local.get $at) (local.get $count))
        (if (i32.eq (local.get $count) (i32.const 65536))
          (then
            (i32.store (i32.add (local.get $wrapsAt) (i32.shl (global.get $wraps) (i32.const 2))) (local.get $at))
            (global.set $wraps (i32.add (global.get $wraps) (i32.const 1)))))
        ;; clipped
        (local.set $bits (i64.reinterpret_f64 (local.get $s)))
        (local.set $bits (select (local.get $bits) (i64.const 0x3CB0000000000000) (i64.gt_s (local.get $bits) (i64.const 0x3CB0000000000000))))
        (local.set $bits (select (local.get $bits) (i64.const 0x3FEFFFFFFFFFFFFE) (i64.lt_s (local.get $bits) (i64.const 0x3FEFFFFFFFFFFFFE))))
        (local.set $sum (f64.add (local.get $sum) (f64.reinterpret_i64 (local.get $bits))))
        ;; The first highest score is the prediction, as the readers take it.
        (if (f64.gt (local.get $s) (local.get $best))
          (then
            (local.set $best (local.get $s))
            (local.set $bestClass (local.get $c))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (f64.store (global.get $state) (local.get $sum))
    (f64.store offset=8 (global.get $state) (local.get $best))
    (f64.store offset=16 (global.get $state) (f64.convert_i32_s (local.get $bestClass)))
    (select (i32.const -1) (local.get $j) (i32.eq (local.get $j) (local.get $n))))
)
