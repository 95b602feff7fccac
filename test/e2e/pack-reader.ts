// Reads an opened evidence pack as its reader sees it; runs inside the page (Playwright or Puppeteer).

/** What a reader of the pack sees, read in the page (works the same under Playwright and Puppeteer). */
export function readPackInPage() {
  const accounts = [...document.querySelectorAll('section.account')].map((section) => {
    const img = section.querySelector<HTMLImageElement>('img.avatar');
    return {
      name: section.querySelector('[data-f="name"]')?.textContent ?? '',
      account: section.querySelector('[data-f="account"]')?.textContent ?? '',
      picture: img ? (img.complete && img.naturalWidth > 0 ? 'shown' : 'broken') : section.querySelector('.avatar-missing') ? 'not kept' : 'none',
      comments: [...section.querySelectorAll('[data-f="text"]')].map((e) => e.textContent ?? ''),
      permalinks: section.querySelectorAll('a[data-f="permalink"]').length,
      captured: section.querySelectorAll('[data-f="seen-at"]').length,
    };
  });
  return {
    title: document.title,
    accounts,
    captures: [...document.querySelectorAll('#captures img')].map((img) => (img as HTMLImageElement).naturalWidth),
    graphNodes: document.querySelectorAll('#graph svg circle').length,
    injected: document.querySelectorAll('body img:not([data-f="bytes"]), [onerror], script:not([type="application/json"])').length,
  };
}
