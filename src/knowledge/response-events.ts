/** Node's `http.ServerResponse` (Express's and Connect's `res`): the events a listener can wait on for the end of
 * a request. 'finish' is emitted only when the whole response has been handed to the operating system; a request
 * the client aborts, or whose socket breaks or times out, emits 'close' without 'finish'. 'close' is emitted on
 * every path (after 'finish' when there is one). The `on-finished` package's `onFinished(res, listener)` calls its
 * listener on either. Read by `analysis/leaks/response-listeners.ts`. */
export const responseEvents = {
  /** EventEmitter methods that register a listener. */
  listenerMethods: ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'],
  /** Events emitted only when the response completes, not when the request is aborted. */
  completionOnlyEvents: ['finish'],
} as const;
