// The blocks of a 2-layer model (math/models/twoLayer.ts): each layer, each neuron's first-layer row, all.
export function twoLayerBlockIds({ K, full }: { K: number; full: boolean }): string[] {
  return [
    'layer1',
    ...Array.from({ length: K }, (_, i) => `layer1:${i}`),
    'layer2',
    ...(full === false ? [] : ['full']),
  ];
}
