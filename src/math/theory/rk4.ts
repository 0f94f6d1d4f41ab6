// Classical 4th-order Runge–Kutta with a fixed step, recording the state at requested times.
// Fixed steps keep the ODE curves deterministic and cheap to recompute when a slider moves; the step is
// the caller's (dt = 0.01 is ample for these ODEs: their rates are O(1) and O(β)).

export type VectorField = (state: Float64Array, out: Float64Array) => void;
/** Optional hook applied after every step (e.g. a projection onto a switching surface). */
export type StepHook = (before: Float64Array, after: Float64Array) => void;

export interface Trajectory {
  times: number[];
  states: Float64Array[];
}

/**
 * Integrates state' = field(state) from t = 0 to T with step dt (the last step shortened to land on T);
 * records the state at each of `outputTimes` (sorted, in [0, T]) — at the step boundary nearest to it,
 * with steps split so that every output time is hit exactly.
 */
export function integrateRk4(
  field: VectorField,
  initial: ArrayLike<number>,
  T: number,
  dt: number,
  outputTimes: number[],
  afterStep?: StepHook,
): Trajectory {
  if (!(dt > 0)) throw new Error('dt must be positive');
  const n = initial.length;
  const y = Float64Array.from(initial);
  const before = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  const targets = [...outputTimes].sort((a, b) => a - b).filter((t) => t >= 0 && t <= T + 1e-12);
  const out: Trajectory = { times: [], states: [] };
  let t = 0;
  let next = 0;
  const record = () => {
    while (next < targets.length && targets[next] <= t + 1e-12) {
      out.times.push(targets[next]);
      out.states.push(Float64Array.from(y));
      next++;
    }
  };
  record();
  while (t < T - 1e-12) {
    let h = Math.min(dt, T - t);
    if (next < targets.length && targets[next] - t < h) h = targets[next] - t;
    before.set(y);
    field(y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
    field(tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
    field(tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
    field(tmp, k4);
    for (let i = 0; i < n; i++) y[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    if (afterStep) afterStep(before, y);
    t += h;
    record();
  }
  return out;
}
