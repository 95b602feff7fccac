import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, normaliseSettings, SettingsSchema, type Settings } from '../../core/settings.ts';
import { PLATFORMS } from '../../core/types.ts';
import { t } from '../shared/i18n.ts';
import { ask } from '../shared/messaging.ts';
import * as v from 'valibot';

function Options() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void browser.storage.local.get('settings').then((stored) => setSettings(normaliseSettings(stored.settings)));
  }, []);

  const update = (change: Partial<Settings>) => setSettings({ ...settings, ...change });

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = v.safeParse(SettingsSchema, settings);
    if (!checked.success) {
      setStatus(checked.issues[0].message);
      return;
    }
    // Through the background's one writer: an overlay toggled meanwhile in the popup is kept.
    const { overlays: _overlays, ...change } = checked.output;
    const reply = (await ask({ type: 'update-settings', change })) as { error?: string } | undefined;
    setStatus(reply?.error ?? t('optionsSaved'));
  };

  const deleteAll = async () => {
    if (!confirm(t('optionsDeleteConfirm'))) return;
    await ask({ type: 'delete-all-data' });
    setStatus(t('optionsDeleted'));
  };

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>{t('optionsPlatforms')}</legend>
          {PLATFORMS.map((platform) => (
            <label key={platform}>
              <input
                type="checkbox"
                name={`platform-${platform}`}
                checked={settings.platforms[platform]}
                onChange={(e) => update({ platforms: { ...settings.platforms, [platform]: (e.target as HTMLInputElement).checked } })}
              />
              {t(`platform_${platform}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('optionsThresholds')}</legend>
          {(['medium', 'high'] as const).map((level) => (
            <label key={level}>
              {t(level === 'medium' ? 'optionsMedium' : 'optionsHigh')}
              <input
                type="number" name={`threshold-${level}`} min="0" max="1" step="0.01"
                value={settings.thresholds[level]}
                onInput={(e) => update({ thresholds: { ...settings.thresholds, [level]: Number((e.target as HTMLInputElement).value) } })}
              />
            </label>
          ))}
          <label>
            <input type="checkbox" name="show-low" checked={settings.showLowLevel}
              onChange={(e) => update({ showLowLevel: (e.target as HTMLInputElement).checked })} />
            {t('optionsShowLow')}
          </label>
          <label>
            <input type="checkbox" name="avatar-scoring" checked={settings.avatarScoring}
              onChange={(e) => update({ avatarScoring: (e.target as HTMLInputElement).checked })} />
            {t('optionsAvatar')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('optionsRetention')}</legend>
          <label>
            {t('optionsRetention')}
            <input type="number" name="retention" min="1" max="3650" step="1" value={settings.retentionDays}
              onInput={(e) => update({ retentionDays: Number((e.target as HTMLInputElement).value) })} />
          </label>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('optionsSave')}</button>
          <button type="button" class="danger" onClick={() => void deleteAll()}>{t('optionsDeleteAll')}</button>
          <span role="status" aria-live="polite">{status}</span>
        </div>
      </form>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
