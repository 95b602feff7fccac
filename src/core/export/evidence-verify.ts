/**
 * Checks an evidence pack (evidence-pack.ts) against its own manifest: recomputes the SHA-256 of every
 * item from what the file shows (field texts, link targets, picture bytes) and of the whole file, and
 * says which item changed. Pure code; the file is read as text (UTF-8). Format: evidence-format.ts.
 */
import {
  base64ToBytes,
  MANIFEST_CLOSE,
  MANIFEST_OPEN,
  PACK_SCHEMA,
  recordBytes,
  sha256Hex,
  unescapeHtml,
  WHOLE_KEY,
  WHOLE_PLACEHOLDER,
  type ManifestItem,
  type PackManifest,
} from './evidence-format.ts';

export interface ItemProblem {
  i: number;
  /** the manifest's name for the item, e.g. "comment youtube:Ugx…" */
  id: string;
  problem: 'changed' | 'missing' | 'link-target-differs' | 'not-in-manifest' | 'bad-picture';
  expected?: string;
  actual?: string;
}

export interface VerifyResult {
  ok: boolean;
  /** SHA-256 of the file as it is (what to cite or compare with a hash kept elsewhere) */
  fileSha256: string;
  manifest?: Pick<PackManifest, 'generatedAt' | 'versions' | 'captureClock' | 'signed'>;
  items: number;
  problems: ItemProblem[];
  whole?: { expected: string; actual: string; ok: boolean };
  /** a problem with the file itself (no manifest, unreadable manifest) */
  error?: string;
}

// Every hashed field is written as <tag data-i="N" data-f="name"…>text</tag> with no markup inside.
const FIELD = /<([a-z][a-z0-9]*) data-i="(\d+)" data-f="([a-z0-9-]+)"([^>]*)>([^<]*)<\/\1>/g;
const IMAGE = /<img data-i="(\d+)" data-f="bytes" src="data:([a-z0-9.+/-]+);base64,([^"]*)"/g;
const HREF = / href="([^"]*)"/;
// Any element claiming to be part of an item, to find ones the patterns above cannot read.
const ANY_ITEM_ELEMENT = /<[a-z][a-z0-9]* data-i="(\d+)"/g;

