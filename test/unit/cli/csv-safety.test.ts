/**
 * Every CSV the project writes (the case export and `lens avatars --format csv`) neutralises the same
 * formula starts, through one function: a cell a spreadsheet would run is written with a leading apostrophe.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../../src/cli/avatars.ts';
import { neutralizeCell, toCsv } from '../../../src/core/export/csv.ts';
import type { AccountVerdict } from '../../../src/core/types.ts';

const HOSTILE = ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '  =cmd|"/c calc"!A1', '\u00a0=1', '\uff1d1+1', '\uff20SUM(A1)'];
const HARMLESS = ['plain', 'a=b', '1-2', 'name@example.com', '', '文字'];

const cellsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('formula neutralising, one rule for every CSV', () => {
  it('neutralizeCell prefixes dangerous starts and leaves the rest alone', () => {
    for (const value of HOSTILE) expect(neutralizeCell(value), JSON.stringify(value)).toBe(`'${value}`);
    for (const value of HARMLESS) expect(neutralizeCell(value)).toBe(value);
  });

  it('the avatars CSV neutralises every hostile file name as the case export does', () => {
    const rows = HOSTILE.map((file) => ({ file, pGenerated: null, level: 'unsure' as const, face: false, geometryDistance: null, textureP: null, reason: file, phash: null, error: file }));
    const cells = cellsOf(formatCsv(rows));
    expect(cells[0]).toEqual(['file', 'level', 'pGenerated', 'face', 'geometryDistance', 'textureP', 'reason', 'phash', 'error']);
    // file name, reason and error are all user data
    expect(cells.slice(1).map((row) => [row[0], row[6], row[8]])).toEqual(HOSTILE.map((v) => [neutralizeCell(v), neutralizeCell(v), neutralizeCell(v)]));
  });

  it('the case export neutralises the same names', () => {
    const verdicts = HOSTILE.map(
      (name, i): AccountVerdict => ({ platform: 'youtube', accountId: `UC${i}`, displayName: name, handle: name, level: 'high', score: 0.9, comments: 1, threads: ['t'], reasons: [] }) as unknown as AccountVerdict,
    );
    const [header, ...rows] = cellsOf(toCsv(verdicts));
    const name = header.indexOf('display_name');
    expect(rows.map((row) => row[name])).toEqual(HOSTILE.map((v) => `'${v}`));
  });
});
