import { render } from 'preact';
import { t } from '../shared/i18n.ts';

function Report() {
  return (
    <main>
      <h1>{t('reportTitle')}</h1>
      <p>{t('reportEmpty')}</p>
    </main>
  );
}

render(<Report />, document.getElementById('app')!);
