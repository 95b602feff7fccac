/**
 * Wraps a page function so that the page cannot tell it was wrapped: a Proxy keeps the original's name,
 * length, prototype and own properties, and `Function.prototype.toString` of a callable Proxy reads
 * `[native code]` in every engine (a plain replacement function would print our source).
 */
export function wrapLikeNative<F extends (...args: never[]) => unknown>(original: F, around: (call: () => ReturnType<F>, thisArg: unknown, args: Parameters<F>) => ReturnType<F>): F {
  return new Proxy(original, {
    apply(target, thisArg, args) {
      return around(() => Reflect.apply(target, thisArg, args) as ReturnType<F>, thisArg, args as Parameters<F>);
    },
  });
}
