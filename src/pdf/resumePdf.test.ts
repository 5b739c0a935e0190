import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../appRoot.ts';
import { pdfPageCount, pdfToPngs, pdfToText } from '../testing/pdfTools.ts';
import {
  formatResumePeriod,
  layoutResume,
  RESUME_TEMPLATES,
  type ResumeData,
  type ResumeLayout,
  type TextBox,
} from './resumePdf.ts';

const SCREENSHOTS = path.join(APP_ROOT, '.test-data', 'screenshots');
const BENGALI_LINE = 'ঢাকার একটি সংবাদমাধ্যমের সামাজিক যোগাযোগ মাধ্যম পরিচালনা করেছি';

const profile: ResumeData = {
  name: 'Rumana Akter',
  headline: 'Social media manager',
  summary:
    'Eight years of running social channels for newsrooms and NGOs in Dhaka. আমি বাংলা ও ইংরেজি দুই ভাষাতেই কনটেন্ট লিখি।',
  location: 'Dhaka, Bangladesh',
  contact: 'rumana@example.org\n+880 1711 000000',
  experience: [
    {
      role: 'Head of social media',
      organisation: 'Padma News',
      start: '2021-03',
      end: 'present',
      description: BENGALI_LINE,
    },
    {
      role: 'Community manager',
      organisation: 'Jamuna Foundation',
      start: '2017-01',
      end: '2021-02',
      description:
        'Built a volunteer community of 4,000 people across eight districts, ran weekly live sessions and answered members in Bengali and English.',
    },
  ],
  education: [{ course: 'BSS in Mass Communication', institution: 'University of Dhaka', year: '2016' }],
  skills: ['Content planning', 'Crisis response', 'কমিউনিটি ব্যবস্থাপনা', 'Analytics', 'Paid social'],
  certificates: [
    {
      title: 'Kolorob Certified Community Manager',
      code: 'KLR-7Q2M-X4PA',
      issuedAt: new Date('2026-03-12T10:00:00Z'),
      verifyUrl: 'http://kolorob.test/verify/KLR-7Q2M-X4PA',
    },
  ],
};

const words = (text: string) => text.replace(/\s+/g, ' ');

/** As long as the API lets a profile be: every list full, every text at its limit. */
function longProfile(): ResumeData {
  const sentence = 'Planned and ran campaigns for partner brands, wrote the monthly report. ';
  const bengali = 'প্রতি সপ্তাহে লাইভ অনুষ্ঠান চালিয়েছি এবং সদস্যদের প্রশ্নের উত্তর দিয়েছি। ';
  const description = (sentence + bengali).repeat(12).slice(0, 1500);
  return {
    ...profile,
    headline: 'Social media manager, community builder and trainer for newsrooms across Bangladesh'.slice(
      0,
      120,
    ),
    summary: (sentence + bengali).repeat(20).slice(0, 2000),
    contact: Array.from({ length: 8 }, (_, index) => `contact line ${index + 1}: rumana@example.org`).join(
      '\n',
    ),
    experience: Array.from({ length: 20 }, (_, index) => ({
      role: `Role number ${index + 1}: senior social media strategist and community lead`,
      organisation: `Organisation ${index + 1} (Padma News and partners)`,
      start: `20${String(index).padStart(2, '0')}-01`,
      end: index === 19 ? 'present' : `20${String(index).padStart(2, '0')}-12`,
      // One job written as a long list of short lines, each on a line of its own.
      description:
        index === 3
          ? Array.from({ length: 160 }, (_, line) => `Result ${line + 1}`)
              .join('\n')
              .slice(0, 1500)
          : description,
    })),
    education: Array.from({ length: 6 }, (_, index) => ({
      course: `Course ${index + 1}: Mass Communication and Journalism`,
      institution: 'University of Dhaka, Department of Mass Communication and Journalism',
      year: String(2000 + index),
    })),
    skills: Array.from({ length: 30 }, (_, index) =>
      (index % 3 === 0
        ? `দক্ষতা ${index + 1}: কমিউনিটি ব্যবস্থাপনা ও সংকট মোকাবিলা, প্রশিক্ষণ`
        : `Skill ${index + 1}: community management and crisis response`
      ).slice(0, 50),
    ),
    certificates: Array.from({ length: 8 }, (_, index) => ({
      title: `Kolorob Certified Community Manager, level ${index + 1}`,
      code: `KLR-LONG-${index + 1}`,
      issuedAt: new Date(Date.UTC(2026, index, 3)),
      verifyUrl: `http://kolorob.test/verify/KLR-LONG-${index + 1}`,
    })),
  };
}