function parseManifest(html: string): { manifest: PackManifest; start: number; end: number } | string {
  const start = html.lastIndexOf(MANIFEST_OPEN);
  if (start < 0) return 'no manifest found: this is not an Amplifier Lens evidence pack, or its manifest was removed';
  if (html.indexOf(MANIFEST_OPEN) !== start) return 'the file contains more than one manifest';
  const end = html.indexOf(MANIFEST_CLOSE, start + MANIFEST_OPEN.length);
  if (end < 0) return 'the manifest is cut off';
  try {
    const manifest = JSON.parse(html.slice(start + MANIFEST_OPEN.length, end)) as PackManifest;
    if (manifest.schema !== PACK_SCHEMA) return `unknown pack format ${JSON.stringify(manifest.schema)} (this verifier reads ${PACK_SCHEMA})`;
    if (!Array.isArray(manifest.items) || typeof manifest.wholeSha256 !== 'string') return 'the manifest has no item list or no whole-file hash';
    return { manifest, start, end };
  } catch (error) {
    return `the manifest is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function verifyEvidencePack(html: string): Promise<VerifyResult> {
  const fileSha256 = await sha256Hex(html);
  const parsed = parseManifest(html);
  if (typeof parsed === 'string') return { ok: false, fileSha256, items: 0, problems: [], error: parsed };
  const { manifest, start, end } = parsed;
  const byIndex = new Map<number, ManifestItem>(manifest.items.map((item) => [item.i, item]));
  const problems: ItemProblem[] = [];
  const body = html.slice(0, start);

  const pairs = new Map<number, [string, string][]>();
  const linkProblems = new Set<number>();
  for (const m of body.matchAll(FIELD)) {
    const i = Number(m[2]);
    const text = unescapeHtml(m[5]);
    if (m[1] === 'a') {
      const href = HREF.exec(m[4]);
      if (!href || unescapeHtml(href[1]) !== text) linkProblems.add(i);
    }
    let list = pairs.get(i);
    if (!list) pairs.set(i, (list = []));
    list.push([m[3], text]);
  }
  const images = new Map<number, Uint8Array | null>();
  for (const m of body.matchAll(IMAGE)) {
    const i = Number(m[1]);
    if (images.has(i)) images.set(i, null);
    else {
      try {
        images.set(i, base64ToBytes(m[3]));
      } catch {
        images.set(i, null);
      }
    }
  }
  // Elements of an item that the patterns could not read (markup slipped inside a field): counted per item.
  const claimed = new Map<number, number>();
  for (const m of body.matchAll(ANY_ITEM_ELEMENT)) claimed.set(Number(m[1]), (claimed.get(Number(m[1])) ?? 0) + 1);
  const readPerItem = new Map<number, number>();
  for (const [i, list] of pairs) readPerItem.set(i, list.length);
  for (const [i] of images) readPerItem.set(i, (readPerItem.get(i) ?? 0) + 1);

  for (const item of manifest.items) {
    const name = { i: item.i, id: item.id };
    if (item.kind === 'image') {
      const bytes = images.get(item.i);
      if (bytes === undefined) problems.push({ ...name, problem: 'missing', expected: item.sha256 });
      else if (bytes === null) problems.push({ ...name, problem: 'bad-picture', expected: item.sha256 });
      else {
        const actual = await sha256Hex(bytes);
        if (actual !== item.sha256) problems.push({ ...name, problem: 'changed', expected: item.sha256, actual });
      }
      continue;
    }
    const list = pairs.get(item.i);
    if (!list) {
      problems.push({ ...name, problem: 'missing', expected: item.sha256 });
      continue;
    }
    const actual = await sha256Hex(recordBytes(list));
    if (actual !== item.sha256 || (claimed.get(item.i) ?? 0) !== (readPerItem.get(item.i) ?? 0)) {
      problems.push({ ...name, problem: 'changed', expected: item.sha256, actual });
    } else if (linkProblems.has(item.i)) problems.push({ ...name, problem: 'link-target-differs' });
  }
  for (const i of claimed.keys()) {
    if (!byIndex.has(i)) problems.push({ i, id: `element data-i="${i}"`, problem: 'not-in-manifest' });
  }

  const wholeAt = html.indexOf(WHOLE_KEY, start);
  let whole: VerifyResult['whole'];
  if (wholeAt < 0 || wholeAt > end) {
    whole = { expected: '', actual: '', ok: false };
  } else {
    const valueStart = wholeAt + WHOLE_KEY.length;
    const expected = html.slice(valueStart, valueStart + 64);
    const actual = await sha256Hex(html.slice(0, valueStart) + WHOLE_PLACEHOLDER + html.slice(valueStart + 64));
    whole = { expected, actual, ok: expected === actual };
  }
  return {
    ok: problems.length === 0 && whole.ok,
    fileSha256,
    manifest: { generatedAt: manifest.generatedAt, versions: manifest.versions, captureClock: manifest.captureClock, signed: manifest.signed },
    items: manifest.items.length,
    problems,
    whole,
  };
}

const PROBLEM_WORDS: Record<ItemProblem['problem'], string> = {
  changed: 'changed (its hash no longer matches the manifest)',
  missing: 'missing from the file',
  'link-target-differs': 'a link points somewhere other than the address it shows',
  'not-in-manifest': 'is not listed in the manifest (added after the pack was made)',
  'bad-picture': 'picture data is unreadable or duplicated',
};

/** The verdict in plain lines, for the command line. */
export function describeVerification(result: VerifyResult, file: string): string[] {
  const lines: string[] = [];
  if (result.error) {
    lines.push(`FAILED ${file}: ${result.error}`);
    lines.push(`file SHA-256 ${result.fileSha256}`);
    return lines;
  }
  lines.push(`${result.ok ? 'OK' : 'FAILED'} ${file}`);
  lines.push(`file SHA-256 ${result.fileSha256}`);
  if (result.manifest) {
    lines.push(`made ${result.manifest.generatedAt} by Amplifier Lens ${result.manifest.versions.extension}${result.manifest.versions.model ? `, avatar model ${result.manifest.versions.model}` : ''}`);
  }
  lines.push(`${result.items} items checked, ${result.problems.length} with a problem`);
  for (const p of result.problems.slice(0, 200)) lines.push(`  item ${p.i} ${p.id}: ${PROBLEM_WORDS[p.problem]}${p.expected && p.actual ? ` (manifest ${p.expected.slice(0, 16)}…, file ${p.actual.slice(0, 16)}…)` : ''}`);
  if (result.problems.length > 200) lines.push(`  … and ${result.problems.length - 200} more`);
  if (result.whole && !result.whole.ok) {
    lines.push(
      result.problems.length
        ? 'whole file: hash does not match (because of the items above, and possibly more)'
        : 'whole file: hash does not match — something outside the listed items changed (layout, methods text, summary or the manifest itself)',
    );
  } else if (result.whole) lines.push('whole file: hash matches the manifest');
  lines.push('Note: the pack is not signed; a match shows it is consistent, not who made it. Compare the file SHA-256 with one kept elsewhere to prove it is unchanged.');
  return lines;
}
