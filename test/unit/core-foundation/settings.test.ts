import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../../src/core/settings.ts';

describe('normaliseSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and repairs invalid ones field by field', () => {
    const stored = { retentionDays: 30, thresholds: { medium: 0.9, high: 0.2 }, platforms: { youtube: false, x: true, facebook: true } };
    const settings = normaliseSettings(stored);
    expect(settings.retentionDays).toBe(30);
    expect(settings.platforms.youtube).toBe(false);
    expect(settings.thresholds).toEqual(DEFAULT_SETTINGS.thresholds);
  });
});
