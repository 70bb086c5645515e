/**
 * Thrown by long computations (engine run, weak zones, fibre plan) when their `isCancelled` callback says so, and
 * by the app's worker client when it terminates a worker: one class, so `instanceof` works everywhere.
 */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
