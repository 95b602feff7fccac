/** Defensive readers for untrusted JSON: never throw, return undefined on anything unexpected. */

export type Json = unknown;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of keys / indexes; undefined as soon as a step does not exist. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function nonEmptyStr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Every value stored under `key` anywhere in the tree, in document order. Bounded in depth and visited
 * nodes so hostile or cyclic input cannot make it run away.
 */
export function collectByKey(root: unknown, key: string, limits = { maxDepth: 64, maxNodes: 2_000_000 }): unknown[] {
  const found: unknown[] = [];
  let visited = 0;
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++visited > limits.maxNodes) break;
    if (typeof value !== 'object' || value === null || depth > limits.maxDepth) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(value);
    const children: { value: unknown; depth: number }[] = [];
    for (const [k, v] of entries) {
      if (k === key) found.push(v);
      else children.push({ value: v, depth: depth + 1 });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}
