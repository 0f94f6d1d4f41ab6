// The model registry: config → model.
import type { Config } from '../../state/schema';
import type { Model } from './model';
import { mlpModel } from './mlp';
import { softmaxModel } from './softmax';
import { xorModel } from './xor';

export function createModel(config: Config): Model {
  switch (config.model) {
    case 'softmax':
      return softmaxModel({ d: config.d, k: config.k, j: config.k });
    case 'xor':
      return xorModel({ d: config.d, K: config.K });
    case 'mlp':
      return mlpModel({ d: config.d, k: config.k, K: config.K });
    default:
      throw new Error(`model ${config.model} is not available yet`);
  }
}
