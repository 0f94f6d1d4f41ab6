# The NumPy + ARPACK peer of the bench's reference run (not part of any test suite; `npm run bench -- --peer` runs it when python3 has
# NumPy and SciPy): NumPy online SGD + SciPy eigsh (ARPACK, tol 1e-4) on every class block of H and G at
# every checkpoint, d 1000, k 10, M 2000, T 10, a checkpoint every 1000 steps, top-10 of all 20 blocks.
# Same model and data law as eigenalign (k-GMM with orthonormal means, λ 50, β 0.1, c_δ 1), its own RNG.
# Prints one JSON line: total seconds (interpreter start to end is measured by the caller), eigsh and
# SGD seconds, SGD steps/s and mat-vecs per block solve (mean, and H / G separately).
import sys, time
t_start = time.perf_counter()
import numpy as np
from scipy.sparse.linalg import eigsh, LinearOperator
d, k, M, T, every, topj = 1000, 10, 2000, 10, 1000, 10
lam, beta, cdelta = 50.0, 0.1, 1.0
dtype = np.float64 if '--f64' in sys.argv else np.float32
warm = '--warm' in sys.argv
rng = np.random.default_rng(1)
means = np.linalg.qr(rng.standard_normal((d, k)))[0].T  # k orthonormal unit means
def sample(n):
    y = rng.integers(0, k, n)
    return (means[y] + rng.standard_normal((n, d)) / np.sqrt(lam)).astype(dtype), y
Yt, yt = sample(M)
x = (rng.standard_normal((k, d)) / np.sqrt(d)).astype(dtype)
delta = cdelta / d
steps = int(T * d / cdelta)
matvecs = []; kinds = []; eig_time = 0.0; prev = {}
def checkpoint():
    global eig_time
    t0 = time.perf_counter()
    z = Yt @ x.T; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
    r = p.copy(); r[np.arange(M), yt] -= 1
    out = []
    for name, W in (('H', p * (1 - p)), ('G', r * r)):
        for c in range(k):
            w = W[:, c].astype(dtype); shift = beta if name == 'H' else 0.0
            cnt = [0]
            def mv(v, w=w, shift=shift, cnt=cnt):
                cnt[0] += 1
                v = v.ravel().astype(dtype)
                return Yt.T @ (w * (Yt @ v)) / M + shift * v
            op = LinearOperator((d, d), matvec=mv, dtype=dtype)
            v0 = prev.get((name, c)) if warm else None
            vals, vecs = eigsh(op, k=topj, which='LA', tol=1e-4, v0=v0)
            prev[(name, c)] = vecs[:, -1]
            matvecs.append(cnt[0]); kinds.append(name)
            out.append(vals.max())
    eig_time += time.perf_counter() - t0
    return out
sgd_time = 0.0
checkpoint()
for s in range(1, steps + 1):
    t0 = time.perf_counter()
    y = rng.integers(0, k)
    Y = (means[y] + rng.standard_normal(d) / np.sqrt(lam)).astype(dtype)
    z = x @ Y; z -= z.max(); p = np.exp(z); p /= p.sum(); p[y] -= 1
    x = (1 - delta * beta) * x - delta * np.outer(p, Y)
    sgd_time += time.perf_counter() - t0
    if s % every == 0: checkpoint()
total = time.perf_counter() - t_start
import json
mv = np.array(matvecs); kd = np.array(kinds)
print(json.dumps({'total_s': total, 'eigsh_s': eig_time, 'sgd_s': sgd_time, 'sgd_steps_per_s': steps / sgd_time,
                  'matvecs_per_block': float(mv.mean()), 'matvecs_H': float(mv[kd == 'H'].mean()), 'matvecs_G': float(mv[kd == 'G'].mean()),
                  'dtype': np.dtype(dtype).name}))
