// The bulk of a block: the limiting spectrum of the weighted Wishart matrix
//
//     B = (1/(λM)) Σ_{m=1..M} w_m Z_m Z_mᵀ  (+ shift·I),     Z_m ~ N(0, I_d),  γ = d/M,  w_m ≥ 0,
//
// which is the noise part of every diagonal block (1/M) Σ_m w_m Ŷ_m Ŷ_mᵀ of H and G (docs/MATH.md §4–5,
// docs/THEORY.md "Spectra"); the shift is β for H and 0 for G.
//
// Source: Marchenko–Pastur (1967); Silverstein & Bai (1995), Silverstein & Choi (1995) for general
// weights. Write B₀ = (1/M) Σ w_m Z_m Z_mᵀ (so B = B₀/λ + shift) and let ω be the empirical weight
// distribution. The Stieltjes transform m(z) = ∫ dF(t)/(t − z) of the limiting spectral distribution
// of the d×d matrix B₀ solves
//
//     m = 1 / ( −z + ∫ w dω(w) / (1 + γ w m) ),   i.e.   z(m) = −1/m + ∫ w dω(w) / (1 + γ w m).   (★)
//
// Derivation: B₀ = (1/M) Zᵀ W Z (Z the M×d matrix of samples) is a "sample covariance" of d samples of
// dimension M with population covariance γW, seen from the d×d side; (★) is Silverstein's equation for
// the companion transform of that model (the d×d side of Silverstein–Bai with T = γW, sample count d).
// Check: w ≡ 1 gives γ z m² − (1 − γ − z) m + 1 = 0, the MP equation for ratio γ = d/M, atom
// 1 − 1/γ at 0 included. Verified against dense random matrices in weightedWishart.test.ts.
//
// Support edges (Silverstein–Choi 1995): a real x lies outside the support iff x = z(m) for a real m
// (m ≠ 0, m ≠ −1/(γw) for atoms w) with z'(m) > 0; edges are the values of z at critical points of the
// real function m ↦ z(m). Real x above the support have m(x) ∈ (−1/(γ w_max), 0), where
//     z'(m) = 1/m² − γ ∫ w² dω / (1 + γ w m)²
// is strictly increasing from −∞ to +∞, so the upper edge is z(m*) at its unique root m*.
//
// Assumptions: weights independent of the noise directions (true for the noise orthogonal to the
// parameters; the weights of H and G depend on Z only through the k logits, a rank-k effect that does
// not move the bulk in the limit); d, M → ∞ at fixed γ (finite-d corrections: the largest eigenvalue
// fluctuates by O(d^{-2/3}) around the edge, Tracy–Widom).

/** A compressed weight distribution: atoms `values` with probabilities `masses` (summing to 1). */
export interface WeightAtoms {
  values: Float64Array;
  masses: Float64Array;
}

/** Weights as given by the caller: the raw per-sample list, or a distribution already compressed. */
export type Weights = ArrayLike<number> | WeightAtoms;

const DEFAULT_MAX_ATOMS = 200;

function isAtoms(w: Weights): w is WeightAtoms {
  return (w as WeightAtoms).masses !== undefined && (w as WeightAtoms).values !== undefined;
}

/**
 * Compresses a weight list to ≤ maxAtoms atoms: zero weights keep their own atom (they set the atom of
 * the spectrum at the shift), positive weights go to equal-width bins on [min, max], each bin replaced
 * by its mean weight with mass count/M. Keeping the bin mean preserves ∫ w dω exactly; the error in
 * z(m) is second order in the bin width (∫ w/(1+γwm) is smooth in w away from the pole), so 200 bins
 * move the edge by a relative O(1e-5) — far below the O(d^{-2/3}) finite-size fluctuations.
 * Negative weights are an error (every diagonal block weight is a square or σ'(f) ≥ 0).
 */
