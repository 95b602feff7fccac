/** User settings (options page). Pure: defaults and validation only; storage lives in the background. */
import * as v from 'valibot';
import type { Platform } from './types.ts';

export interface Settings {
  platforms: Record<Platform, boolean>;
  /** overlays shown per platform (toggled from the popup or the keyboard shortcut) */
  overlays: Record<Platform, boolean>;
  showLowLevel: boolean;
  avatarScoring: boolean;
  /** score cut-offs for the account levels */
  thresholds: { medium: number; high: number };
  retentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  platforms: { youtube: true, x: true, facebook: true },
  overlays: { youtube: true, x: true, facebook: true },
  showLowLevel: false,
  avatarScoring: true,
  thresholds: { medium: 0.45, high: 0.7 },
  retentionDays: 90,
};

const flags = v.object({ youtube: v.boolean(), x: v.boolean(), facebook: v.boolean() });
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const SettingsSchema = v.pipe(
  v.object({
    platforms: flags,
    overlays: flags,
    showLowLevel: v.boolean(),
    avatarScoring: v.boolean(),
    thresholds: v.pipe(
      v.object({ medium: unit, high: unit }),
      v.check((t) => t.medium < t.high, 'the medium threshold must be below the high threshold'),
    ),
    retentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
  }),
);

/**
 * A change from the options page: the fields it owns (overlays are toggled from the popup and the
 * keyboard shortcut, and must not be overwritten by a form opened before the toggle).
 */
export const SettingsChangeSchema = v.partial(
  v.object({
    platforms: flags,
    showLowLevel: v.boolean(),
    avatarScoring: v.boolean(),
    thresholds: v.object({ medium: unit, high: unit }),
    retentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
  }),
);
export type SettingsChange = v.InferOutput<typeof SettingsChangeSchema>;

/** Fills what is missing or invalid in stored settings with defaults, field by field. */
export function normaliseSettings(stored: unknown): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) };
  const result = v.safeParse(SettingsSchema, merged);
  if (result.success) return result.output;
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const candidate = { ...DEFAULT_SETTINGS, [key]: (merged as Record<string, unknown>)[key] };
    if (v.safeParse(SettingsSchema, candidate).success) (out as unknown as Record<string, unknown>)[key] = candidate[key];
  }
  return out;
}
