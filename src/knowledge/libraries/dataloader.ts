/** DataLoader: per-tick batching and caching in front of any data source. https://github.com/graphql/dataloader */
import type { LibraryDefinition } from '../library-definition.js';

export const dataloader = {
  name: 'dataloader',
  docs: 'https://github.com/graphql/dataloader#batching',
  typePackages: ['dataloader'],
  modules: { dataloader: { default: { constructs: 'DataLoader' } } },
  objects: {
    DataLoader: {
      methods: {
        load: { batched: true },
        loadMany: { batched: true },
        clear: {},
        clearAll: {},
        prime: {},
      },
    },
  },
} as const satisfies LibraryDefinition;
