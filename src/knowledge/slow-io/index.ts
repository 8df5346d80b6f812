/** The slow I/O catalogue: non-database calls that keep a held connection idle while they wait. Same vocabulary as
 * the database libraries (`io` on a call says what the wait is), in an index of its own so that these modules never
 * count as database modules. */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

import { httpClients } from './http-clients.js';
import { processesAndContainers } from './processes-and-containers.js';
import { queuesAndTimers } from './queues-and-timers.js';
import { sdkClients } from './sdk-clients.js';

export const slowIoLibraries: readonly LibraryDefinition[] = [...httpClients, ...sdkClients, ...queuesAndTimers, ...processesAndContainers];

/** Global functions (not declared by the project) that wait on I/O. */
export const slowIoGlobals: Readonly<Record<string, CallDefinition>> = {
  fetch: { io: 'an HTTP request' },
};

/** `await new Promise((resolve) => setTimeout(resolve, ms))`: a sleep written by hand, through these globals. */
export const timerGlobals: readonly string[] = ['setTimeout'];
