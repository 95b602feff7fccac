import { createRequire } from 'node:module';

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

const sax = createRequire(import.meta.url)('sax') as {
  parser(strict: boolean): { onerror: (e: Error) => void; onopentag: (t: SaxTag) => void; write(s: string): { close(): void } };
};

/** Parses XML strictly (throws on malformed input) and returns every opening tag in document order. */
export function parseXmlTags(xml: string): SaxTag[] {
  const tags: SaxTag[] = [];
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => tags.push(tag);
  parser.write(xml).close();
  return tags;
}
