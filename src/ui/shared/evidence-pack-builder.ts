/**
 * Builds an evidence pack in the extension page that asked for it (popup or report): the background
 * sends a plan and then accounts and captures in pages of bounded size; the pure generator turns them
 * into HTML chunks, gathered into Blobs (which the browser may keep out of the JS heap) and hashed once
 * at the end. No message ever carries the whole pack.
 */
import browser from 'webextension-polyfill';
import detector from '../../../models/avatar-detector.json';
import metrics from '../../../models/training/metrics-v3.json';
import { base64ToBytes, sha256Hex } from '../../core/export/evidence-format.ts';
import { generateEvidencePack, sealEvidencePack, type PackAccount, type PackScreenshot } from '../../core/export/evidence-pack.ts';
import { accountFromWire, packGraph, type PackAccountWire, type PackCaptureWire, type PackPlan, type PackScope } from '../../core/export/evidence-transfer.ts';
import { modelFacts } from '../../core/export/model-facts.ts';
import { forceLayout } from '../report/layout.ts';
import { ask } from './messaging.ts';

const ACCOUNTS_PER_REQUEST = 100;
/** Strings are turned into a Blob part about every this many characters. */
const BLOB_PART_CHARS = 4 * 1024 * 1024;

export interface BuiltPack {
  filename: string;
  blob: Blob;
  /** SHA-256 of the file as saved */
  sha256: string;
}

export async function buildEvidencePack(scope: PackScope, onProgress?: (done: number, total: number) => void): Promise<BuiltPack> {
  const plan = await ask<PackPlan>({ type: 'pack-plan', scope });
  let done = 0;
  onProgress?.(0, plan.accounts.length);

  async function* accounts(): AsyncGenerator<PackAccount> {
    for (let at = 0; at < plan.accounts.length; ) {
      const wanted = plan.accounts.slice(at, at + ACCOUNTS_PER_REQUEST).map(({ platform, accountId }) => ({ platform, accountId }));
      const reply = await ask<{ accounts: PackAccountWire[]; consumed: number }>({ type: 'pack-accounts', scope, accounts: wanted });
      for (const wire of reply.accounts) {
        yield accountFromWire(wire);
        onProgress?.(++done, plan.accounts.length);
      }
      at += Math.max(1, reply.consumed);
    }
  }

  async function* screenshots(): AsyncGenerator<PackScreenshot> {
    for (const capture of plan.captures) {
      const wire = await ask<PackCaptureWire>({ type: 'pack-capture', id: capture.id });
      yield { bytes: base64ToBytes(wire.bytesBase64), url: wire.url, capturedAt: wire.capturedAt, ...(wire.title ? { title: wire.title } : {}) };
    }
  }

  const model = modelFacts(detector, metrics);
  const parts: Blob[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  let last = '';
  for await (const chunk of generateEvidencePack({
    title: plan.title,
    scopeLabel: plan.scopeLabel,
    generatedAt: plan.generatedAt,
    extensionVersion: browser.runtime.getManifest().version,
    threads: plan.threads,
    clusters: plan.clusters,
    accountCount: plan.accounts.length,
    accounts: accounts(),
    screenshots: screenshots(),
    graph: packGraph(plan, forceLayout),
    ...(model ? { model } : {}),
    ...(plan.notice ? { notice: plan.notice } : {}),
  })) {
    if (last) {
      pending.push(last);
      pendingChars += last.length;
    }
    last = chunk;
    if (pendingChars >= BLOB_PART_CHARS) {
      parts.push(new Blob(pending));
      pending = [];
      pendingChars = 0;
    }
  }
  parts.push(new Blob(pending));
  const unsealed = await sha256Hex(new Uint8Array(await new Blob([...parts, last]).arrayBuffer()));
  const blob = new Blob([...parts, sealEvidencePack(last, unsealed)], { type: 'text/html;charset=utf-8' });
  return { filename: plan.filename, blob, sha256: await sha256Hex(new Uint8Array(await blob.arrayBuffer())) };
}
