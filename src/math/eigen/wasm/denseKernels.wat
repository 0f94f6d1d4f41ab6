;; Float64 SIMD (f64x2) kernels for the O(m³) loops of symmetricEigenTop (../dense.ts): the Householder
;; reduction's A·d and rank-2 update on a full symmetric matrix, and the replay of the QL rotations and
;; of the reflectors on the wanted eigenvector rows.
;;
;; Every pointer argument is a BYTE offset into the imported memory. Rows are contiguous float64 runs of
;; `n` (or `count`) elements, so odd lengths put every other row off 16: v128 loads and stores here are
;; unaligned-safe. A run of odd length ends with one lone element: it is loaded with v128.load64_zero and
;; stored from lane 0, so nothing past the run is ever written.
;;
;; Rounding: no kernel reorders a sum. Each element gets exactly the operations, in the same order, as
;; the JS loops of dense.ts (f64x2 lanes are independent IEEE f64 operations and WebAssembly never fuses
;; a multiply-add), so results are bit-identical to the JS path.
(module
  (import "env" "memory" (memory 1))

  ;; e[j] = Σ_k A[k][j]·d[k], k = 0..i−1 in order, for j < i (A row-major, n per row). Four rows k per
  ;; sweep: e ← (((e + a0·d0) + a1·d1) + a2·d2) + a3·d3, the order of one row at a time.
  (func (export "tredMatvec") (param $w i32) (param $n i32) (param $i i32) (param $d i32) (param $e i32)
    (local $rowb i32) (local $vb i32) (local $k i32) (local $j i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $acc v128)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $vb (i32.shl (i32.and (local.get $i) (i32.const -2)) (i32.const 3)))
    ;; e ← 0
    (local.set $j (i32.const 0))
    (block $z_done
      (loop $z
        (br_if $z_done (i32.ge_u (local.get $j) (local.get $i)))
        (f64.store (i32.add (local.get $e) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $z)))
    (local.set $k (i32.const 0))
    (block $k4_done
      (loop $k4
        (br_if $k4_done (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $i)))
        (local.set $r0 (i32.add (local.get $w) (i32.mul (local.get $k) (local.get $rowb))))
        (local.set $r1 (i32.add (local.get $r0) (local.get $rowb)))
        (local.set $r2 (i32.add (local.get $r1) (local.get $rowb)))
        (local.set $r3 (i32.add (local.get $r2) (local.get $rowb)))
        (local.set $d0 (v128.load64_splat offset=0 (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $d1 (v128.load64_splat offset=8 (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $d2 (v128.load64_splat offset=16 (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $d3 (v128.load64_splat offset=24 (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $j (i32.const 0))
        (block $j_done
          (loop $jl
            (br_if $j_done (i32.ge_u (local.get $j) (local.get $vb)))
            (local.set $acc (v128.load (i32.add (local.get $e) (local.get $j))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (i32.add (local.get $r0) (local.get $j))) (local.get $d0))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (i32.add (local.get $r1) (local.get $j))) (local.get $d1))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (i32.add (local.get $r2) (local.get $j))) (local.get $d2))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (i32.add (local.get $r3) (local.get $j))) (local.get $d3))))
            (v128.store (i32.add (local.get $e) (local.get $j)) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jl)))
        (if (i32.and (local.get $i) (i32.const 1))
          (then
            (local.set $acc (v128.load64_zero (i32.add (local.get $e) (local.get $vb))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load64_zero (i32.add (local.get $r0) (local.get $vb))) (local.get $d0))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load64_zero (i32.add (local.get $r1) (local.get $vb))) (local.get $d1))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load64_zero (i32.add (local.get $r2) (local.get $vb))) (local.get $d2))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load64_zero (i32.add (local.get $r3) (local.get $vb))) (local.get $d3))))
            (f64.store (i32.add (local.get $e) (local.get $vb)) (f64x2.extract_lane 0 (local.get $acc)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $k4)))
    (block $k1_done
      (loop $k1
        (br_if $k1_done (i32.ge_u (local.get $k) (local.get $i)))
        (local.set $r0 (i32.add (local.get $w) (i32.mul (local.get $k) (local.get $rowb))))
        (local.set $d0 (v128.load64_splat (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $j (i32.const 0))
        (block $j1_done
          (loop $j1
            (br_if $j1_done (i32.ge_u (local.get $j) (local.get $vb)))
            (v128.store (i32.add (local.get $e) (local.get $j))
              (f64x2.add (v128.load (i32.add (local.get $e) (local.get $j)))
                         (f64x2.mul (v128.load (i32.add (local.get $r0) (local.get $j))) (local.get $d0))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $j1)))
        (if (i32.and (local.get $i) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $e) (local.get $vb))
              (f64x2.extract_lane 0
                (f64x2.add (v128.load64_zero (i32.add (local.get $e) (local.get $vb)))
                           (f64x2.mul (v128.load64_zero (i32.add (local.get $r0) (local.get $vb))) (local.get $d0)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $k1))))

  ;; A[j][k] ← A[j][k] − (d[j]·e[k] + e[j]·d[k]) for j, k < i
  (func (export "tredUpdate") (param $w i32) (param $n i32) (param $i i32) (param $d i32) (param $e i32)
    (local $rowb i32) (local $vb i32) (local $j i32) (local $k i32) (local $row i32)
    (local $dj v128) (local $ej v128)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $vb (i32.shl (i32.and (local.get $i) (i32.const -2)) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $j_done
      (loop $jl
        (br_if $j_done (i32.ge_u (local.get $j) (local.get $i)))
        (local.set $row (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $rowb))))
        (local.set $dj (v128.load64_splat (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $ej (v128.load64_splat (i32.add (local.get $e) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $k (i32.const 0))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.ge_u (local.get $k) (local.get $vb)))
            (v128.store (i32.add (local.get $row) (local.get $k))
              (f64x2.sub (v128.load (i32.add (local.get $row) (local.get $k)))
                (f64x2.add (f64x2.mul (local.get $dj) (v128.load (i32.add (local.get $e) (local.get $k))))
                           (f64x2.mul (local.get $ej) (v128.load (i32.add (local.get $d) (local.get $k)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kl)))
        (if (i32.and (local.get $i) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $row) (local.get $vb))
              (f64x2.extract_lane 0
                (f64x2.sub (v128.load64_zero (i32.add (local.get $row) (local.get $vb)))
                  (f64x2.add (f64x2.mul (local.get $dj) (v128.load64_zero (i32.add (local.get $e) (local.get $vb))))
                             (f64x2.mul (local.get $ej) (v128.load64_zero (i32.add (local.get $d) (local.get $vb))))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl))))

  ;; For t = len−1 down to 0, rows i = row[t] and i+1 of Y (count per row):
  ;; y_i ← c·y_i + s·y_{i+1}, y_{i+1} ← c·y_{i+1} − s·y_i (c = cos[t], s = sin[t]; row is i32)
  (func (export "rotReplay") (param $y i32) (param $count i32) (param $rows i32) (param $cos i32) (param $sin i32) (param $len i32)
    (local $cb i32) (local $vb i32) (local $t i32) (local $bi i32) (local $bi1 i32) (local $r i32)
    (local $c v128) (local $s v128) (local $yi v128) (local $yi1 v128)
    (local.set $cb (i32.shl (local.get $count) (i32.const 3)))
    (local.set $vb (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $t (local.get $len))
    (block $t_done
      (loop $tl
        (br_if $t_done (i32.eqz (local.get $t)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (local.set $bi (i32.add (local.get $y)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 2)))) (local.get $cb))))
        (local.set $bi1 (i32.add (local.get $bi) (local.get $cb)))
        (local.set $c (v128.load64_splat (i32.add (local.get $cos) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $s (v128.load64_splat (i32.add (local.get $sin) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $r (i32.const 0))
        (block $r_done
          (loop $rl
            (br_if $r_done (i32.ge_u (local.get $r) (local.get $vb)))
            (local.set $yi (v128.load (i32.add (local.get $bi) (local.get $r))))
            (local.set $yi1 (v128.load (i32.add (local.get $bi1) (local.get $r))))
            (v128.store (i32.add (local.get $bi) (local.get $r))
              (f64x2.add (f64x2.mul (local.get $c) (local.get $yi)) (f64x2.mul (local.get $s) (local.get $yi1))))
            (v128.store (i32.add (local.get $bi1) (local.get $r))
              (f64x2.sub (f64x2.mul (local.get $c) (local.get $yi1)) (f64x2.mul (local.get $s) (local.get $yi))))
            (local.set $r (i32.add (local.get $r) (i32.const 16)))
            (br $rl)))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            (local.set $yi (v128.load64_zero (i32.add (local.get $bi) (local.get $vb))))
            (local.set $yi1 (v128.load64_zero (i32.add (local.get $bi1) (local.get $vb))))
            (f64.store (i32.add (local.get $bi) (local.get $vb)) (f64x2.extract_lane 0
              (f64x2.add (f64x2.mul (local.get $c) (local.get $yi)) (f64x2.mul (local.get $s) (local.get $yi1)))))
            (f64.store (i32.add (local.get $bi1) (local.get $vb)) (f64x2.extract_lane 0
              (f64x2.sub (f64x2.mul (local.get $c) (local.get $yi1)) (f64x2.mul (local.get $s) (local.get $yi)))))))
        (br $tl))))

  ;; For i = 1..n−1 with h[i] ≠ 0, u = row i of W (its first i elements), Y rows k < i (count each):
  ;; g ← Σ_k u_k·y_k (k in order), g ← g / h[i], y_k ← y_k − g·u_k. g: count (+1 spare) scratch elements.
  (func (export "reflReplay") (param $w i32) (param $n i32) (param $h i32) (param $y i32) (param $count i32) (param $g i32)
    (local $rowb i32) (local $cb i32) (local $gb i32) (local $vb i32) (local $i i32) (local $k i32) (local $r i32)
    (local $ui i32) (local $yk i32) (local $hi f64) (local $u v128) (local $hv v128)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $cb (i32.shl (local.get $count) (i32.const 3)))
    ;; g is scratch with a spare element: its sums run over whole vectors
    (local.set $gb (i32.shl (i32.and (i32.add (local.get $count) (i32.const 1)) (i32.const -2)) (i32.const 3)))
    (local.set $vb (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $i (i32.const 1))
    (block $i_done
      (loop $il
        (br_if $i_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $hi (f64.load (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 3)))))
        (if (f64.ne (local.get $hi) (f64.const 0))
          (then
            (local.set $ui (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $rowb))))
            (local.set $r (i32.const 0))
            (block $z_done
              (loop $z
                (br_if $z_done (i32.ge_u (local.get $r) (local.get $gb)))
                (v128.store (i32.add (local.get $g) (local.get $r)) (v128.const i64x2 0 0))
                (local.set $r (i32.add (local.get $r) (i32.const 16)))
                (br $z)))
            ;; g += u_k·y_k
            (local.set $k (i32.const 0))
            (block $k_done
              (loop $kl
                (br_if $k_done (i32.ge_u (local.get $k) (local.get $i)))
                (local.set $u (v128.load64_splat (i32.add (local.get $ui) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $yk (i32.add (local.get $y) (i32.mul (local.get $k) (local.get $cb))))
                (local.set $r (i32.const 0))
                (block $r_done
                  (loop $rl
                    (br_if $r_done (i32.ge_u (local.get $r) (local.get $vb)))
                    (v128.store (i32.add (local.get $g) (local.get $r))
                      (f64x2.add (v128.load (i32.add (local.get $g) (local.get $r)))
                                 (f64x2.mul (local.get $u) (v128.load (i32.add (local.get $yk) (local.get $r))))))
                    (local.set $r (i32.add (local.get $r) (i32.const 16)))
                    (br $rl)))
                (if (i32.and (local.get $count) (i32.const 1))
                  (then
                    (v128.store (i32.add (local.get $g) (local.get $vb))
                      (f64x2.add (v128.load (i32.add (local.get $g) (local.get $vb)))
                                 (f64x2.mul (local.get $u) (v128.load64_zero (i32.add (local.get $yk) (local.get $vb))))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl)))
            ;; g /= h
            (local.set $hv (f64x2.splat (local.get $hi)))
            (local.set $r (i32.const 0))
            (block $d_done
              (loop $dl
                (br_if $d_done (i32.ge_u (local.get $r) (local.get $gb)))
                (v128.store (i32.add (local.get $g) (local.get $r))
                  (f64x2.div (v128.load (i32.add (local.get $g) (local.get $r))) (local.get $hv)))
                (local.set $r (i32.add (local.get $r) (i32.const 16)))
                (br $dl)))
            ;; y_k −= g·u_k
            (local.set $k (i32.const 0))
            (block $k2_done
              (loop $k2
                (br_if $k2_done (i32.ge_u (local.get $k) (local.get $i)))
                (local.set $u (v128.load64_splat (i32.add (local.get $ui) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $yk (i32.add (local.get $y) (i32.mul (local.get $k) (local.get $cb))))
                (local.set $r (i32.const 0))
                (block $r2_done
                  (loop $r2
                    (br_if $r2_done (i32.ge_u (local.get $r) (local.get $vb)))
                    (v128.store (i32.add (local.get $yk) (local.get $r))
                      (f64x2.sub (v128.load (i32.add (local.get $yk) (local.get $r)))
                                 (f64x2.mul (v128.load (i32.add (local.get $g) (local.get $r))) (local.get $u))))
                    (local.set $r (i32.add (local.get $r) (i32.const 16)))
                    (br $r2)))
                (if (i32.and (local.get $count) (i32.const 1))
                  (then
                    (f64.store (i32.add (local.get $yk) (local.get $vb))
                      (f64x2.extract_lane 0
                        (f64x2.sub (v128.load64_zero (i32.add (local.get $yk) (local.get $vb)))
                                   (f64x2.mul (v128.load (i32.add (local.get $g) (local.get $vb))) (local.get $u)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $k2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $il))))
)
