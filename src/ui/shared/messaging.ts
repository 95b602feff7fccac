import browser from 'webextension-polyfill';
import type { UiMessage } from '../../core/messages.ts';

/** Sends a message to the background and turns a missing or error reply into a thrown Error. */
export async function ask<T = Record<string, unknown>>(message: UiMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as (T & { error?: string }) | undefined;
  if (reply === undefined) throw new Error('no reply from the background');
  if (reply && typeof reply === 'object' && typeof reply.error === 'string') throw new Error(reply.error);
  return reply;
}

/** Saves text as a file through a temporary link (no downloads permission needed). */
export function saveFile(filename: string, mime: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