function overlaps(a: TextBox, b: TextBox): boolean {
  const e = 0.01;
  return (
    a.page === b.page &&
    a.x < b.x + b.width - e &&
    b.x < a.x + a.width - e &&
    a.y < b.y + b.height - e &&
    b.y < a.y + a.height - e
  );
}

function expectSoundLayout(layout: ResumeLayout) {
  for (const box of layout.boxes) {
    expect(box.page).toBeLessThan(layout.pages);
    expect(box.x, box.text).toBeGreaterThanOrEqual(0);
    expect(box.y, box.text).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, box.text).toBeLessThanOrEqual(layout.pageSize.width);
    expect(box.y + box.height, box.text).toBeLessThanOrEqual(layout.pageSize.height);
  }
  const clashes: string[] = [];
  layout.boxes.forEach((a, i) => {
    for (const b of layout.boxes.slice(i + 1)) {
      if (overlaps(a, b))
        clashes.push(`page ${a.page + 1}: "${a.text.slice(0, 30)}" / "${b.text.slice(0, 30)}"`);
    }
  });
  expect(clashes).toEqual([]);
}

async function saveFirstPage(pdf: Buffer, name: string) {
  const [page] = await pdfToPngs(pdf, 80);
  expect(page!.subarray(1, 4).toString()).toBe('PNG');
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(path.join(SCREENSHOTS, `${name}.png`), page!);
}

describe('dates in the resume', () => {
  it('formats periods in the chosen language, with Bengali digits in Bengali', () => {
    expect(formatResumePeriod('2021-03', 'present', 'en')).toBe('Mar 2021 – Present');
    expect(formatResumePeriod('2021-03', 'present', 'bn')).toBe('মার্চ ২০২১ – বর্তমান');
    expect(formatResumePeriod('2017-01', '2021-02', 'bn')).toBe('জানু ২০১৭ – ফেব ২০২১');
    expect(formatResumePeriod('2017-01', '', 'en')).toBe('Jan 2017');
  });
});

describe.each(RESUME_TEMPLATES)('the %s template', (template) => {
  it.each(['en', 'bn'] as const)(
    'writes the profile, headings in %s, and the certificate',
    async (language) => {
      const layout = await layoutResume(profile, { template, language });
      const text = words(await pdfToText(layout.pdf));
      expect(text).toContain('Rumana Akter');
      expect(text).toContain(BENGALI_LINE);
      expect(text).toContain('KLR-7Q2M-X4PA');
      expect(text).toContain('http://kolorob.test/verify/KLR-7Q2M-X4PA');
      expect(text).toContain('BSS in Mass Communication');
      if (language === 'en') {
        expect(text.toLowerCase()).toContain('experience');
        expect(text).toContain('Mar 2021 – Present');
        expect(text).not.toContain('অভিজ্ঞতা');
      } else {
        expect(text).toContain('অভিজ্ঞতা');
        expect(text).toContain('মার্চ ২০২১ – বর্তমান');
        expect(text).toContain('২০১৬');
        expect(text.toLowerCase()).not.toContain('experience');
      }
      expect(layout.pages).toBe(1);
      expect(await pdfPageCount(layout.pdf)).toBe(1);
      expectSoundLayout(layout);
      await saveFirstPage(layout.pdf, `resume-${template}-${language}`);
    },
  );

  it('continues a long profile on more pages without any text overlapping or leaving the page', async () => {
    const data = longProfile();
    const layout = await layoutResume(data, { template, language: 'bn' });
    expect(layout.pages).toBeGreaterThanOrEqual(2);
    expect(await pdfPageCount(layout.pdf)).toBe(layout.pages);
    expectSoundLayout(layout);
    const text = words(await pdfToText(layout.pdf));
    // Nothing is dropped: the last job, the last skill and the last certificate are all there.
    expect(text).toContain(data.experience[19]!.role);
    expect(text).toContain(data.skills[29]!);
    expect(text).toContain('KLR-LONG-8');
    const pages = await pdfToPngs(layout.pdf, 60);
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(path.join(SCREENSHOTS, `resume-${template}-long-page2.png`), pages[1]!);
  });
});
