/** An error caused by the user's input (path, options, config): printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
