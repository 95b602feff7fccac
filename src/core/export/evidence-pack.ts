/**
 * The evidence pack: one self-contained HTML file per case or thread that a journalist can archive, cite
 * and hand on. It opens offline in any browser and makes no request (strict Content-Security-Policy,
 * inline CSS, pictures as data: URIs, no script), prints to PDF, and carries a manifest with the SHA-256
 * of every item (comment record, account record, picture bytes) and of the whole file, which
 * `lens verify` recomputes (evidence-verify.ts). Format details shared with the verifier: evidence-format.ts.
 *
 * Pure code: the generator yields the file as string chunks, one account at a time, so a case of
 * thousands of accounts is built from pages of data without ever holding one huge message or string.
 * The last chunk carries the manifest with the whole-file hash still zeroed; `sealEvidencePack`
 * fills it in once the caller has the bytes of the whole (see `evidencePackToString`).
 */
import { COMPUTABLE_SIGNALS, DEFAULT_THRESHOLDS, SIGNALS, UNSURE_FRACTION_OF_MEDIUM, WEIGHTS, type SignalName, type SignalSpec, type Thresholds } from '../scoring/weights.ts';
import type { AccountVerdict, Cluster, CommentRecord, Level, Platform, ThreadSummary } from '../types.ts';
import { commentPermalink, safePlatformUrl, safeThreadUrl } from '../urls.ts';
import {
  bytesToBase64,
  escapeHtml,
  fieldText,
  MANIFEST_CLOSE,
  MANIFEST_OPEN,
  manifestText,
  PACK_SCHEMA,
  recordBytes,
  sha256Hex,
  sniffImageType,
  WHOLE_KEY,
  WHOLE_PLACEHOLDER,
  type CaptureClock,
  type ManifestItem,
  type PackManifest,
} from './evidence-format.ts';
import type { ModelFacts } from './model-facts.ts';

export interface PackImage {
  bytes: Uint8Array;
  /** where the extension fetched it from */
  sourceUrl?: string;
  fetchedAt?: string;
}

export interface PackAccount {
  verdict: AccountVerdict & { note?: string; simulated?: boolean };
  /** the account's comments in the pack's scope */
  comments: CommentRecord[];
  /** the profile picture's bytes as the extension fetched them */
  avatar?: PackImage;
}

export interface PackScreenshot {
  bytes: Uint8Array;
  url: string;
  capturedAt: string;
  title?: string;
}

export interface PackThread {
  summary: ThreadSummary;
  url?: string;
  title?: string;
  firstSeen?: string;
  lastSeen?: string;
}

export interface PackGraphNode {
  kind: 'account' | 'thread' | 'cluster';
  label: string;
  level?: Level;
  x: number;
  y: number;
  /** accounts: the element id of the account's section */
  anchor?: string;
}

export interface PackGraph {
  width: number;
  height: number;
  nodes: PackGraphNode[];
  edges: { source: number; target: number; kind: 'commented' | 'cluster' }[];
}

/** The code's own rules, written into the methods section (defaults: the constants the analysis uses). */
export interface MethodsFacts {
  signals: Record<string, SignalSpec>;
  weights: Record<string, unknown>;
  thresholds: Thresholds;
  unsureFractionOfMedium: number;
  computableSignals: readonly string[];
}

export interface EvidencePackInput {
  title: string;
  /** e.g. "the whole case" or "YouTube thread xaQJbozY_Is" */
  scopeLabel: string;
  generatedAt: string;
  extensionVersion: string;
  threads: PackThread[];
  /** the evidence clusters the accounts' reasons rest on (each once) */
  clusters: Cluster[];
  /** how many accounts `accounts` will yield (for the summary, written before they arrive) */
  accountCount: number;
  /** flagged accounts, in the order they are to appear */
  accounts: AsyncIterable<PackAccount> | Iterable<PackAccount>;
  screenshots?: AsyncIterable<PackScreenshot> | Iterable<PackScreenshot>;
  graph?: PackGraph;
  model?: ModelFacts;
  methods?: Partial<MethodsFacts>;
  /** e.g. "This case contains a SIMULATED campaign (demo)." */
  notice?: string;
  captureClock?: Partial<CaptureClock>;
}

