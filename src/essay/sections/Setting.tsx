// 1. The question and the setting: the data in the plane of two class means.
import { useMemo, useState } from 'react';
import type { Theme } from '../../charts/theme';
import { kGmm, sampleMany } from '../../math/mixture';
import { makeStream } from '../../math/rng';
import { ProjectionFigure } from '../charts';
import { Figure } from '../Figure';
import { num } from '../readouts';
import { Section } from '../Section';
import { sandboxQueryLambda } from '../sandbox';
import { Term } from '../Term';
import { Tex } from '../Tex';

export const SETTING_D = 300;
export const SETTING_K = 4;
const SAMPLES = 600;

export function settingPlane(lambda: number, seed = 1) {
  const d = SETTING_D;
  const mix = kGmm(d, SETTING_K, lambda, 0, makeStream(seed, 'essay-means'));
  const samples = sampleMany(mix, makeStream(seed, 'essay-samples'), SAMPLES);
  const dot = (row: Float32Array | Float64Array, offset: number, a: number) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += row[offset + i] * mix.means[a * d + i];
    return s;
  };
  const points = new Float32Array(2 * SAMPLES);
  let noiseLength = 0;
  for (let m = 0; m < SAMPLES; m++) {
    points[2 * m] = dot(samples.inputs, m * d, 0);
    points[2 * m + 1] = dot(samples.inputs, m * d, 1);
    const c = samples.clusters[m];
    let sq = 0;
    for (let i = 0; i < d; i++) sq += (samples.inputs[m * d + i] - mix.means[c * d + i]) ** 2;
    noiseLength += Math.sqrt(sq) / SAMPLES;
  }
  const means = new Float32Array(2 * SETTING_K);
  for (let a = 0; a < SETTING_K; a++) {
    means[2 * a] = dot(mix.means, a * d, 0);
    means[2 * a + 1] = dot(mix.means, a * d, 1);
  }
  return { points, clusters: samples.clusters, means, noiseLength };
}

export function Setting({ theme, embed }: { theme: Theme; embed: boolean }) {
  const [lambda, setLambda] = useState(50);
  const plane = useMemo(() => settingPlane(lambda), [lambda]);
  const data = useMemo(
    () => ({
      axes: ['μ₀', 'μ₁'] as [string, string],
      points: plane.points,
      clusters: plane.clusters,
      clusterCount: SETTING_K,
      weights: new Float32Array(0),
      weightLabel: '',
      means: plane.means,
    }),
    [plane],
  );
  const sd = 1 / Math.sqrt(lambda);
  const reading = `λ = ${num(lambda)}: along each mean the noise has standard deviation 1/√λ = ${num(sd)}, so in this plane the clouds of classes 0 and 1 sit around their means and classes 2 and 3 (whose means are orthogonal to the plane) around the origin. In all d = ${SETTING_D} dimensions, though, the noise of a sample has length ${num(plane.noiseLength)} on average (≈ √(d/λ) = ${num(Math.sqrt(SETTING_D / lambda))}), ${plane.noiseLength > 1 ? 'longer than' : 'shorter than'} the mean itself (length 1).`;
  const figure = (
    <Figure
      id="setting"
      title="The data in the plane of two class means"
      theme={theme}
      tryThis={<>lower λ and watch the clouds of classes 0 and 1 swell into the others.</>}
      reading={<span data-noise={plane.noiseLength.toFixed(3)}>{reading}</span>}
      readingText={reading}
      sandbox={sandboxQueryLambda(lambda)}
    >
      <label className="slider">
        <span>λ = {num(lambda)}</span>
        <input
          type="range"
          min={-1}
          max={2.5}
          step={0.01}
          value={Math.log10(lambda)}
          onChange={(e) => setLambda(Number((10 ** Number(e.currentTarget.value)).toPrecision(3)))}
          aria-label="signal-to-noise ratio λ"
        />
      </label>
      <ProjectionFigure
        data={data}
        theme={theme}
        label={`Scatter of ${SAMPLES} samples projected on the first two class means`}
        height={320}
      />
    </Figure>
  );
  return (
    <Section
      id="setting"
      number={1}
      title="The question and the setting"
      embed={embed}
      intro={
        <>
          <p>
            When a network is trained with stochastic gradient descent, where does it go? The paper this essay follows
            (Ben Arous, Gheissari, Huang and Jagannath,{' '}
            <a href="https://arxiv.org/abs/2310.03010">
              “High-dimensional SGD aligns with emerging outlier eigenspaces”
            </a>
            , ICLR 2024) answers for simple classifiers in very high dimension: the weights move into the few directions
            where the loss landscape’s curvature stands out from the noise.
          </p>
          <p>
            The data is a <Term id="gmm" /> with k = {SETTING_K} classes in d = {SETTING_D} dimensions:{' '}
            <Tex>{String.raw`Y = \mu_a + Z/\sqrt{\lambda}`}</Tex>, with orthonormal means{' '}
            <Tex>{String.raw`\mu_1,\dots,\mu_k`}</Tex>, standard Gaussian noise <Tex>Z</Tex> and a <Term id="snr" />. A
            softmax classifier with weights <Tex>{String.raw`x = (x^1,\dots,x^k)`}</Tex> is trained by <Term id="sgd" />{' '}
            with step size <Tex>{String.raw`\delta = c_\delta/d`}</Tex>.
          </p>
        </>
      }
      figure={figure}
    />
  );
}
