/** Code-unit order: fast, locale-independent, the same everywhere (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