const LEVEL_WORDS: Record<Level, string> = { high: 'High', medium: 'Medium', low: 'Low', unsure: 'Unsure' };
const PLATFORM_NAMES: Record<Platform, string> = { youtube: 'YouTube', x: 'X', facebook: 'Facebook' };
/** Weights of each signal in WEIGHTS (weights.ts), by signal name: every signal has a row (a new one fails the typecheck until it is listed). */
const SIGNAL_WEIGHTS: Record<SignalName, (weights: Record<string, unknown>) => unknown> = {
  'near-duplicate': (w) => w.nearDuplicate,
  'cross-language': (w) => w.crossLanguage,
  burst: (w) => w.burst,
  'handle-pattern': (w) => w.handlePattern,
  'name-mismatch': (w) => w.nameMismatch,
  'account-age': (w) => w.accountAge,
  'batch-created': (w) => w.batchCreated,
  'avatar-ai': (w) => pick(w.avatar, ['aiHigh', 'aiMedium']),
  'avatar-default': (w) => pick(w.avatar, ['defaultPicture']),
  'avatar-shared': (w) => pick(w.avatar, ['shared']),
  'co-occurrence': (w) => w.coOccurrence,
  narrative: (w) => w.narrative,
  'co-travel': (w) => w.coTravel,
  group: (w) => w.group,
};

function pick(value: unknown, keys: string[]): unknown {
  if (!value || typeof value !== 'object') return undefined;
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, (value as Record<string, unknown>)[k]]));
}

const esc = escapeHtml;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** One hashed item: collects the [field, text] pairs it renders, in document order. */
class Item {
  readonly pairs: [string, string][] = [];
  constructor(readonly i: number) {}

  field(tag: string, name: string, value: string, attrs = ''): string {
    const text = fieldText(value);
    this.pairs.push([name, text]);
    return `<${tag} data-i="${this.i}" data-f="${name}"${attrs}>${esc(text)}</${tag}>`;
  }

  /** a link whose visible text is its target (the verifier checks both are the same) */
  link(name: string, url: string): string {
    return this.field('a', name, url, ` href="${esc(fieldText(url))}" rel="noopener noreferrer"`);
  }
}

class Manifest {
  readonly items: ManifestItem[] = [];
  private next = 0;

  record(): Item {
    return new Item(this.next++);
  }

  async close(item: Item, id: string) {
    this.items.push({ i: item.i, id, kind: 'record', sha256: await sha256Hex(recordBytes(item.pairs)) });
  }

  /** an embedded picture: the <img> and its manifest entry; undefined when the bytes are not a known image type */
  async image(id: string, bytes: Uint8Array, alt: string, attrs = ''): Promise<{ html: string; sha256: string } | undefined> {
    const mime = sniffImageType(bytes);
    if (!mime) return undefined;
    const i = this.next++;
    const sha256 = await sha256Hex(bytes);
    this.items.push({ i, id, kind: 'image', sha256, bytes: bytes.length, mime });
    return { html: `<img data-i="${i}" data-f="bytes" src="data:${mime};base64,${bytesToBase64(bytes)}" alt="${esc(alt)}"${attrs}>`, sha256 };
  }
}

function methodsFacts(input: EvidencePackInput): MethodsFacts {
  return {
    signals: SIGNALS,
    weights: WEIGHTS,
    thresholds: DEFAULT_THRESHOLDS,
    unsureFractionOfMedium: UNSURE_FRACTION_OF_MEDIUM,
    computableSignals: COMPUTABLE_SIGNALS,
    ...input.methods,
  };
}

function weightList(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [`${prefix || 'weight'} ${value}`];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => weightList(v, prefix ? `${prefix}.${k}` : k));
}

function methodsSection(input: EvidencePackInput): string {
  const m = methodsFacts(input);
  const unsure = Math.round(m.thresholds.medium * m.unsureFractionOfMedium * 1000) / 1000;
  const rows = Object.entries(m.signals)
    .map(([name, spec]) => {
      const weights = weightList(SIGNAL_WEIGHTS[name as SignalName]?.(m.weights));
      return `<tr><th scope="row"><code>${esc(name)}</code><br>${esc(spec.label)}</th><td>${esc(spec.family)}</td><td>${spec.relational ? 'yes' : 'no'}</td><td>${weights.length ? weights.map((w) => `<code>${esc(w)}</code>`).join('<br>') : '–'}</td></tr>`;
    })
    .join('');
  const parts = [
    '<section id="methods"><h2>Methods</h2>',
    '<p>Generated from the code that produced this case (<code>src/core/scoring/weights.ts</code> and the avatar model\'s own metadata), so it describes exactly the rules applied. Each signal that fires on an account adds evidence with a weight <var>w</var> between 0 and 1; weights combine like independent pieces of evidence, <var>score</var> = 1 − Π(1 − <var>w</var>).</p>',
    '<ul>',
    `<li>Levels: <strong>high</strong> from ${m.thresholds.high}, <strong>medium</strong> from ${m.thresholds.medium}, <strong>unsure</strong> from ${unsure} (${m.unsureFractionOfMedium} × the medium cut-off), <strong>low</strong> below. Only high, medium and accounts you confirmed are in this pack.</li>`,
    '<li>Identity traits (handle, name script, account age, profile picture) describe one account and cannot show coordination: without at least one <em>relational</em> signal the score is capped just below the medium cut-off.</li>',
    '<li><strong>High</strong> needs at least two different signals from two different families, one of them relational; otherwise the score is capped just below the high cut-off.</li>',
    `<li>Signals that could not be computed for an account (${m.computableSignals.map((s) => `<code>${esc(s)}</code>`).join(', ')}) are listed as unavailable and never counted as clean.</li>`,
    '<li>A label you set overrides the level: <em>dismissed</em> is never flagged, <em>confirmed</em> is at least medium.</li>',
    '</ul>',
    `<table class="methods"><caption>Signals and their weights</caption><thead><tr><th scope="col">Signal</th><th scope="col">Family</th><th scope="col">Relational</th><th scope="col">Weights (weights.ts)</th></tr></thead><tbody>${rows}</tbody></table>`,
    modelSection(input.model),
    '<p class="muted">A flag is a reason to look, not proof: real people can share a slogan, comment in a burst or use an odd handle. Read the comments and the evidence below before drawing a conclusion.</p>',
    '</section>',
  ];
  return parts.join('\n');
}

