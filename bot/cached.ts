/**
 * `read`, answered from its last result for `ms` after it was taken: frequent callers (every
 * Prometheus scrape) share one read, and callers at the same moment share the one in flight.
 */
export function cachedFor<T>(
  ms: number,
  read: () => Promise<T>,
  clock: () => number = () => performance.now(),
): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = clock();
    if (last && now - last.at < ms && now >= last.at) return last.value;
    const value = read();
    last = { at: now, value };
    // A failed read is not kept: the next caller reads again.
    value.catch(() => {
      if (last?.value === value) last = undefined;
    });
    return value;
  };
}
