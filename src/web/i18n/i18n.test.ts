// Keeps the English and Bengali texts in step: same keys, a real Bengali text for each, same placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/apiTypes.ts';
import { TEXTS, type Texts } from './texts.ts';

// Texts that are rightly the same in both languages: the product's name and each language's own name.
const SAME_IN_BOTH = new Set(['app.name', 'language.en', 'language.bn']);

function flatten(texts: Texts, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const webRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Keys written out literally in t('...') calls; keys built at run time (roles, sections) are left out. */
function literalKeysInSource(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(webRoot)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'$]+)'/g)) keys.add(match[1] ?? '');
  }
  return keys;
}

const english = flatten(TEXTS.en);
const bengali = flatten(TEXTS.bn);

describe('locale files', () => {
  it('have the same keys in English and Bengali', () => {
    const missingInBengali = [...english.keys()].filter((key) => !bengali.has(key));
    const missingInEnglish = [...bengali.keys()].filter((key) => !english.has(key));
    expect({ missingInBengali, missingInEnglish }).toEqual({ missingInBengali: [], missingInEnglish: [] });
  });

  it('have no empty texts', () => {
    const empty = [...english, ...bengali].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('translate every Bengali text instead of copying the English one', () => {
    const untranslated = [...bengali]
      .filter(([key, text]) => !SAME_IN_BOTH.has(key) && text === english.get(key))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('use the same interpolation placeholders in both languages', () => {
    const mismatched = [...english]
      .filter(([key]) => bengali.has(key))
      .filter(([key, text]) => placeholders(text).join() !== placeholders(bengali.get(key) ?? '').join())
      .map(([key, text]) => ({ key, en: placeholders(text), bn: placeholders(bengali.get(key) ?? '') }));
    expect(mismatched).toEqual([]);
  });

  it('contain every key the web app asks for by name', () => {
    const used = [...literalKeysInSource()];
    expect(used.length).toBeGreaterThan(50);
    const missing = used.filter((key) => !english.has(key) && !english.has(`${key}_other`));
    expect(missing).toEqual([]);
  });

  it('name and describe every role and every section, whose keys are built at run time', () => {
    const sections = ['streams', 'publisher', 'inbox', 'listening', 'analytics', 'academy'];
    const needed = [
      ...ROLES.flatMap((role) => [`roles.${role}.name`, `roles.${role}.description`]),
      ...sections.flatMap((section) => [
        `sections.${section}.nav`,
        `sections.${section}.title`,
        `sections.${section}.purpose`,
      ]),
      'sections.settings.nav',
      'language.en',
      'language.bn',
    ];
    expect(needed.filter((key) => !english.has(key))).toEqual([]);
  });

  it('keep the allow-list small and limited to keys that exist', () => {
    expect(SAME_IN_BOTH.size).toBeLessThanOrEqual(3);
    for (const key of SAME_IN_BOTH) expect(english.has(key)).toBe(true);
  });
});
