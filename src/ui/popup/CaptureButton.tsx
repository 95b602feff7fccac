import { useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { ask } from '../shared/messaging.ts';

/**
 * "Capture this view": on the user's click, the background stores the visible part of the tab (activeTab)
 * with its address, time and SHA-256 in the case; the evidence pack includes it.
 */
export function CaptureButton({ tabId }: { tabId: number }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const capture = async () => {
    setBusy(true);
    try {
      const done = await ask<{ capturedAt: string; sha256: string }>({ type: 'capture-visible', tabId });
      setStatus(t('captureSaved', [done.capturedAt, done.sha256.slice(0, 16) + '…']));
    } catch (e) {
      setStatus(t('stateError', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <p class="capture">
      <button type="button" data-action="capture-view" disabled={busy} onClick={() => void capture()}>
        {t('captureView')}
      </button>{' '}
      <span class="muted" role="status" aria-live="polite" data-capture-status={status ? 'done' : 'idle'}>
        {status}
      </span>
    </p>
  );
}