function modelSection(model: ModelFacts | undefined): string {
  if (!model) return '<h3>Avatar model</h3><p>No avatar model metadata was available when this pack was made; the picture signal is described by its weights only.</p>';
  const out = [`<h3>Avatar model ${esc(model.version)}</h3>`];
  out.push('<p>The profile-picture model estimates p(AI-generated) for face photos; non-face pictures are <em>unsure</em>, never “real”. It is one weak identity signal, not a verdict on a person.</p>');
  if (model.thresholds) out.push(`<p>Cut-offs on p(generated): medium ${model.thresholds.medium.toFixed(4)}, high ${model.thresholds.high.toFixed(4)}.</p>`);
  if (model.thresholdTargets) out.push(`<ul>${Object.entries(model.thresholdTargets).map(([k, v]) => `<li>${esc(k)}: ${esc(v)}</li>`).join('')}</ul>`);
  if (model.conditions.length === 0 && model.heldOut.length === 0) {
    out.push('<p>The model metadata contains no measured error rates.</p>');
    return out.join('\n');
  }
  out.push(`<p>Measured error rates${model.measuredAt ? ` (recipe run ${esc(model.measuredAt)})` : ''}, on images the model was not fitted on:</p>`);
  for (const c of model.conditions) {
    const overall = c.auc !== undefined ? ` — AUC ${c.auc.toFixed(3)}${c.nReal !== undefined ? `, ${c.nReal} real / ${c.nGenerated} generated` : ''}` : '';
    out.push(`<table class="rates"><caption>Images: ${esc(c.condition)}${overall}</caption><thead><tr><th scope="col">Group</th><th scope="col">n</th><th scope="col">Flagged medium+</th><th scope="col">Flagged high</th></tr></thead><tbody>`);
    for (const r of c.realFalsePositives) out.push(`<tr><th scope="row">real photos: ${esc(r.group)} (false positives)</th><td>${r.n}</td><td>${pct(r.medium)}</td><td>${pct(r.high)}</td></tr>`);
    for (const r of c.generatedDetected) out.push(`<tr><th scope="row">generated: ${esc(r.group)} (detected)</th><td>${r.n}</td><td>${pct(r.medium)}</td><td>${pct(r.high)}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (model.heldOut.length) {
    out.push('<table class="rates"><caption>Held out: a family never seen in training (what to expect from new generators and other photo collections)</caption><thead><tr><th scope="col">Family</th><th scope="col">n</th><th scope="col">Flagged medium+</th><th scope="col">Flagged high</th></tr></thead><tbody>');
    for (const h of model.heldOut) out.push(`<tr><th scope="row">${h.label === 'real' ? 'real photos' : 'generated'}: ${esc(h.family)} (${h.label === 'real' ? 'false positives' : 'detected'})</th><td>${h.n}</td><td>${pct(h.medium)}</td><td>${pct(h.high)}</td></tr>`);
    out.push('</tbody></table>');
  }
  return out.join('\n');
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.45;color:#1b1b1b;background:#fff}
body{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.3rem 0}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em;word-break:break-all}
.muted{color:#555}.notice{background:#fff4d6;border:1px solid #e0b44a;padding:.5rem .75rem}
nav ol{columns:2}
.level{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-weight:600;font-size:.85rem}
.level-high{background:#b3261e;color:#fff}.level-medium{background:#e8a33d;color:#1b1b1b}.level-low{background:#ddd}.level-unsure{background:#cfd8e3}
.account{border:1px solid #ccc;border-radius:.4rem;padding:.6rem .9rem;margin:1rem 0;content-visibility:auto;contain-intrinsic-size:auto 420px}
.account header{display:flex;gap:.9rem;align-items:flex-start}
.avatar{width:88px;height:88px;object-fit:cover;border-radius:.3rem;border:1px solid #bbb;flex:none;background:#eee}
.avatar-missing{display:flex;align-items:center;justify-content:center;text-align:center;font-size:.75rem;color:#555;padding:.2rem}
.account h3{margin:0 0 .2rem}.handle{color:#555;font-weight:400}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.9rem}dl.facts dt{color:#555}dl.facts dd{margin:0;overflow-wrap:anywhere}
.reasons li{margin:.15rem 0}
ol.comments{padding-left:1.2rem}
.comment{margin:.5rem 0}
blockquote{margin:.2rem 0;padding:.35rem .6rem;border-left:4px solid #8aa;background:#f6f8f8;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
.note{white-space:pre-wrap;background:#f3f0fa;padding:.3rem .6rem;unicode-bidi:plaintext}
.bidi{unicode-bidi:isolate}
.graph svg{width:100%;height:auto;border:1px solid #ddd;background:#fcfcfc}
.screenshot img{max-width:100%;border:1px solid #bbb}
.index td,.index th{font-size:.85rem}
@media print{body{max-width:none;padding:0}.account{content-visibility:visible;break-inside:avoid-page}nav{display:none}a{color:inherit}h2{break-before:auto}}
`;

const LEVEL_COLOURS: Record<Level, string> = { high: '#b3261e', medium: '#e8a33d', low: '#9a9a9a', unsure: '#7f97b2' };

function graphSection(graph: PackGraph | undefined): string {
  if (!graph || graph.nodes.length === 0) return '';
  const out = [`<section id="graph" class="graph"><h2>Co-occurrence and coordination graph</h2>`];
  out.push('<p class="muted">Circles: flagged accounts (red high, orange medium); squares: threads; diamonds: evidence clusters (same text, same links across languages, bursts). A line joins an account to each thread it commented in and each cluster it belongs to. Hover a shape for its name.</p>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${graph.width} ${graph.height}" role="img" aria-label="Graph of ${graph.nodes.length} nodes and ${graph.edges.length} links">`);
  out.push('<g stroke="#9aa" stroke-width="0.6" stroke-opacity="0.7">');
  for (const e of graph.edges) {
    const a = graph.nodes[e.source];
    const b = graph.nodes[e.target];
    if (!a || !b) continue;
    out.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}"${e.kind === 'cluster' ? ' stroke="#7a5bb0"' : ''}/>`);
  }
  out.push('</g>');
  for (const n of graph.nodes) {
    const x = n.x.toFixed(1);
    const y = n.y.toFixed(1);
    const title = `<title>${esc(n.label)}</title>`;
    if (n.kind === 'thread') out.push(`<rect x="${(n.x - 7).toFixed(1)}" y="${(n.y - 7).toFixed(1)}" width="14" height="14" fill="#335c81">${title}</rect>`);
    else if (n.kind === 'cluster') out.push(`<path d="M${x} ${(n.y - 7).toFixed(1)}l7 7l-7 7l-7 -7z" fill="#7a5bb0">${title}</path>`);
    else {
      const circle = `<circle cx="${x}" cy="${y}" r="4.5" fill="${LEVEL_COLOURS[n.level ?? 'low']}" stroke="#fff" stroke-width="0.8">${title}</circle>`;
      out.push(n.anchor ? `<a href="#${esc(n.anchor)}">${circle}</a>` : circle);
    }
  }
  for (const n of graph.nodes) {
    if (n.kind === 'account') continue;
    out.push(`<text x="${(n.x + 9).toFixed(1)}" y="${(n.y + 4).toFixed(1)}" font-size="10" fill="#333">${esc(n.label.length > 40 ? `${n.label.slice(0, 39)}…` : n.label)}</text>`);
  }
  out.push('</svg></section>');
  return out.join('\n');
}

function isoOrText(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

const commentItemId = (r: CommentRecord) => `comment ${r.platform}:${r.commentId}`;

async function accountSection(account: PackAccount, index: number, manifest: Manifest, clusters: ClusterIndex): Promise<string> {
  const v = account.verdict;
  const item = manifest.record();
  const name = v.displayName || v.handle || v.accountId;
  const anchor = `a-${index}`;
  const out: string[] = [`<section class="account" id="${anchor}" aria-labelledby="${anchor}-h">`, '<header>'];
  let avatarSha: string | undefined;
  if (account.avatar) {
    const image = await manifest.image(`avatar ${v.platform}:${v.accountId}`, account.avatar.bytes, `Profile picture of ${name}, as captured`, ' class="avatar" width="88" height="88" decoding="async"');
    if (image) {
      out.push(image.html);
      avatarSha = image.sha256;
    }
  }
  if (!avatarSha) out.push(`<div class="avatar avatar-missing">${account.avatar ? 'picture kept in an unknown format: not embedded' : 'picture not kept'}</div>`);
  out.push('<div>');
  out.push(`<h3 id="${anchor}-h"><span class="bidi">${item.field('span', 'name', v.displayName ?? '')}</span> ${v.handle ? `<span class="handle bidi">${item.field('span', 'handle', v.handle)}</span>` : ''}</h3>`);
  out.push(`<p><span class="level level-${v.level}">${LEVEL_WORDS[v.level]}</span> score ${item.field('span', 'score', v.score.toFixed(3))} (level ${item.field('span', 'level', v.level)})${v.simulated ? ' · <strong>simulated account (demo), not a real person</strong>' : ''}</p>`);
  out.push('<dl class="facts">');
  out.push(`<dt>Platform</dt><dd>${item.field('span', 'platform', v.platform)}</dd>`);
  out.push(`<dt>Account id</dt><dd>${item.field('code', 'account', v.accountId)}</dd>`);
  const profile = safePlatformUrl(v.platform, v.profileUrl);
  if (profile) out.push(`<dt>Profile</dt><dd>${item.link('profile', profile)}</dd>`);
  else if (v.profileUrl) out.push(`<dt>Profile (not a ${PLATFORM_NAMES[v.platform]} address, not linked)</dt><dd>${item.field('code', 'profile-text', v.profileUrl)}</dd>`);
  if (avatarSha) {
    out.push(`<dt>Picture SHA-256</dt><dd>${item.field('code', 'avatar-sha256', avatarSha)}</dd>`);
    if (account.avatar?.sourceUrl) out.push(`<dt>Picture fetched from</dt><dd>${item.field('code', 'avatar-source', account.avatar.sourceUrl)}</dd>`);
    if (account.avatar?.fetchedAt) out.push(`<dt>Picture fetched at</dt><dd>${item.field('time', 'avatar-fetched-at', account.avatar.fetchedAt)}</dd>`);
  } else if (v.avatarUrl) {
    out.push(`<dt>Picture address (not kept)</dt><dd>${item.field('code', 'avatar-url', v.avatarUrl)}</dd>`);
  }
  out.push(`<dt>Comments</dt><dd>${item.field('span', 'comment-count', String(v.comments))} in ${v.threads.length} thread(s): ${v.threads.map((t) => item.field('code', 'thread', t)).join(', ')}</dd>`);
  out.push('</dl></div></header>');

  out.push('<h4>Why it is flagged</h4><ul class="reasons">');
  for (const r of v.reasons) {
    // Fields in document order: the verifier reads them in the order the file shows them.
    const detail = item.field('span', 'reason', r.detail);
    const signal = item.field('code', 'reason-signal', r.signal);
    const weight = r.weight > 0 ? `, weight ${item.field('span', 'reason-weight', r.weight.toFixed(3))}` : '';
    const links = (r.clusterIds ?? (r.clusterId ? [r.clusterId] : [])).map((id) => {
      const n = clusters.number.get(id);
      const field = item.field('code', 'reason-cluster', id);
      return n === undefined ? field : `<a href="#cluster-${n}">cluster ${n + 1}</a> ${field}`;
    });
    out.push(`<li>${detail} <span class="muted">(${signal}${weight}${links.length ? `; evidence: ${links.join(', ')}` : ''})</span></li>`);
  }
  if (v.unavailable?.length) out.push(`<li class="muted">Not computed for this account: ${item.field('span', 'unavailable', v.unavailable.join(', '))}</li>`);
  out.push('</ul>');
  const memberOf = clusters.byMember.get(`${v.platform}:${v.accountId}`);
  if (memberOf) out.push(`<p>Member of the evidence clusters ${memberOf.map((n) => `<a href="#cluster-${n}">${n + 1} (${esc(clusters.list[n].kind)})</a>`).join(', ')}</p>`);

  if (v.label || v.note) {
    out.push('<h4>Analyst</h4>');
    if (v.label) out.push(`<p>Label: <strong>${item.field('span', 'label', v.label)}</strong></p>`);
    if (v.note) out.push(`<div class="note">${item.field('span', 'note', v.note)}</div>`);
  }

  const itemId = `account ${v.platform}:${v.accountId}`;
  out.push(`<h4>Comments (${account.comments.length})</h4><ol class="comments">`);
  for (const r of account.comments) out.push(await commentHtml(r, manifest));
  out.push('</ol></section>');
  await manifest.close(item, itemId);
  return out.join('\n');
}

async function commentHtml(r: CommentRecord, manifest: Manifest): Promise<string> {
  const item = manifest.record();
  const out = ['<li class="comment">'];
  out.push(item.field('blockquote', 'text', r.text));
  out.push('<dl class="facts">');
  if (r.publishedAt) out.push(`<dt>Posted (platform time)</dt><dd>${item.field('time', 'published-at', r.publishedAt)}</dd>`);
  if (r.publishedText) out.push(`<dt>Posted (as shown)</dt><dd>${item.field('span', 'published-text', r.publishedText)}</dd>`);
  out.push(`<dt>Captured at</dt><dd>${item.field('time', 'seen-at', isoOrText(r.seenAt))}</dd>`);
  const permalink = commentPermalink(r);
  if (permalink) out.push(`<dt>Permalink</dt><dd>${item.link('permalink', permalink)}</dd>`);
  out.push(`<dt>Ids</dt><dd>${item.field('span', 'platform', r.platform)} thread ${item.field('code', 'thread', r.threadId)} comment ${item.field('code', 'comment', r.commentId)}${r.parentId ? ` reply to ${item.field('code', 'parent', r.parentId)}` : ''} author ${item.field('code', 'author', r.author.id)}</dd>`);
  if (r.likes !== undefined) out.push(`<dt>Likes</dt><dd>${item.field('span', 'likes', String(r.likes))}</dd>`);
  out.push(`<dt>Read from</dt><dd>${item.field('span', 'source', r.source === 'json' ? "the page's data (JSON)" : "the page's HTML")}</dd>`);
  out.push('</dl></li>');
  await manifest.close(item, commentItemId(r));
  return out.join('');
}

/** Clusters numbered in pack order, and each account's clusters, for links from the accounts. */
interface ClusterIndex {
  list: Cluster[];
  number: Map<string, number>;
  byMember: Map<string, number[]>;
}

function indexClusters(clusters: Cluster[]): ClusterIndex {
  const byMember = new Map<string, number[]>();
  clusters.forEach((c, n) => {
    for (const member of c.members) {
      const key = `${c.platform}:${member}`;
      const list = byMember.get(key);
      if (list) list.push(n);
      else byMember.set(key, [n]);
    }
  });
  return { list: clusters, number: new Map(clusters.map((c, n) => [c.id, n])), byMember };
}

const CLUSTER_KINDS: Record<string, string> = {
  'near-duplicate': 'near-identical text',
  'cross-language': 'the same link, tag or token across languages',
  burst: 'a burst of comments',
  batch: 'accounts created in a batch',
  'shared-picture': 'the same profile picture',
  'co-occurrence': 'accounts appearing together across threads',
};

async function clusterSection(clusters: Cluster[], manifest: Manifest): Promise<string> {
  if (clusters.length === 0) return '<section id="clusters"><h2>Evidence clusters</h2><p>The flagged accounts\' reasons rest on no cluster.</p></section>';
  const out = ['<section id="clusters"><h2>Evidence clusters</h2>', '<p class="muted">Groups of accounts tied together by one signal; each is listed once and the accounts\' reasons point to it.</p>', '<ol>'];
  for (const [n, c] of clusters.entries()) {
    const item = manifest.record();
    out.push(`<li id="cluster-${n}"><p><strong>${esc(CLUSTER_KINDS[c.kind] ?? c.kind)}</strong> · ${c.members.length} accounts${c.commentIds.length ? `, ${c.commentIds.length} comments` : ''}</p>`);
    out.push('<dl class="facts">');
    out.push(`<dt>Cluster</dt><dd>${item.field('code', 'id', c.id)} (${item.field('span', 'kind', c.kind)}, ${item.field('span', 'platform', c.platform)})</dd>`);
    if (c.threads.length) out.push(`<dt>Threads</dt><dd>${c.threads.map((t) => item.field('code', 'thread', t)).join(', ')}</dd>`);
    if (c.window) out.push(`<dt>Time window</dt><dd>${item.field('time', 'window-start', c.window.start)} – ${item.field('time', 'window-end', c.window.end)}${c.expected !== undefined ? ` (${item.field('span', 'expected', String(Math.round(c.expected * 1000) / 1000))} expected at the usual rate)` : ''}</dd>`);
    if (c.token) out.push(`<dt>Shared token</dt><dd>${item.field('code', 'token', c.token)}${c.languages?.length ? ` in ${item.field('span', 'languages', c.languages.join(', '))}` : ''}</dd>`);
    if (c.picture) out.push(`<dt>Picture</dt><dd>${item.field('code', 'picture', c.picture)}</dd>`);
    out.push('</dl>');
    if (c.sampleText) out.push(item.field('blockquote', 'sample', c.sampleText));
    out.push(`<details><summary>Accounts${c.commentIds.length ? ' and comment ids' : ''}</summary><p>${c.members.map((m) => item.field('code', 'member', m)).join(' ')}</p>${c.commentIds.length ? `<p>${c.commentIds.map((id) => item.field('code', 'comment', id)).join(' ')}</p>` : ''}</details></li>`);
    await manifest.close(item, `cluster ${c.id}`);
  }
  out.push('</ol></section>');
  return out.join('\n');
}

function summarySection(input: EvidencePackInput): string {
  const comments = input.threads.reduce((s, t) => s + t.summary.comments, 0);
  const accounts = input.threads.reduce((s, t) => s + t.summary.accounts, 0);
  const out = ['<section id="summary"><h2>Case summary</h2>'];
  if (input.notice) out.push(`<p class="notice" role="note">${esc(input.notice)}</p>`);
  out.push('<dl class="facts">');
  out.push(`<dt>Scope</dt><dd>${esc(input.scopeLabel)}</dd>`);
  out.push(`<dt>Pack made at</dt><dd><time>${esc(input.generatedAt)}</time> (UTC, the capturing computer's clock)</dd>`);
  out.push(`<dt>Threads</dt><dd>${input.threads.length}</dd><dt>Comments read</dt><dd>${comments}</dd><dt>Accounts seen</dt><dd>${accounts} (an account in two threads counts twice)</dd>`);
  out.push(`<dt>Flagged accounts in this pack</dt><dd>${input.accountCount} (high, medium or confirmed by you)</dd>`);
  out.push(`<dt>Made with</dt><dd>Amplifier Lens ${esc(input.extensionVersion)}${input.model ? `, avatar model ${esc(input.model.version)}` : ''}</dd>`);
  out.push('</dl>');
  out.push('<table><caption>Threads</caption><thead><tr><th scope="col">Platform</th><th scope="col">Thread</th><th scope="col">First / last seen</th><th scope="col">Comments</th><th scope="col">Accounts</th><th scope="col">High</th><th scope="col">Medium</th><th scope="col">Share of comments from flagged accounts</th><th scope="col">Thread level</th></tr></thead><tbody>');
  for (const t of input.threads) {
    const s = t.summary;
    const url = safeThreadUrl(s.platform, s.threadId, t.url);
    const label = esc(t.title ? `${t.title} (${s.threadId})` : s.threadId);
    out.push(
      `<tr><td>${PLATFORM_NAMES[s.platform]}</td><td>${url ? `<a href="${esc(url)}" rel="noopener noreferrer">${label}</a><br><code>${esc(url)}</code>` : label}</td><td>${esc(t.firstSeen ?? '–')}<br>${esc(t.lastSeen ?? '–')}</td><td>${s.comments}</td><td>${s.accounts}</td><td>${s.flagged.high}</td><td>${s.flagged.medium}</td><td>${Math.round(s.flaggedCommentShare * 100)} %</td><td><span class="level level-${s.level}">${LEVEL_WORDS[s.level]}</span>${s.unavailable.length ? `<br><span class="muted">not computed: ${esc(s.unavailable.join(', '))}</span>` : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function integritySection(): string {
  return `<section id="integrity"><h2>Integrity</h2>
<p>Every comment, account record, picture and screen capture in this file is an <em>item</em> whose SHA-256 is listed in the manifest at the end of the file, together with the SHA-256 of the whole file, the versions of the extension and the avatar model, and whose clock the times come from. To check the file, run <code>npm run -s lens -- verify THIS-FILE.html</code> in the Amplifier Lens folder: it recomputes every hash and names any item that changed.</p>
<p><strong>Nothing is signed.</strong> Anyone who edits this file can recompute the hashes, so the file alone does not prove it is unchanged. To be able to prove that later, keep its SHA-256 somewhere you do not control alone at the time you make it: send it in an email, publish it, or timestamp it (for example with OpenTimestamps). The pictures' hashes are of the exact bytes the platform served, so they can also be compared with a copy fetched elsewhere.</p>
<p>Times marked “captured” are from the clock of the computer that captured the comments (UTC), not from a time server. “Posted” times are what the platform showed.</p>
</section>`;
}

async function screenshotSection(shots: EvidencePackInput['screenshots'], manifest: Manifest): Promise<string> {
  const out: string[] = [];
  let n = 0;
  for await (const shot of shots ?? []) {
    n++;
    const item = manifest.record();
    const image = await manifest.image(`screen capture ${n}`, shot.bytes, `Screen capture ${n} of ${shot.url}`);
    out.push(`<figure class="screenshot" id="capture-${n}">`);
    out.push(image ? image.html : '<p>This capture is in an unknown image format and is not embedded.</p>');
    out.push(`<figcaption><dl class="facts"><dt>Page</dt><dd>${item.field('code', 'url', shot.url)}</dd>${shot.title ? `<dt>Title</dt><dd>${item.field('span', 'title', shot.title)}</dd>` : ''}<dt>Captured at</dt><dd>${item.field('time', 'captured-at', shot.capturedAt)}</dd>${image ? `<dt>SHA-256</dt><dd>${item.field('code', 'image-sha256', image.sha256)}</dd>` : ''}</dl></figcaption></figure>`);
    await manifest.close(item, `screen capture ${n} record`);
  }
  if (n === 0) return '';
  return `<section id="captures"><h2>Screen captures (${n})</h2><p class="muted">The visible part of the page, captured on request with its address and time.</p>\n${out.join('\n')}</section>`;
}

/** The pack, chunk by chunk; the last chunk is the manifest (whole-file hash still zeroed). */
export async function* generateEvidencePack(input: EvidencePackInput): AsyncGenerator<string> {
  const manifest = new Manifest();
  const title = `${input.title} — evidence pack`;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Amplifier Lens ${esc(input.extensionVersion)} (${PACK_SCHEMA})">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="muted">Amplifier Lens · evidence pack · made ${esc(input.generatedAt)}</p><h1>${esc(input.title)}</h1></header>
<nav aria-label="Contents"><ol><li><a href="#summary">Case summary</a></li><li><a href="#methods">Methods</a></li>${input.graph?.nodes.length ? '<li><a href="#graph">Graph</a></li>' : ''}<li><a href="#clusters">Evidence clusters</a></li><li><a href="#accounts">Flagged accounts</a></li><li><a href="#captures">Screen captures</a></li><li><a href="#integrity">Integrity</a></li></ol></nav>
`;
  yield summarySection(input);
  yield methodsSection(input);
  yield graphSection(input.graph);
  yield await clusterSection(input.clusters, manifest);
  yield `<section id="accounts"><h2>Flagged accounts (${input.accountCount})</h2>\n`;
  const clusters = indexClusters(input.clusters);
  let index = 0;
  let earliest: string | undefined;
  let latest: string | undefined;
  for await (const account of input.accounts) {
    for (const r of account.comments) {
      if (!earliest || r.seenAt < earliest) earliest = r.seenAt;
      if (!latest || r.seenAt > latest) latest = r.seenAt;
    }
    yield await accountSection(account, index++, manifest, clusters);
  }
  if (index === 0) yield '<p>No account is flagged in this scope.</p>';
  yield '</section>\n';
  yield await screenshotSection(input.screenshots, manifest);
  yield integritySection();
  const manifestValue: PackManifest = {
    schema: PACK_SCHEMA,
    generatedAt: input.generatedAt,
    hashAlgorithm: 'SHA-256',
    versions: { extension: input.extensionVersion, ...(input.model ? { model: input.model.version } : {}), packFormat: PACK_SCHEMA },
    captureClock: {
      source: "the clock of the computer that captured the comments (not checked against a time server)",
      timeZone: 'UTC',
      ...(earliest ? { earliestSeenAt: earliest } : {}),
      ...(latest ? { latestSeenAt: latest } : {}),
      ...input.captureClock,
    },
    signed: false,
    items: manifest.items,
    wholeSha256: WHOLE_PLACEHOLDER,
  };
  yield `\n${MANIFEST_OPEN}${manifestText(manifestValue)}${MANIFEST_CLOSE}\n</body>\n</html>\n`;
}

/** The last chunk with the whole-file hash filled in; `unsealedSha256` is the SHA-256 of every chunk as generated. */
export function sealEvidencePack(lastChunk: string, unsealedSha256: string): string {
  const at = lastChunk.lastIndexOf(WHOLE_KEY + WHOLE_PLACEHOLDER);
  if (at < 0) throw new Error('not the last chunk of an evidence pack: no whole-file hash to fill in');
  return lastChunk.slice(0, at + WHOLE_KEY.length) + unsealedSha256 + lastChunk.slice(at + WHOLE_KEY.length + WHOLE_PLACEHOLDER.length);
}

/** The whole pack as one string (command line, tests; the extension builds a Blob from the chunks instead). */
export async function evidencePackToString(input: EvidencePackInput): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of generateEvidencePack(input)) chunks.push(chunk);
  const unsealed = chunks.join('');
  const last = chunks[chunks.length - 1];
  return unsealed.slice(0, unsealed.length - last.length) + sealEvidencePack(last, await sha256Hex(unsealed));
}
