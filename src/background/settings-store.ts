import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { normaliseSettings, SettingsSchema, type Settings } from '../core/settings.ts';

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return normaliseSettings(stored[KEY]);
}

/** Every write goes through this chain: read, change, write, one at a time, so no change is lost. */
let writes: Promise<unknown> = Promise.resolve();

/**
 * Applies a change to the stored settings atomically with respect to every other change made through
 * here (popup toggles, the shortcut, the options page). Throws, writing nothing, if the result is invalid.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = writes.then(async () => {
    const updated = change(structuredClone(await loadSettings()));
    const checked = v.safeParse(SettingsSchema, updated);
    if (!checked.success) throw new Error(checked.issues[0].message);
    await browser.storage.local.set({ [KEY]: checked.output });
    return checked.output;
  });
  writes = next.catch(() => undefined);
  return next;
}

export function onSettingsChanged(listener: (settings: Settings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[KEY]) listener(normaliseSettings(changes[KEY].newValue));
  });
}
