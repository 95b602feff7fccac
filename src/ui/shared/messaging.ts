import browser from 'webextension-polyfill';
import type { UiMessage } from '../../core/messages.ts';
import type { ExportChunk, ExportStart } from '../../core/views.ts';

/** Sends a message to the background and turns a missing or error reply into a thrown Error. */
export async function ask<T = Record<string, unknown>>(message: UiMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as (T & { error?: string }) | undefined;
  if (reply === undefined) throw new Error('no reply from the background');
  if (reply && typeof reply === 'object' && typeof reply.error === 'string') throw new Error(reply.error);
  return reply;
}

/** Saves text or a Blob as a file through a temporary link (no downloads permission needed). */
export function saveFile(filename: string, mime: string, content: string | Blob) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Asks the background for an export and saves it. The file arrives in pieces of a few megabytes (one
 * message could not carry a large case), each turned into a Blob at once so that the text is not held
 * twice; the saved Blob only refers to them. Returns the file name.
 */
export async function downloadExport(message: Extract<UiMessage, { type: 'export' }>): Promise<string> {
  const file = await ask<ExportStart>(message);
  const parts: Blob[] = [];
  for (;;) {
    const chunk = await ask<ExportChunk>({ type: 'export-chunk', exportId: file.exportId });
    parts.push(new Blob([chunk.data]));
    if (chunk.done) break;
  }
  saveFile(file.filename, file.mime, new Blob(parts, { type: file.mime }));
  return file.filename;
}
