/**
 * Measures the option left out of src/: Chinese personal names and other Han words romanised to
 * pinyin so that "郭文贵" meets "Guo Wengui" and "新疆" meets "Xinjiang" (issue 11 item 1). Prints
 * (1) what a pinyin table costs in the extension (the whole `pinyin-pro` library bundled and
 * minified, against a trimmed character table of GB2312 + Big5 level 1, toneless), and (2) what it
 * could add on the simulator's campaign templates: per template, the places of its Chinese copy that
 * an English or Turkish copy shares today (terms.ts) and the romanised names pinyin would add. A
 * narrative link needs shared rare terms in two separate places of each comment.
 *
 * `pinyin-pro` (MIT) is not a dependency of the project; install it anywhere and pass its folder:
 *   (cd /tmp/p && npm i -E pinyin-pro@3.29.4)
 *   npx tsx scripts/measure-pinyin-option.ts /tmp/p/node_modules/pinyin-pro
 */
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CAMPAIGN_TEMPLATES } from '../src/core/simulate/templates.ts';
import { contentTerms } from '../src/core/text/terms.ts';
import { exitOnClosedStdout } from '../src/cli/lens.ts';

exitOnClosedStdout();

const dir = process.argv[2];
if (!dir || !existsSync(resolve(dir, 'package.json'))) {
  console.error('usage: npx tsx scripts/measure-pinyin-option.ts PATH/TO/node_modules/pinyin-pro   (pinyin-pro is not installed in the project: see the header)');
  process.exit(2);
}
const { pinyin } = (await import(pathToFileURL(resolve(dir, 'dist/index.mjs')).href)) as { pinyin: (s: string, o: object) => string | string[] };

// (1) size
const bundled = await build({
  stdin: { contents: `import { pinyin } from ${JSON.stringify(resolve(dir, 'dist/index.mjs'))}; export const romanise = (s) => pinyin(s, { toneType: 'none', type: 'array' });`, resolveDir: process.cwd() },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
});
const library = bundled.outputFiles[0].contents;
const chars: string[] = [];
const gbk = new TextDecoder('gbk');
for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) chars.push(gbk.decode(new Uint8Array([row, cell])));
const big5 = new TextDecoder('big5');
for (let row = 0xa4; row <= 0xc6; row++)
  for (let cell = 0x40; cell <= 0xfe; cell++) if (cell <= 0x7e || cell >= 0xa1) chars.push(big5.decode(new Uint8Array([row, cell])));
const han = [...new Set(chars.filter((c) => c.length === 1 && /\p{Script=Han}/u.test(c)))];
const bySyllable = new Map<string, string[]>();
for (const c of han) {
  const p = pinyin(c, { toneType: 'none' }) as string;
  if (!/^[a-zü]+$/.test(p)) continue;
  let list = bySyllable.get(p);
  if (!list) bySyllable.set(p, (list = []));
  list.push(c);
}
const table = [...bySyllable].map(([p, cs]) => p + cs.join('')).join('\n');
console.log('## Cost in the extension\n');
console.log('| pinyin source | characters | minified bytes | gzip bytes |');
console.log('| --- | --- | --- | --- |');
console.log(`| pinyin-pro (whole library, esbuild --minify) | all it knows | ${library.length.toLocaleString('en-US')} | ${gzipSync(library).length.toLocaleString('en-US')} |`);
console.log(`| trimmed table: GB2312 + Big5 level 1, toneless, one reading | ${han.length.toLocaleString('en-US')} | ${Buffer.byteLength(table).toLocaleString('en-US')} | ${gzipSync(table).length.toLocaleString('en-US')} |`);

// (2) what it could add on the simulator's templates
const places = (text: string) => new Set(contentTerms(text).filter((t) => t.kind !== 'han' && t.kind !== 'word').map((t) => t.key));
/** Capitalised romanised runs of 2–3 Han characters found in the Latin text ("Guo Wengui", "Xinjiang"). */
function romanisedNames(zh: string, latin: string): string[] {
  const found = new Set<string>();
  for (const run of zh.match(/\p{Script=Han}+/gu) ?? []) {
    const cs = Array.from(run);
    for (let i = 0; i < cs.length; i++)
      for (const n of [3, 2]) {
        if (i + n > cs.length) continue;
        const syl = pinyin(cs.slice(i, i + n).join(''), { toneType: 'none', type: 'array' }) as string[];
        const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
        // "Guo Wengui" (surname, given name) or "Xinjiang" (one word)
        const spaced = `${cap(syl[0])} ${cap(syl.slice(1).join(''))}`;
        const joined = cap(syl.join(''));
        const hit = [spaced, joined].find((w) => new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, 'u').test(latin));
        if (hit) {
          found.add(`${cs.slice(i, i + n).join('')} = ${hit}`);
          i += n - 1;
          break;
        }
      }
  }
  return [...found];
}
console.log('\n## The simulator\'s templates (src/core/simulate/templates.ts): what the Chinese copy shares with the others\n');
console.log('| template | zh ∩ en: names, places, numbers today | pinyin would add | zh ∩ tr today | pinyin would add |');
console.log('| --- | --- | --- | --- | --- |');
for (const [k, t] of CAMPAIGN_TEMPLATES.entries()) {
  const zh = places(t.zh.replace(/\{\w+\}/g, ''));
  const shared = (other: string) => [...places(other.replace(/\{\w+\}/g, ''))].filter((key) => zh.has(key));
  const row = (other: string) => `${shared(other).join(', ') || '—'} | ${romanisedNames(t.zh, other).join(', ') || '—'}`;
  console.log(`| ${k + 1}. ${t.en.slice(0, 40)}… | ${row(t.en)} | ${row(t.tr)} |`);
}
console.log('\n{tag}/{link} are filled per campaign: a tag is one more shared word in both copies, a link none (links are not narrative terms).');
