/** Every PoolGuard rule, sorted by id. */
import noLeakedConnection from './no-leaked-connection.js';

export const rules = {
  'no-leaked-connection': noLeakedConnection,
};
