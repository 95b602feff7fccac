/**
 * m.facebook.com ships most of a post page inside `<code><!-- … --></code>` blocks that its own script
 * turns into DOM after load. A live page has already been inflated; a saved HTML file has not. This
 * string transform does the same for files read in Node (no script runs, nothing is fetched).
 */
export function inflateFacebookHiddenMarkup(html: string): string {
  return html.replace(/<code(\s[^>]*)?>\s*<!--([\s\S]*?)-->\s*<\/code>/g, (_all, attrs: string | undefined, inner: string) => `<code${attrs ?? ''}>${inner}</code>`);
}
