/** generic-pool 3. https://github.com/coopernurse/node-pool */
import type { LibraryDefinition } from '../library-definition.js';

import { genericPoolLimits } from '../pool-limits.js';

export const genericPool = {
  name: 'generic-pool',
  docs: 'https://github.com/coopernurse/node-pool#acquiring-and-releasing-resources',
  typePackages: ['generic-pool'],
  modules: { 'generic-pool': { createPool: { returns: 'Pool' } } },
  objects: {
    Pool: {
      methods: {
        acquire: { returns: 'PooledResource', acquires: { resource: 'result' } },
        use: {},
        release: {},
        destroy: {},
        drain: {},
        clear: {},
      },
      pool: { noun: 'generic-pool pool', createdBy: [{ call: 'createPool', options: { argument: 1 } }], closedBy: ['drain', 'clear'], limits: genericPoolLimits },
    },
    PooledResource: {
      typeNames: [],
      resource: { noun: 'resource', releasedBy: [], releasedByPassingTo: ['release', 'destroy'], finallyRelease: { method: 'release', passedTo: true, awaited: true } },
    },
  },
} as const satisfies LibraryDefinition;
