/**
 * What the evidence pack needs beyond the analysis, kept in its own IndexedDB database so the case
 * store's schema is untouched: the profile pictures' bytes exactly as fetched for scoring, and the screen
 * captures the journalist asked for. Deleted with the rest of the case.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Platform } from '../core/types.ts';

export interface KeptImage {
  imageKey: string;
  bytes: Uint8Array;
  sourceUrl: string;
  fetchedAt: string;
}

export interface ScreenCapture {
  id?: number;
  platform?: Platform;
  threadId?: string;
  url: string;
  title?: string;
  capturedAt: string;
  sha256: string;
  bytes: Uint8Array;
}

interface EvidenceDb extends DBSchema {
  images: { key: string; value: KeptImage };
  captures: { key: number; value: ScreenCapture };
}

export class EvidenceStore {
  private db: Promise<IDBPDatabase<EvidenceDb>>;

  constructor(name = 'amplifier-lens-evidence') {
    this.db = openDB<EvidenceDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('images', { keyPath: 'imageKey' });
        db.createObjectStore('captures', { keyPath: 'id', autoIncrement: true });
      },
    });
  }

  async keepImage(image: KeptImage): Promise<void> {
    await (await this.db).put('images', image);
  }

  async image(imageKey: string): Promise<KeptImage | undefined> {
    return (await this.db).get('images', imageKey);
  }

  async addCapture(capture: Omit<ScreenCapture, 'id'>): Promise<number> {
    return (await this.db).add('captures', capture as ScreenCapture);
  }

  async capture(id: number): Promise<ScreenCapture | undefined> {
    return (await this.db).get('captures', id);
  }

  /** Every capture without its bytes (for listing). */
  async captureList(): Promise<Omit<ScreenCapture, 'bytes'>[]> {
    const out: Omit<ScreenCapture, 'bytes'>[] = [];
    let cursor = await (await this.db).transaction('captures').store.openCursor();
    while (cursor) {
      const { bytes: _bytes, ...meta } = cursor.value;
      out.push(meta);
      cursor = await cursor.continue();
    }
    return out;
  }

  /** Deletes pictures fetched and captures taken before the cut-off (the case's retention period). */
  async expire(before: string): Promise<void> {
    const tx = (await this.db).transaction(['images', 'captures'], 'readwrite');
    for (const name of ['images', 'captures'] as const) {
      let cursor = await tx.objectStore(name).openCursor();
      while (cursor) {
        const value = cursor.value as KeptImage | ScreenCapture;
        if (('fetchedAt' in value ? value.fetchedAt : value.capturedAt) < before) await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  async clear(): Promise<void> {
    const db = await this.db;
    await Promise.all([db.clear('images'), db.clear('captures')]);
  }
}
