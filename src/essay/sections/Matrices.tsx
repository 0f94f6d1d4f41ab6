// 3. H and G of the softmax classifier, block by block, and their outliers at the checkpoint shown.
import { useMemo } from 'react';
import type { Theme } from '../../charts/theme';
import type { LineChartData } from '../../charts/lineChart';
import { LineFigure } from '../charts';
import { Figure } from '../Figure';
import { num, outlierWords, outliersAt, outliersAtLeastAt, spectrumAt } from '../readouts';
import { RunControls } from '../RunControls';
import { sandboxQuery } from '../sandbox';
import { Section } from '../Section';
import { Term } from '../Term';
import { Tex } from '../Tex';
import { useSectionRun } from '../useSectionRun';
import type { CheckpointRecord } from '../../engine/runFile';

export function matricesChartData(cp: CheckpointRecord | undefined, t: Theme): LineChartData {
  const series: LineChartData['series'] = [];
  const references: { y: number; label: string }[] = [];
  (['H', 'G'] as const).forEach((matrix, i) => {
    const s = spectrumAt(cp, matrix, 'class:0');
    if (!s) return;
    const count = outliersAt(cp, matrix, 'class:0') ?? 0;
    series.push({
      key: matrix,
      label: `${matrix}, class-0 block`,
      color: t.palette[i],
      dash: matrix === 'G' ? '5 3' : undefined,
      points: s.eigenvalues.map((v, r) => [r + 1, v]),
      markers: s.eigenvalues.map((_, r) => r < count),
    });
    references.push({ y: s.bulkEdge, label: `${matrix}: bulk edge` });
  });
  return {
    series,
    references,
    xLabel: 'rank of the eigenvalue',
    xName: 'rank',
    yLabel: 'eigenvalue',
    scale: 'log',
    legend: [
      { label: 'H, class-0 block', color: t.palette[0] },
      { label: 'G, class-0 block', color: t.palette[1], dash: '5 3' },
      { label: 'outlier', color: t.fg, marker: 'filled' },
      { label: 'in bulk', color: t.fg, marker: 'hollow' },
    ],
  };
}

export function matricesReading(cp: CheckpointRecord | undefined): string {
  const h = spectrumAt(cp, 'H', 'class:0');
  const g = spectrumAt(cp, 'G', 'class:0');
  if (!cp || !h || !g) return 'Waiting for the first checkpoint of the run…';
  return `At t = ${num(cp.time)}: the class-0 block of H has ${outlierWords(outliersAt(cp, 'H', 'class:0')!, outliersAtLeastAt(cp, 'H', 'class:0'))} (largest ${num(h.eigenvalues[0])}, bulk edge ${num(h.bulkEdge)}); the class-0 block of G has ${outlierWords(outliersAt(cp, 'G', 'class:0')!, outliersAtLeastAt(cp, 'G', 'class:0'))} (largest ${num(g.eigenvalues[0])}, ${num(g.eigenvalues[0] / g.bulkEdge)} times its edge ${num(g.bulkEdge)}).`;
}

export function Matrices({ theme, embed }: { theme: Theme; embed: boolean }) {
  const { ref, run, replay, cp } = useSectionRun('softmax');
  const chart = useMemo(() => matricesChartData(cp, theme), [cp, theme]);
  const reading = matricesReading(cp);
  const figure = (
    <div ref={ref}>
      <Figure
        id="matrices"
        title="Top eigenvalues of the class-0 blocks of H and G"
        theme={theme}
        tryThis={
          <>
            scrub time and compare: H’s top four move little, while G’s largest eigenvalue falls several-fold as the
            classifier learns.
          </>
        }
        reading={
          <span
            data-h-outliers={outliersAt(cp, 'H', 'class:0')}
            data-g-outliers={outliersAt(cp, 'G', 'class:0')}
            data-time={cp?.time}
          >
            {reading}
          </span>
        }
        readingText={reading}
        sandbox={sandboxQuery('softmax', { matrix: 'H', block: 'class:0' })}
      >
        <RunControls id="matrices" run={run} replay={replay} />
        <LineFigure
          data={chart}
          theme={theme}
          label="Top four eigenvalues of the class-0 blocks of H and G with their bulk edges"
          height={280}
        />
      </Figure>
    </div>
  );
  return (
    <Section
      id="matrices"
      number={3}
      title="Two matrices: the Hessian H and the G-matrix"
      embed={embed}
      intro={
        <>
          <p>
            Take the cross-entropy loss of the softmax classifier,{' '}
            <Tex>{String.raw`\ell(x;Y,y) = -x^{y}\!\cdot Y + \log\sum_c e^{x^c\cdot Y}`}</Tex>, with class probabilities{' '}
            <Tex>{String.raw`\pi_c = e^{x^c\cdot Y}/\sum_b e^{x^b\cdot Y}`}</Tex>. On the M test samples the paper looks
            at two matrices. The <Term id="hessian" /> is the curvature,{' '}
            <Tex>{String.raw`H = \frac1M\sum_m \nabla^2\ell(x;\hat Y_m,\hat y_m) + \beta I`}</Tex>, and the{' '}
            <Term id="gradient" /> is the second moment of the per-sample gradients,{' '}
            <Tex>{String.raw`G = \frac1M\sum_m \nabla\ell\,\nabla\ell^{\mathsf T}`}</Tex> (without the ridge).
          </p>
          <p>
            Both split into k × k <Term id="block">blocks</Term> of size d × d, one per pair of classes. The diagonal
            block of class c is a weighted sample covariance of the inputs:
          </p>
          <Tex
            block
          >{String.raw`H_{cc} = \frac1M\sum_m \pi_c(1-\pi_c)\,\hat Y_m\hat Y_m^{\mathsf T} + \beta I,\qquad G_{cc} = \frac1M\sum_m (\pi_c - \mathbb 1[\hat y_m = c])^2\,\hat Y_m\hat Y_m^{\mathsf T}.`}</Tex>
          <p>
            Since <Tex>{String.raw`\hat Y_m = \mu_{a} + Z_m/\sqrt\lambda`}</Tex>, each block is a noise bulk (section 2,
            with per-sample weights) plus a low-rank part{' '}
            <Tex>{String.raw`\sum_a \bar w_a p_a\,\mu_a\mu_a^{\mathsf T}`}</Tex>, where{' '}
            <Tex>{String.raw`\bar w_a`}</Tex> is the average weight on class a. So the outliers’ eigenvectors lie
            (nearly) in the span of the means: one outlier along <Tex>{String.raw`\mu_c`}</Tex> and, when the means are
            orthogonal, k − 1 more along the other means, a “mini-bulk”. G’s weight{' '}
            <Tex>{String.raw`(\pi_c - \mathbb 1[y=c])^2`}</Tex> is the squared error, so G’s largest outlier shrinks as
            the classifier gets class c right.
          </p>
        </>
      }
      figure={figure}
    />
  );
}
