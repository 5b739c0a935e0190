import { describe, expect, it } from 'vitest';
import { pdfToPngs, pdfToText } from '../testing/pdfTools.ts';
import { createPdf, pdfBytes, splitByScript, writeText } from './pdfText.ts';

describe('splitByScript', () => {
  it('keeps spaces and punctuation with the run they sit in', () => {
    expect(splitByScript('Certified: রুমানা আক্তার, 2026')).toEqual([
      { text: 'Certified: ', bengali: false },
      { text: 'রুমানা আক্তার', bengali: true },
      { text: ', 2026', bengali: false },
    ]);
  });

  it('keeps the danda with Bengali, since the Latin font has none', () => {
    expect(splitByScript('সনদ। KLR')).toEqual([
      { text: 'সনদ। ', bengali: true },
      { text: 'KLR', bengali: false },
    ]);
  });

  it('starts a new run where the script changes', () => {
    expect(splitByScript('কোর্স Kolorob কোর্স').map((run) => run.bengali)).toEqual([true, false, true]);
  });
});

describe('writeText', () => {
  it('extracts Bengali in the order it was written, conjuncts and pre-base vowel signs included', async () => {
    const doc = createPdf({ title: 'Test', language: 'bn' });
    const bengali = 'কিশোর ক্ষমা স্ত্রী জ্ঞান সার্টিফিকেট কৌশল';
    writeText(doc, bengali, { size: 20 });
    writeText(doc, 'Rumana Akter — সনদ নম্বর KLR-7Q2M', { size: 14, bold: true });
    const pdf = await pdfBytes(doc);
    const text = (await pdfToText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(bengali);
    expect(text).toContain('Rumana Akter — সনদ নম্বর KLR-7Q2M');
    const [page] = await pdfToPngs(pdf, 30);
    expect(page!.subarray(1, 4).toString()).toBe('PNG');
  });

  it('embeds the fonts so the page renders the same anywhere', async () => {
    const doc = createPdf({ title: 'Fonts', language: 'en' });
    writeText(doc, 'English and বাংলা');
    const pdf = await pdfBytes(doc);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/FontFile2|FontFile3/);
    expect(raw).toContain('/Lang (en)');
  });
});
