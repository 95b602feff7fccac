/**
 * The parts of the evidence-pack format that the generator (evidence-pack.ts) and the verifier
 * (evidence-verify.ts) must agree on byte for byte: how text is escaped, how a hashed field is marked up,
 * how an item's record is serialised for hashing, and where the manifest sits. Pure code; hashing with
 * WebCrypto (`crypto.subtle`), which Node ≥ 20 and every browser provide.
 *
 * A hashed field is one element `<TAG data-i="N" data-f="NAME" …>ESCAPED TEXT</TAG>`: N is the item's
 * number in the manifest, NAME the field's name. An item's record is the JSON array of its [NAME, text]
 * pairs in document order; its hash is the SHA-256 of that JSON in UTF-8. An image is
 * `<img data-i="N" data-f="bytes" src="data:MIME;base64,…">` and its hash is the SHA-256 of the bytes.
 */

export const PACK_SCHEMA = 'amplifier-lens/evidence-pack@1';
export const MANIFEST_ELEMENT_ID = 'lens-manifest';
export const MANIFEST_OPEN = `<script type="application/json" id="${MANIFEST_ELEMENT_ID}">`;
export const MANIFEST_CLOSE = '</script>';
/** The whole-file hash is computed with its own value replaced by this. */
export const WHOLE_PLACEHOLDER = '0'.repeat(64);
export const WHOLE_KEY = '"wholeSha256":"';

/** Image types a pack embeds; anything else (SVG above all) is not embedded. */
export const EMBEDDABLE_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type EmbeddableImageType = (typeof EMBEDDABLE_IMAGE_TYPES)[number];

export interface ManifestItem {
  /** the number used in data-i */
  i: number;
  /** what the item is, e.g. "comment youtube:Ugx…" */
  id: string;
  kind: 'record' | 'image';
  sha256: string;
  /** images: size and type */
  bytes?: number;
  mime?: string;
}

export interface PackManifest {
  schema: typeof PACK_SCHEMA;
  generatedAt: string;
  hashAlgorithm: 'SHA-256';
  versions: { extension: string; model?: string; packFormat: typeof PACK_SCHEMA };
  captureClock: CaptureClock;
  /** not signed: the pack proves it is unchanged only against a hash published or kept elsewhere */
  signed: false;
  items: ManifestItem[];
  wholeSha256: string;
}

export interface CaptureClock {
  /** whose clock the times come from */
  source: string;
  timeZone: 'UTC';
  earliestSeenAt?: string;
  latestSeenAt?: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a field holds: lone surrogates and NUL (which UTF-8 and HTML cannot carry faithfully) become
 * U+FFFD, so the text hashed is the text a reader of the file sees.
 */
export function fieldText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(/\0/g, '\uFFFD');
}

/** Escapes text for HTML content and attribute values; \r is kept as a character reference. */
export function escapeHtml(value: string): string {
  return fieldText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r/g, '&#13;');
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#13;': '\r' };

/** The inverse of escapeHtml; any other character reference is left as it is (and so fails the hash). */
export function unescapeHtml(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39|#13);/g, (entity) => ENTITIES[entity]);
}

/** The bytes an item's hash covers. */
export function recordBytes(pairs: readonly (readonly [string, string])[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(pairs));
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Node's atob/btoa are slow on megabytes; its Buffer does the same conversion natively.
const NodeBuffer = (globalThis as { Buffer?: { from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string } } }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  if (NodeBuffer) {
    // Buffer skips characters that are not base64; atob refuses them, and so must this.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) throw new Error('invalid base64');
    return new Uint8Array(NodeBuffer.from(base64, 'base64'));
  }
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The image type from the first bytes (a server's Content-Type is not trusted). */
export function sniffImageType(bytes: Uint8Array): EmbeddableImageType | undefined {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  return undefined;
}

/** The manifest as it is written into the page: JSON that cannot close its <script> element. */
export function manifestText(manifest: PackManifest): string {
  return JSON.stringify(manifest).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
