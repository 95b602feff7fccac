/**
 * Runs an async task so that at most one run is in flight and calls made meanwhile collapse into one
 * trailing run after it: the latest state is always fetched, but a burst of N calls costs at most two
 * runs, not N. (The content script asks for a thread's verdicts after every batch it sends; on a big
 * campaign batches arrive faster than the background answers.)
 */
export function coalesced(task: () => Promise<unknown>): { (): Promise<void>; readonly runs: number } {
  let running: Promise<void> | undefined;
  let trailing: Promise<void> | undefined;
  let runs = 0;
  const runOnce = async () => {
    runs++;
    try {
      await task();
    } catch {
      // a failed run is not retried here; the next call runs again
    }
  };
  const start = (): Promise<void> =>
    (running = runOnce().finally(() => {
      running = undefined;
    }));
  const call = (): Promise<void> => {
    if (!running) return start();
    // Everything asked while a run is in flight is answered by one run that starts after it.
    trailing ??= running.then(() => {
      trailing = undefined;
      return start();
    });
    return trailing;
  };
  return Object.defineProperty(call, 'runs', { get: () => runs }) as { (): Promise<void>; readonly runs: number };
}
