/** Growing typed arrays that are indexed by a number handed out in order (comment numbers, entry ids). */

/** A copy of `a` in a larger array. */
export function grown<T extends Int32Array | Uint32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** `a` itself when `index` is within it, else a copy at least twice as long that holds it. */
export function withRoomFor<T extends Int32Array | Uint32Array | Uint8Array>(a: T, index: number): T {
  return index < a.length ? a : grown(a, Math.max(index + 1, a.length * 2));
}
