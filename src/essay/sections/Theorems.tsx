// 8. What the theorems say and do not say, and where to go next (no figure: links and the glossary).
import { Glossary } from '../Term';
import { sandboxQuery } from '../sandbox';

export function Theorems() {
  return (
    <section id="theorems" className="essay-section" aria-labelledby="theorems-title">
      <h2 id="theorems-title">
        <span className="section-number">8.</span> What the theorems say, and what they do not
      </h2>
      <p>
        <strong>They say</strong> that, for the softmax classifier on a k-component mixture and for the two-layer XOR
        net, the SGD trajectory lies, after a short burn-in and up to an error that vanishes in the limit, in the span
        of the top eigenvectors of the blocks of H and of G evaluated along the same trajectory, and that those
        eigenspaces are spanned by outliers of the spectrum. For the XOR net the second layer’s outlier space has rank
        below 4 exactly when SGD converges to a sub-optimal classifier.
      </p>
      <p>
        <strong>They assume</strong>: online SGD (a fresh sample at every step, never reused), step size c_δ/d, a
        signal-to-noise ratio λ large but fixed as d → ∞, Gaussian mixtures with the means described above, and limits d
        → ∞ with the number of test samples M proportional to d. <strong>They do not say</strong> what happens for
        multi-pass training on a finite data set, for deep networks, for real data, or at small λ, and they say nothing
        about how large d must be for the limit to be accurate — the figures in this essay, at d = 100 to 300, show how
        close finite runs come (section 2: spikes clear the edge gradually; section 5: a mini-bulk outlier can sit on
        the edge).
      </p>
      <h3>Where to go next</h3>
      <ul>
        <li>
          The paper: G. Ben Arous, R. Gheissari, J. Huang, A. Jagannath,{' '}
          <a href="https://arxiv.org/abs/2310.03010">“High-dimensional SGD aligns with emerging outlier eigenspaces”</a>
          , ICLR 2024 (arXiv 2310.03010).
        </li>
        <li>
          The effective dynamics and the XOR picture: G. Ben Arous, R. Gheissari, A. Jagannath,{' '}
          <a href="https://arxiv.org/abs/2206.04030">
            “High-dimensional limit theorems for SGD: effective dynamics and critical scaling”
          </a>
          , NeurIPS 2022 (arXiv 2206.04030).
        </li>
        <li>
          The BBP transition: J. Baik, G. Ben Arous, S. Péché,{' '}
          <a href="https://arxiv.org/abs/math/0403022">
            “Phase transition of the largest eigenvalue for nonnull complex sample covariance matrices”
          </a>
          , Ann. Probab. 2005.
        </li>
        <li>
          The sandbox, where every parameter can be changed:{' '}
          <a href={`index.html${sandboxQuery('softmax')}`}>the softmax run of sections 3–6</a>,{' '}
          <a href={`index.html${sandboxQuery('xor-fail')}`}>the failing XOR seed</a>, and the{' '}
          <a href="gallery.html">preset gallery</a>. Each figure above also has a link that opens its own run there.
        </li>
      </ul>
      <p>
        The sandbox draws eigenvalue densities with <a href="#term-slq">SLQ</a> (stochastic Lanczos quadrature), tracks
        the top eigenvectors with a block Krylov method, and can run ensembles of seeds to count how often the XOR net
        succeeds.
      </p>
      <h3 id="glossary">Glossary</h3>
      <Glossary />
    </section>
  );
}
