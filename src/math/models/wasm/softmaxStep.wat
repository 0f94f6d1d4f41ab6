;; The batch-1 softmax SGD step (softmax.ts sgdStep, batch 1) in WebAssembly, bit-identical to the JS:
;; the same float64 operations in the same order (float32 values widened exactly, products of two
;; widened float32 values are exact in float64, every sum of one class sequential over i, the update
;; decay·x − s·v rounded once to float32, round-to-nearest-even like Math.fround).
;;
;; Every pointer argument is a BYTE offset into the imported memory. x: k float32 rows of d (row c at
;; x + 4·c·d; odd d puts rows off 16-byte alignment: v128 loads/stores here are unaligned-safe);
;; v: the input row widened to float64 (d values); out / s: k float64 values.
;;
;; logits: scalar float64 (a class's sum must stay sequential over i, so lanes could only carry
;; different classes, and gathering two rows into one f64x2 costs more shuffles than it saves), four
;; classes per sweep over v (four independent add chains hide the add latency), then two, then one.
;; update: elementwise, so f64x2 lanes over i: four float32 of a row widened to two f64x2, updated,
;; narrowed (f32x4.demote_f64x2_zero) and stored as one v128; the last d mod 4 elements one by one.
(module
  (import "env" "memory" (memory 1))

  ;; widen d float32 at $src to float64 at $dst
  (func (export "widen") (param $src i32) (param $dst i32) (param $d i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
        (f64.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3)))
          (f64.promote_f32 (f32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; out[0..3] = rows x0, x0+rb, x0+2rb, x0+3rb · v, each summed sequentially over i
  (func $dots4 (param $x0 i32) (param $rb i32) (param $v i32) (param $d i32) (param $out i32)
    (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $px i32) (local $pv i32) (local $end i32)
    (local $vi f64) (local $z0 f64) (local $z1 f64) (local $z2 f64) (local $z3 f64)
    (local.set $x1 (i32.add (local.get $x0) (local.get $rb)))
    (local.set $x2 (i32.add (local.get $x1) (local.get $rb)))
    (local.set $x3 (i32.add (local.get $x2) (local.get $rb)))
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $px) (local.get $end)))
        (local.set $vi (f64.load (i32.add (local.get $v) (local.get $pv))))
        (local.set $z0 (f64.add (local.get $z0)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x0) (local.get $px)))) (local.get $vi))))
        (local.set $z1 (f64.add (local.get $z1)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x1) (local.get $px)))) (local.get $vi))))
        (local.set $z2 (f64.add (local.get $z2)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x2) (local.get $px)))) (local.get $vi))))
        (local.set $z3 (f64.add (local.get $z3)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x3) (local.get $px)))) (local.get $vi))))
        (local.set $px (i32.add (local.get $px) (i32.const 4)))
        (local.set $pv (i32.add (local.get $pv) (i32.const 8)))
        (br $next)))
    (f64.store offset=0 (local.get $out) (local.get $z0))
    (f64.store offset=8 (local.get $out) (local.get $z1))
    (f64.store offset=16 (local.get $out) (local.get $z2))
    (f64.store offset=24 (local.get $out) (local.get $z3)))

  ;; out[0..1] = rows x0, x0+rb · v
  (func $dots2 (param $x0 i32) (param $rb i32) (param $v i32) (param $d i32) (param $out i32)
    (local $x1 i32) (local $px i32) (local $pv i32) (local $end i32)
    (local $vi f64) (local $z0 f64) (local $z1 f64)
    (local.set $x1 (i32.add (local.get $x0) (local.get $rb)))
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $px) (local.get $end)))
        (local.set $vi (f64.load (i32.add (local.get $v) (local.get $pv))))
        (local.set $z0 (f64.add (local.get $z0)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x0) (local.get $px)))) (local.get $vi))))
        (local.set $z1 (f64.add (local.get $z1)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x1) (local.get $px)))) (local.get $vi))))
        (local.set $px (i32.add (local.get $px) (i32.const 4)))
        (local.set $pv (i32.add (local.get $pv) (i32.const 8)))
        (br $next)))
    (f64.store offset=0 (local.get $out) (local.get $z0))
    (f64.store offset=8 (local.get $out) (local.get $z1)))

  ;; out[0] = row x0 · v
  (func $dot1 (param $x0 i32) (param $v i32) (param $d i32) (param $out i32)
    (local $px i32) (local $pv i32) (local $end i32) (local $z0 f64)
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $px) (local.get $end)))
        (local.set $z0 (f64.add (local.get $z0)
          (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x0) (local.get $px))))
                   (f64.load (i32.add (local.get $v) (local.get $pv))))))
        (local.set $px (i32.add (local.get $px) (i32.const 4)))
        (local.set $pv (i32.add (local.get $pv) (i32.const 8)))
        (br $next)))
    (f64.store (local.get $out) (local.get $z0)))

  ;; out[c] = x_c · v for c < k
  (func (export "logits") (param $x i32) (param $v i32) (param $k i32) (param $d i32) (param $out i32)
    (local $c i32) (local $rb i32)
    (local.set $rb (i32.shl (local.get $d) (i32.const 2)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $k)))
        (call $dots4 (local.get $x) (local.get $rb) (local.get $v) (local.get $d) (local.get $out))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $rb) (i32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $next4)))
    (if (i32.le_u (i32.add (local.get $c) (i32.const 2)) (local.get $k))
      (then
        (call $dots2 (local.get $x) (local.get $rb) (local.get $v) (local.get $d) (local.get $out))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $rb) (i32.const 1))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))))
    (if (i32.lt_u (local.get $c) (local.get $k))
      (then (call $dot1 (local.get $x) (local.get $v) (local.get $d) (local.get $out)))))

  ;; x_c ← f32(decay·x_c − s[c]·v) for c < k
  (func (export "update") (param $x i32) (param $v i32) (param $k i32) (param $d i32) (param $s i32) (param $decay f64)
    (local $c i32) (local $px i32) (local $pv i32) (local $vend i32) (local $end i32)
    (local $sc f64) (local $a v128) (local $vs v128) (local $vd v128) (local $w v128)
    (local.set $vd (f64x2.splat (local.get $decay)))
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    ;; bytes of x covered by whole groups of four
    (local.set $vend (i32.and (local.get $end) (i32.const -16)))
    (block $doneC
      (loop $nextC
        (br_if $doneC (i32.ge_u (local.get $c) (local.get $k)))
        (local.set $sc (f64.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $vs (f64x2.splat (local.get $sc)))
        (local.set $px (i32.const 0))
        (local.set $pv (i32.const 0))
        (block $done4
          (loop $next4
            (br_if $done4 (i32.ge_u (local.get $px) (local.get $vend)))
            (local.set $w (v128.load (i32.add (local.get $x) (local.get $px))))
            ;; lanes 0,1 of w
            (local.set $a (f64x2.sub
              (f64x2.mul (local.get $vd) (f64x2.promote_low_f32x4 (local.get $w)))
              (f64x2.mul (local.get $vs) (v128.load (i32.add (local.get $v) (local.get $pv))))))
            ;; lanes 2,3 of w
            (local.set $w (f64x2.sub
              (f64x2.mul (local.get $vd)
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $w) (local.get $w))))
              (f64x2.mul (local.get $vs) (v128.load offset=16 (i32.add (local.get $v) (local.get $pv))))))
            (v128.store (i32.add (local.get $x) (local.get $px))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (f32x4.demote_f64x2_zero (local.get $a))
                (f32x4.demote_f64x2_zero (local.get $w))))
            (local.set $px (i32.add (local.get $px) (i32.const 16)))
            (local.set $pv (i32.add (local.get $pv) (i32.const 32)))
            (br $next4)))
        (block $done1
          (loop $next1
            (br_if $done1 (i32.ge_u (local.get $px) (local.get $end)))
            (f32.store (i32.add (local.get $x) (local.get $px))
              (f32.demote_f64 (f64.sub
                (f64.mul (local.get $decay) (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $px)))))
                (f64.mul (local.get $sc) (f64.load (i32.add (local.get $v) (local.get $pv)))))))
            (local.set $px (i32.add (local.get $px) (i32.const 4)))
            (local.set $pv (i32.add (local.get $pv) (i32.const 8)))
            (br $next1)))
        (local.set $x (i32.add (local.get $x) (local.get $end)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $nextC))))
)