export function compressWeights(weights: ArrayLike<number>, maxAtoms = DEFAULT_MAX_ATOMS): WeightAtoms {
  const n = weights.length;
  if (n === 0) throw new Error('empty weight list');
  let lo = Infinity;
  let hi = -Infinity;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0)) throw new Error(`weight ${i} = ${w} is negative or not a number`);
    if (w === 0) zeros++;
    else {
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
  }
  const bins = Math.max(1, maxAtoms - (zeros > 0 ? 1 : 0));
  const sums = new Float64Array(bins);
  const counts = new Float64Array(bins);
  const width = hi > lo ? (hi - lo) / bins : 1;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const b = Math.min(bins - 1, Math.floor((w - lo) / width));
    sums[b] += w;
    counts[b]++;
  }
  const values: number[] = [];
  const masses: number[] = [];
  if (zeros > 0) {
    values.push(0);
    masses.push(zeros / n);
  }
  for (let b = 0; b < bins; b++) {
    if (counts[b] === 0) continue;
    values.push(sums[b] / counts[b]);
    masses.push(counts[b] / n);
  }
  return { values: Float64Array.from(values), masses: Float64Array.from(masses) };
}

function toAtoms(weights: Weights): WeightAtoms {
  return isAtoms(weights) ? weights : compressWeights(weights);
}

function maxAtom(atoms: WeightAtoms): number {
  let wMax = 0;
  for (let j = 0; j < atoms.values.length; j++) if (atoms.masses[j] > 0) wMax = Math.max(wMax, atoms.values[j]);
  return wMax;
}

/** z(m) of (★) for real m (unscaled: the spectrum of B₀). */
export function inverseStieltjes(m: number, atoms: WeightAtoms, gamma: number): number {
  let s = 0;
  for (let j = 0; j < atoms.values.length; j++) {
    const w = atoms.values[j];
    s += (atoms.masses[j] * w) / (1 + gamma * w * m);
  }
  return -1 / m + s;
}

/** z'(m) of (★) for real m. */
function inverseStieltjesSlope(m: number, atoms: WeightAtoms, gamma: number): number {
  let s = 0;
  for (let j = 0; j < atoms.values.length; j++) {
    const w = atoms.values[j];
    const q = 1 + gamma * w * m;
    s += (atoms.masses[j] * w * w) / (q * q);
  }
  return 1 / (m * m) - gamma * s;
}

/**
 * The critical point m* ∈ (−1/(γ w_max), 0) of z(m) (its unique root of z' there, see the header),
 * by bisection on the monotone z'. Returns 0 when all weights vanish.
 */
