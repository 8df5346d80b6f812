/** Close verbs shared across database clients. */

/** Methods that close a client in most libraries (and Redis's `quit`): a function that calls one on a pool it
 * built, or on a property of it (`db.$client.end()` for the driver a Drizzle instance wraps), closed that pool,
 * whichever library built it. A pool's own `closedBy` methods count as well. */
export const commonCloseMethods: readonly string[] = ['end', 'close', 'destroy', 'disconnect', '$disconnect', 'quit', 'drain'];
