;; Float64 SIMD (f64x2) kernels for the Krylov basis work (krylov.ts): the same three operations as
;; crossDots / accumulateRows / dotRows in ../blas.ts, on rows that live in the caller's memory.
;;
;; Rows are contiguous float64 stacks (row r of a stack at base + r·dim·8). Every pointer argument is a
;; BYTE offset into the imported memory; rows need only 8-byte alignment (odd dim puts every other row
;; off 16: v128 loads here are unaligned-safe). A row of odd length ends with one lone element: the dot
;; kernels load it with v128.load64_zero (lane 1 = 0, so it adds exactly x·y to lane 0), the update
;; kernels splat it and store lane 0.
;;
;; Register blocking (x64 has 16 xmm registers): dots take 2 X rows × 4 Y rows per sweep (8
;; accumulators + 6 loads), updates 2 output rows × 4 Y rows (8 splatted coefficients + 4 loads + 2
;; outputs), so each loaded vector serves 2–4 products.
;;
;; Rounding: accumulateRows evaluates out + (((a0·v0 + a1·v1) + a2·v2) + a3·v3), exactly the order of the
;; JS kernel, so it is bit-identical to it. The dots sum even and odd elements in two lanes and add the
;; lanes at the end: they differ from the JS sequential sums by summation order only.
(module
  (import "env" "memory" (memory 1))

  (func $hsum (param $v v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))

  ;; X·Y for one pair of rows; $vb = bytes covered by whole f64x2 (16·⌊dim/2⌋), $odd = dim & 1
  (func $dot (param $x i32) (param $y i32) (param $vb i32) (param $odd i32) (result f64)
    (local $i i32) (local $s v128)
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (local.set $s (f64x2.add (local.get $s)
          (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $i)))
                     (v128.load (i32.add (local.get $y) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        (local.set $s (f64x2.add (local.get $s)
          (f64x2.mul (v128.load64_zero (i32.add (local.get $x) (local.get $vb)))
                     (v128.load64_zero (i32.add (local.get $y) (local.get $vb))))))))
    (call $hsum (local.get $s)))

  ;; out0[0..3] = X0·Y0..3, out1[0..3] = X1·Y0..3 (Y rows $stride bytes apart)
  (func $dots2x4 (param $x0 i32) (param $x1 i32) (param $y0 i32) (param $stride i32) (param $vb i32) (param $odd i32)
                 (param $o0 i32) (param $o1 i32)
    (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $i i32)
    (local $a v128) (local $b v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $y1 (i32.add (local.get $y0) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (local.set $a (v128.load (i32.add (local.get $x0) (local.get $i))))
        (local.set $b (v128.load (i32.add (local.get $x1) (local.get $i))))
        (local.set $c0 (v128.load (i32.add (local.get $y0) (local.get $i))))
        (local.set $c1 (v128.load (i32.add (local.get $y1) (local.get $i))))
        (local.set $c2 (v128.load (i32.add (local.get $y2) (local.get $i))))
        (local.set $c3 (v128.load (i32.add (local.get $y3) (local.get $i))))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $a) (local.get $c0))))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $a) (local.get $c1))))
        (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $a) (local.get $c2))))
        (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $a) (local.get $c3))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $b) (local.get $c0))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $b) (local.get $c1))))
        (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $b) (local.get $c2))))
        (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $b) (local.get $c3))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        (local.set $a (v128.load64_zero (i32.add (local.get $x0) (local.get $vb))))
        (local.set $b (v128.load64_zero (i32.add (local.get $x1) (local.get $vb))))
        (local.set $c0 (v128.load64_zero (i32.add (local.get $y0) (local.get $vb))))
        (local.set $c1 (v128.load64_zero (i32.add (local.get $y1) (local.get $vb))))
        (local.set $c2 (v128.load64_zero (i32.add (local.get $y2) (local.get $vb))))
        (local.set $c3 (v128.load64_zero (i32.add (local.get $y3) (local.get $vb))))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $a) (local.get $c0))))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $a) (local.get $c1))))
        (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $a) (local.get $c2))))
        (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $a) (local.get $c3))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $b) (local.get $c0))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $b) (local.get $c1))))
        (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $b) (local.get $c2))))
        (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $b) (local.get $c3))))))
    (f64.store offset=0 (local.get $o0) (call $hsum (local.get $s00)))
    (f64.store offset=8 (local.get $o0) (call $hsum (local.get $s01)))
    (f64.store offset=16 (local.get $o0) (call $hsum (local.get $s02)))
    (f64.store offset=24 (local.get $o0) (call $hsum (local.get $s03)))
    (f64.store offset=0 (local.get $o1) (call $hsum (local.get $s10)))
    (f64.store offset=8 (local.get $o1) (call $hsum (local.get $s11)))
    (f64.store offset=16 (local.get $o1) (call $hsum (local.get $s12)))
    (f64.store offset=24 (local.get $o1) (call $hsum (local.get $s13))))

  ;; out0[0..3] = X0·Y0..3
  (func $dots1x4 (param $x0 i32) (param $y0 i32) (param $stride i32) (param $vb i32) (param $odd i32) (param $o0 i32)
    (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $i i32)
    (local $a v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $y1 (i32.add (local.get $y0) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (local.set $a (v128.load (i32.add (local.get $x0) (local.get $i))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $y0) (local.get $i))))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $y1) (local.get $i))))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $y2) (local.get $i))))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $y3) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        (local.set $a (v128.load64_zero (i32.add (local.get $x0) (local.get $vb))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (v128.load64_zero (i32.add (local.get $y0) (local.get $vb))))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a) (v128.load64_zero (i32.add (local.get $y1) (local.get $vb))))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $a) (v128.load64_zero (i32.add (local.get $y2) (local.get $vb))))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $a) (v128.load64_zero (i32.add (local.get $y3) (local.get $vb))))))))
    (f64.store offset=0 (local.get $o0) (call $hsum (local.get $s0)))
    (f64.store offset=8 (local.get $o0) (call $hsum (local.get $s1)))
    (f64.store offset=16 (local.get $o0) (call $hsum (local.get $s2)))
    (f64.store offset=24 (local.get $o0) (call $hsum (local.get $s3))))

  ;; out[$o + l·8 + r·ldo·8] = X_r · Y_l for r < nx, l < ny (X_r at $x + r·dim·8, Y_l at $y + l·dim·8)
  (func (export "crossDots") (param $x i32) (param $nx i32) (param $y i32) (param $ny i32) (param $dim i32)
                             (param $out i32) (param $ldo i32)
    (local $row i32) (local $vb i32) (local $odd i32) (local $ldoB i32)
    (local $r i32) (local $l i32) (local $xr i32) (local $or i32) (local $yl i32)
    (local.set $row (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $vb (i32.shl (i32.shr_u (local.get $dim) (i32.const 1)) (i32.const 4)))
    (local.set $odd (i32.and (local.get $dim) (i32.const 1)))
    (local.set $ldoB (i32.shl (local.get $ldo) (i32.const 3)))
    ;; pairs of X rows
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_s (i32.add (local.get $r) (i32.const 2)) (local.get $nx)))
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $row))))
        (local.set $or (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $ldoB))))
        (local.set $l (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $ny)))
            (call $dots2x4
              (local.get $xr) (i32.add (local.get $xr) (local.get $row))
              (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))) (local.get $row)
              (local.get $vb) (local.get $odd)
              (i32.add (local.get $or) (i32.shl (local.get $l) (i32.const 3)))
              (i32.add (i32.add (local.get $or) (local.get $ldoB)) (i32.shl (local.get $l) (i32.const 3))))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (br $quads)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_s (local.get $l) (local.get $ny)))
            (local.set $yl (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))))
            (f64.store (i32.add (local.get $or) (i32.shl (local.get $l) (i32.const 3)))
              (call $dot (local.get $xr) (local.get $yl) (local.get $vb) (local.get $odd)))
            (f64.store (i32.add (i32.add (local.get $or) (local.get $ldoB)) (i32.shl (local.get $l) (i32.const 3)))
              (call $dot (i32.add (local.get $xr) (local.get $row)) (local.get $yl) (local.get $vb) (local.get $odd)))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $rest)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $pairs)))
    ;; the last X row when nx is odd
    (if (i32.lt_s (local.get $r) (local.get $nx))
      (then
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $row))))
        (local.set $or (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $ldoB))))
        (local.set $l (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $ny)))
            (call $dots1x4
              (local.get $xr) (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))) (local.get $row)
              (local.get $vb) (local.get $odd) (i32.add (local.get $or) (i32.shl (local.get $l) (i32.const 3))))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (br $quads)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_s (local.get $l) (local.get $ny)))
            (f64.store (i32.add (local.get $or) (i32.shl (local.get $l) (i32.const 3)))
              (call $dot (local.get $xr) (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row)))
                         (local.get $vb) (local.get $odd)))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $rest))))))

  ;; X·Y for two rows of length dim
  (func (export "dotRows") (param $x i32) (param $y i32) (param $dim i32) (result f64)
    (call $dot (local.get $x) (local.get $y)
      (i32.shl (i32.shr_u (local.get $dim) (i32.const 1)) (i32.const 4)) (i32.and (local.get $dim) (i32.const 1))))

  ;; out += a·Y (one row)
  (func $axpy (param $o i32) (param $y i32) (param $vb i32) (param $odd i32) (param $a f64)
    (local $i i32) (local $av v128)
    (local.set $av (f64x2.splat (local.get $a)))
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (v128.store (i32.add (local.get $o) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $o) (local.get $i)))
                     (f64x2.mul (local.get $av) (v128.load (i32.add (local.get $y) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        (f64.store (i32.add (local.get $o) (local.get $vb))
          (f64.add (f64.load (i32.add (local.get $o) (local.get $vb)))
                   (f64.mul (local.get $a) (f64.load (i32.add (local.get $y) (local.get $vb)))))))))

  ;; out0 += Σ_q a_q·Y_q and out1 += Σ_q b_q·Y_q over 4 Y rows ($stride bytes apart); coefficients
  ;; scale·C at $c0 (4 numbers) and $c1
  (func $acc2x4 (param $o0 i32) (param $o1 i32) (param $y0 i32) (param $stride i32) (param $vb i32) (param $odd i32)
                (param $c0 i32) (param $c1 i32) (param $scale f64)
    (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $i i32) (local $last i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $y1 (i32.add (local.get $y0) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (local.set $a0 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=0 (local.get $c0)))))
    (local.set $a1 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=8 (local.get $c0)))))
    (local.set $a2 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=16 (local.get $c0)))))
    (local.set $a3 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=24 (local.get $c0)))))
    (local.set $b0 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=0 (local.get $c1)))))
    (local.set $b1 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=8 (local.get $c1)))))
    (local.set $b2 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=16 (local.get $c1)))))
    (local.set $b3 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=24 (local.get $c1)))))
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (local.set $v0 (v128.load (i32.add (local.get $y0) (local.get $i))))
        (local.set $v1 (v128.load (i32.add (local.get $y1) (local.get $i))))
        (local.set $v2 (v128.load (i32.add (local.get $y2) (local.get $i))))
        (local.set $v3 (v128.load (i32.add (local.get $y3) (local.get $i))))
        (v128.store (i32.add (local.get $o0) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $o0) (local.get $i)))
            (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $v0)) (f64x2.mul (local.get $a1) (local.get $v1)))
                                  (f64x2.mul (local.get $a2) (local.get $v2)))
                       (f64x2.mul (local.get $a3) (local.get $v3)))))
        (v128.store (i32.add (local.get $o1) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $o1) (local.get $i)))
            (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $b0) (local.get $v0)) (f64x2.mul (local.get $b1) (local.get $v1)))
                                  (f64x2.mul (local.get $b2) (local.get $v2)))
                       (f64x2.mul (local.get $b3) (local.get $v3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        ;; the lone last element, in lane 0 (lane 1 is a copy and is not stored)
        (local.set $v0 (v128.load64_splat (i32.add (local.get $y0) (local.get $vb))))
        (local.set $v1 (v128.load64_splat (i32.add (local.get $y1) (local.get $vb))))
        (local.set $v2 (v128.load64_splat (i32.add (local.get $y2) (local.get $vb))))
        (local.set $v3 (v128.load64_splat (i32.add (local.get $y3) (local.get $vb))))
        (local.set $last (i32.add (local.get $o0) (local.get $vb)))
        (f64.store (local.get $last)
          (f64.add (f64.load (local.get $last))
            (f64x2.extract_lane 0
              (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $v0)) (f64x2.mul (local.get $a1) (local.get $v1)))
                                    (f64x2.mul (local.get $a2) (local.get $v2)))
                         (f64x2.mul (local.get $a3) (local.get $v3))))))
        (local.set $last (i32.add (local.get $o1) (local.get $vb)))
        (f64.store (local.get $last)
          (f64.add (f64.load (local.get $last))
            (f64x2.extract_lane 0
              (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $b0) (local.get $v0)) (f64x2.mul (local.get $b1) (local.get $v1)))
                                    (f64x2.mul (local.get $b2) (local.get $v2)))
                         (f64x2.mul (local.get $b3) (local.get $v3)))))))))

  ;; out0 += Σ_q a_q·Y_q over 4 Y rows; coefficients scale·C at $c0
  (func $acc1x4 (param $o0 i32) (param $y0 i32) (param $stride i32) (param $vb i32) (param $odd i32)
                (param $c0 i32) (param $scale f64)
    (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $i i32) (local $last i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $y1 (i32.add (local.get $y0) (local.get $stride)))
    (local.set $y2 (i32.add (local.get $y1) (local.get $stride)))
    (local.set $y3 (i32.add (local.get $y2) (local.get $stride)))
    (local.set $a0 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=0 (local.get $c0)))))
    (local.set $a1 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=8 (local.get $c0)))))
    (local.set $a2 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=16 (local.get $c0)))))
    (local.set $a3 (f64x2.splat (f64.mul (local.get $scale) (f64.load offset=24 (local.get $c0)))))
    (block $done
      (loop $sweep
        (br_if $done (i32.ge_u (local.get $i) (local.get $vb)))
        (v128.store (i32.add (local.get $o0) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $o0) (local.get $i)))
            (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (v128.load (i32.add (local.get $y0) (local.get $i))))
                                             (f64x2.mul (local.get $a1) (v128.load (i32.add (local.get $y1) (local.get $i)))))
                                  (f64x2.mul (local.get $a2) (v128.load (i32.add (local.get $y2) (local.get $i)))))
                       (f64x2.mul (local.get $a3) (v128.load (i32.add (local.get $y3) (local.get $i)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $sweep)))
    (if (local.get $odd)
      (then
        (local.set $last (i32.add (local.get $o0) (local.get $vb)))
        (f64.store (local.get $last)
          (f64.add (f64.load (local.get $last))
            (f64x2.extract_lane 0
              (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (v128.load64_splat (i32.add (local.get $y0) (local.get $vb))))
                                               (f64x2.mul (local.get $a1) (v128.load64_splat (i32.add (local.get $y1) (local.get $vb)))))
                                    (f64x2.mul (local.get $a2) (v128.load64_splat (i32.add (local.get $y2) (local.get $vb)))))
                         (f64x2.mul (local.get $a3) (v128.load64_splat (i32.add (local.get $y3) (local.get $vb)))))))))))

  ;; out_r += scale · Σ_l C[r·ldc + l] · Y_l for r < nout, l < ny (out_r at $out + r·dim·8, Y_l at
  ;; $y + l·dim·8, C at $c): 2 output rows × 4 Y rows per sweep, the JS kernel's loop structure
  (func (export "accumulateRows") (param $c i32) (param $ldc i32) (param $nout i32) (param $y i32) (param $ny i32)
                                  (param $dim i32) (param $out i32) (param $scale f64)
    (local $row i32) (local $vb i32) (local $odd i32) (local $ldcB i32)
    (local $r i32) (local $l i32) (local $or i32) (local $cr i32) (local $yl i32)
    (local.set $row (i32.shl (local.get $dim) (i32.const 3)))
    (local.set $vb (i32.shl (i32.shr_u (local.get $dim) (i32.const 1)) (i32.const 4)))
    (local.set $odd (i32.and (local.get $dim) (i32.const 1)))
    (local.set $ldcB (i32.shl (local.get $ldc) (i32.const 3)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_s (i32.add (local.get $r) (i32.const 2)) (local.get $nout)))
        (local.set $or (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $row))))
        (local.set $cr (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldcB))))
        (local.set $l (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $ny)))
            (call $acc2x4
              (local.get $or) (i32.add (local.get $or) (local.get $row))
              (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))) (local.get $row)
              (local.get $vb) (local.get $odd)
              (i32.add (local.get $cr) (i32.shl (local.get $l) (i32.const 3)))
              (i32.add (i32.add (local.get $cr) (local.get $ldcB)) (i32.shl (local.get $l) (i32.const 3)))
              (local.get $scale))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (br $quads)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_s (local.get $l) (local.get $ny)))
            (local.set $yl (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))))
            (call $axpy (local.get $or) (local.get $yl) (local.get $vb) (local.get $odd)
              (f64.mul (local.get $scale) (f64.load (i32.add (local.get $cr) (i32.shl (local.get $l) (i32.const 3))))))
            (call $axpy (i32.add (local.get $or) (local.get $row)) (local.get $yl) (local.get $vb) (local.get $odd)
              (f64.mul (local.get $scale)
                (f64.load (i32.add (i32.add (local.get $cr) (local.get $ldcB)) (i32.shl (local.get $l) (i32.const 3))))))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $rest)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $r) (local.get $nout))
      (then
        (local.set $or (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $row))))
        (local.set $cr (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldcB))))
        (local.set $l (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $ny)))
            (call $acc1x4
              (local.get $or) (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row))) (local.get $row)
              (local.get $vb) (local.get $odd) (i32.add (local.get $cr) (i32.shl (local.get $l) (i32.const 3)))
              (local.get $scale))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (br $quads)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_s (local.get $l) (local.get $ny)))
            (call $axpy (local.get $or) (i32.add (local.get $y) (i32.mul (local.get $l) (local.get $row)))
              (local.get $vb) (local.get $odd)
              (f64.mul (local.get $scale) (f64.load (i32.add (local.get $cr) (i32.shl (local.get $l) (i32.const 3))))))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br $rest)))))))