export function upperEdgeCriticalPoint(atoms: WeightAtoms, gamma: number): number {
  const wMax = maxAtom(atoms);
  if (wMax === 0) return 0;
  let lo = -1 / (gamma * wMax); // z' → −∞ here
  let hi = 0; // z' → +∞ here
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.abs(lo); it++) {
    const mid = 0.5 * (lo + hi);
    if (inverseStieltjesSlope(mid, atoms, gamma) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Upper edge of the bulk of (1/(λM)) Σ w_m Z_m Z_mᵀ + shift·I in the limit d, M → ∞, d/M = γ:
 * z(m*)/λ + shift with m* the critical point of (★) on the right branch.
 */
export function bulkEdge(weights: Weights, gamma: number, lambda: number, shift = 0): number {
  checkShape(gamma, lambda);
  const atoms = toAtoms(weights);
  const mStar = upperEdgeCriticalPoint(atoms, gamma);
  if (mStar === 0) return shift;
  return inverseStieltjes(mStar, atoms, gamma) / lambda + shift;
}

/**
 * Mass of the atom of the limiting spectrum at the shift: the rank of Σ w_m Z_m Z_mᵀ is at most the
 * number of positive weights, so a fraction max(0, 1 − (1 − ω({0}))/γ) of the d eigenvalues sits at
 * exactly 0 (γ > 1 with constant weights: 1 − 1/γ). Not included in `bulkDensity`.
 */
export function bulkAtomMass(weights: Weights, gamma: number): number {
  const atoms = toAtoms(weights);
  let positive = 0;
  for (let j = 0; j < atoms.values.length; j++) if (atoms.values[j] > 0) positive += atoms.masses[j];
  return Math.max(0, 1 - positive / gamma);
}

// ---- Marchenko–Pastur (constant weight w) in closed form ----

/** Support w·[(1−√γ)², (1+√γ)²]/λ + shift of the continuous part for constant weight w. */
export function marchenkoPasturSupport(w: number, gamma: number, lambda: number, shift = 0): [number, number] {
  checkShape(gamma, lambda);
  const r = Math.sqrt(gamma);
  return [(w * (1 - r) ** 2) / lambda + shift, (w * (1 + r) ** 2) / lambda + shift];
}

/**
 * Density of the continuous part for constant weight w:
 *   f(x) = √((b − x)(x − a)) / (2π γ s x₀),  x₀ = x − shift,  s = w/λ,  [a, b] = s[(1∓√γ)²],
 * which integrates to min(1, 1/γ); the rest (1 − 1/γ when γ > 1) is an atom at the shift.
 */
export function marchenkoPasturDensity(x: number, w: number, gamma: number, lambda: number, shift = 0): number {
  const [a, b] = marchenkoPasturSupport(w, gamma, lambda, 0);
  const x0 = x - shift;
  if (x0 <= a || x0 >= b) return 0;
  const s = w / lambda;
  return Math.sqrt((b - x0) * (x0 - a)) / (2 * Math.PI * gamma * s * x0);
}

// ---- general weights: density from (★) on z = x + iη ----

/** Complex z(m) − ζ and z'(m) for complex m = (mr, mi); writes [Fr, Fi, Dr, Di] into out. */
function residualAndSlope(
  mr: number,
  mi: number,
  zr: number,
  zi: number,
  atoms: WeightAtoms,
  gamma: number,
  out: Float64Array,
): void {
  // −1/m and its derivative 1/m²
  const den = mr * mr + mi * mi;
  let fr = -mr / den;
  let fi = mi / den;
  const invR = mr / den; // Re 1/m
  const invI = -mi / den; // Im 1/m
  let dr = invR * invR - invI * invI;
  let di = 2 * invR * invI;
  const values = atoms.values;
  const masses = atoms.masses;
  for (let j = 0; j < values.length; j++) {
    const w = values[j];
    if (w === 0) continue;
    const gw = gamma * w;
    const qr = 1 + gw * mr;
    const qi = gw * mi;
    const q2 = qr * qr + qi * qi;
    // p = 1/q
    const pr = qr / q2;
    const pi = -qi / q2;
    const c = masses[j] * w;
    fr += c * pr;
    fi += c * pi;
    // d/dm [c/q] = −c γ w / q²
    const p2r = pr * pr - pi * pi;
    const p2i = 2 * pr * pi;
    dr -= c * gw * p2r;
    di -= c * gw * p2i;
  }
  out[0] = fr - zr;
  out[1] = fi - zi;
  out[2] = dr;
  out[3] = di;
}

/**
 * Solves (★) z(m) = ζ = zr + i·zi (zi > 0) for the unique m with Im m > 0, by Newton from `start`,
 * keeping every iterate in the upper half plane (step halving). Returns null when it does not
 * converge; the caller then falls back to the η-homotopy.
 */
function newtonStieltjes(
  start: [number, number],
  zr: number,
  zi: number,
  atoms: WeightAtoms,
  gamma: number,
  scale: number,
  buf: Float64Array,
): [number, number] | null {
  let [mr, mi] = start;
  if (!(mi > 0)) return null;
  residualAndSlope(mr, mi, zr, zi, atoms, gamma, buf);
  let res = Math.hypot(buf[0], buf[1]);
  for (let it = 0; it < 60; it++) {
    if (res <= 1e-13 * scale) return [mr, mi];
    const dr = buf[2];
    const di = buf[3];
    const d2 = dr * dr + di * di;
    if (d2 === 0) return null;
    // step = F / F'
    let sr = (buf[0] * dr + buf[1] * di) / d2;
    let si = (buf[1] * dr - buf[0] * di) / d2;
    let accepted = false;
    for (let halving = 0; halving < 40; halving++) {
      const nr = mr - sr;
      const ni = mi - si;
      if (ni > 0) {
        residualAndSlope(nr, ni, zr, zi, atoms, gamma, buf);
        const nres = Math.hypot(buf[0], buf[1]);
        if (nres < res || nres <= 1e-13 * scale) {
          mr = nr;
          mi = ni;
          res = nres;
          accepted = true;
          break;
        }
      }
      sr *= 0.5;
      si *= 0.5;
    }
    if (!accepted) return null;
  }
  return res <= 1e-9 * scale ? [mr, mi] : null;
}

/**
 * Robust fallback: start far from the real axis (ζ + i·scale, where the damped fixed-point map of (★)
 * contracts quickly) and walk Im ζ down geometrically to the target, polishing by Newton at each stage.
 * Any root with Im m > 0 is THE Stieltjes value (uniqueness in the upper half plane), so each stage's
 * Newton may start from the previous stage's root.
 */
function homotopyStieltjes(
  zr: number,
  zi: number,
  atoms: WeightAtoms,
  gamma: number,
  scale: number,
  buf: Float64Array,
): [number, number] {
  let eta = Math.max(zi, scale);
  // damped fixed point m ← 1/(−ζ + ∫ w dω/(1 + γ w m)) at the large η
  let mr = 0;
  let mi = 1 / eta;
  for (let it = 0; it < 500; it++) {
    let sr = -zr;
    let si = -eta;
    for (let j = 0; j < atoms.values.length; j++) {
      const w = atoms.values[j];
      if (w === 0) continue;
      const qr = 1 + gamma * w * mr;
      const qi = gamma * w * mi;
      const q2 = qr * qr + qi * qi;
      sr += (atoms.masses[j] * w * qr) / q2;
      si -= (atoms.masses[j] * w * qi) / q2;
    }
    const s2 = sr * sr + si * si;
    const nr = sr / s2;
    const ni = -si / s2;
    const change = Math.hypot(nr - mr, ni - mi);
    mr = 0.5 * mr + 0.5 * nr;
    mi = 0.5 * mi + 0.5 * ni;
    if (change < 1e-12 * Math.hypot(mr, mi)) break;
  }
  for (;;) {
    const next = newtonStieltjes([mr, mi], zr, eta, atoms, gamma, scale, buf);
    if (next) [mr, mi] = next;
    if (eta <= zi) break;
    eta = Math.max(zi, eta * 0.5);
  }
  return [mr, mi];
}

/**
 * Density (with respect to x) of the continuous part of the limiting spectrum of
 * (1/(λM)) Σ w_m Z_m Z_mᵀ + shift·I at each grid point: λ·Im m(x₀ + iη)/π with x₀ = (x − shift)λ and
 * η = 1e-7 × (unscaled edge), i.e. the density convolved with a Cauchy kernel of relative width 1e-7
 * (invisible at plot resolution; it keeps the solve well-posed at the square-root edges). The atom at
 * the shift (`bulkAtomMass`) is excluded. Grid points are solved in order, each Newton started from
 * the previous root; the η-homotopy takes over when that fails.
 */
export function bulkDensity(
  weights: Weights,
  gamma: number,
  lambda: number,
  shift: number,
  grid: ArrayLike<number>,
): Float64Array {
  checkShape(gamma, lambda);
  const atoms = toAtoms(weights);
  const out = new Float64Array(grid.length);
  const mStar = upperEdgeCriticalPoint(atoms, gamma);
  if (mStar === 0) return out; // all weights zero: everything is in the atom
  const scale = inverseStieltjes(mStar, atoms, gamma);
  const eta = 1e-7 * scale;
  const atom = bulkAtomMass(atoms, gamma);
  const buf = new Float64Array(4);
  let previous: [number, number] | null = null;
  for (let g = 0; g < grid.length; g++) {
    const x0 = (grid[g] - shift) * lambda;
    let m: [number, number] | null = previous ? newtonStieltjes(previous, x0, eta, atoms, gamma, scale, buf) : null;
    if (!m) m = homotopyStieltjes(x0, eta, atoms, gamma, scale, buf);
    previous = m;
    // Im m(x₀ + iη)/π is the density of B₀ convolved with a Cauchy kernel; remove the kernel's share of
    // the atom at 0 so that points next to the shift do not show it.
    let im = m[1];
    if (atom > 0) im -= (atom * eta) / (x0 * x0 + eta * eta);
    out[g] = (Math.max(0, im) / Math.PI) * lambda;
  }
  return out;
}

export function checkShape(gamma: number, lambda: number): void {
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new Error(`aspect ratio γ = d/M must be positive (${gamma})`);
  if (!(lambda > 0)) throw new Error(`λ must be positive (${lambda})`);
}
