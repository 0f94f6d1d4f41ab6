# The Krylov floor on the bench reference run (not part of any test suite; needs NumPy): how many
# matrix–vector products does the mat-vec-OPTIMAL Krylov method — single-vector Lanczos with full
# reorthogonalisation and no restart — need for the top-10 of each class block of H and G at tol 1e-4
# (‖Au − θu‖ ≤ tol·|θ|, checked after every product), cold and warm-started from the sum of the previous
# checkpoint's top-10 eigenvectors? Same model and data law as peer.py (k-GMM, orthonormal means,
# d 1000, k 10, M 2000, λ 50, β 0.1, c_δ 1, a checkpoint every 1000 steps), float64 throughout.
#   python3 src/bench/krylovFloor.py [--checkpoints 1,5,9] [--classes 0,3,7]
import sys
import numpy as np

def arg(name, default):
    return [int(x) for x in sys.argv[sys.argv.index(name) + 1].split(',')] if name in sys.argv else default

d, k, M, T, every, topj, tol = 1000, 10, 2000, 10, 1000, 10, 1e-4
lam, beta, cdelta = 50.0, 0.1, 1.0
rng = np.random.default_rng(1)
means = np.linalg.qr(rng.standard_normal((d, k)))[0].T
def sample(n):
    y = rng.integers(0, k, n)
    return means[y] + rng.standard_normal((n, d)) / np.sqrt(lam), y
Y, labels = sample(M)
x = rng.standard_normal((k, d)) / np.sqrt(d)
delta = cdelta / d
weights = []  # per checkpoint: (H weights M×k, G weights M×k)
def record():
    z = Y @ x.T; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
    r = p.copy(); r[np.arange(M), labels] -= 1
    weights.append((p * (1 - p), r * r))
record()
for s in range(1, int(T * d / cdelta) + 1):
    y = rng.integers(0, k)
    sample_y = means[y] + rng.standard_normal(d) / np.sqrt(lam)
    z = x @ sample_y; z -= z.max(); p = np.exp(z); p /= p.sum(); p[y] -= 1
    x = (1 - delta * beta) * x - delta * np.outer(p, sample_y)
    if s % every == 0: record()

def lanczos_matvecs(apply, v0, maxm=400):
    """products until the top-j Ritz pairs of the Krylov space all meet the tolerance"""
    K = np.zeros((d, maxm)); AK = np.zeros((d, maxm))
    v = v0 / np.linalg.norm(v0)
    for m in range(1, maxm + 1):
        K[:, m - 1] = v; AK[:, m - 1] = apply(v)
        if m >= topj:
            Tm = K[:, :m].T @ AK[:, :m]; Tm = (Tm + Tm.T) / 2
            th, S = np.linalg.eigh(Tm); th = th[::-1][:topj]; S = S[:, ::-1][:, :topj]
            res = np.linalg.norm(AK[:, :m] @ S - (K[:, :m] @ S) * th, axis=0)
            if (res <= tol * np.abs(th)).all(): return m
        w = AK[:, m - 1].copy()
        for _ in range(2): w -= K[:, :m] @ (K[:, :m].T @ w)
        v = w / np.linalg.norm(w)
    return maxm

start = np.random.default_rng(7)
for kind, index, shift in (('H', 0, beta), ('G', 1, 0.0)):
    cold, warm = [], []
    for t in arg('--checkpoints', [1, 5, 9]):
        for c in arg('--classes', [0, 3, 7]):
            w = weights[t][index][:, c]
            apply = lambda v, w=w: Y.T @ (w * (Y @ v)) / M + shift * v
            previous = Y.T @ (weights[t - 1][index][:, c][:, None] * Y) / M + shift * np.eye(d)
            vecs = np.linalg.eigh(previous)[1][:, ::-1][:, :topj]
            cold.append(lanczos_matvecs(apply, start.standard_normal(d)))
            warm.append(lanczos_matvecs(apply, vecs.sum(1)))
    print(f'{kind} blocks: Lanczos cold {np.mean(cold):.1f} mat-vecs (range {min(cold)}–{max(cold)}), warm {np.mean(warm):.1f} ({min(warm)}–{max(warm)})')
