// The certificate PDF read back the way a reader and a printer see it: the text pdftotext extracts, the
// page pdftoppm draws (saved for a person to look at), the page size and the link behind the QR code.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPageCount, pdfToPngs, pdfToText } from '../testing/pdfTools.ts';
import { certificatePdf, formatCertificateDate } from './certificatePdf.ts';

const SCREENSHOTS = path.resolve('.test-data/screenshots');
const issuedAt = new Date('2026-03-15T08:30:00Z');

async function render(input: Parameters<typeof certificatePdf>[0], name: string) {
  const pdf = await certificatePdf(input);
  const text = await pdfToText(pdf);
  const [page] = await pdfToPngs(pdf, 110);
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(path.join(SCREENSHOTS, `${name}.png`), page!);
  return { pdf, text, flat: text.replace(/\s+/g, ' '), page: page! };
}

/** Width and height of a PNG from its header. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('formatCertificateDate', () => {
  it('writes the date in the certificate’s language, Bengali with Bengali digits', () => {
    expect(formatCertificateDate(issuedAt, 'en')).toBe('15 March 2026');
    expect(formatCertificateDate(issuedAt, 'bn')).toBe('১৫ মার্চ, ২০২৬');
  });

  it('uses the date in Bangladesh', () => {
    expect(formatCertificateDate(new Date('2026-03-15T19:00:00Z'), 'en')).toBe('16 March 2026');
  });
});

describe('certificatePdf', () => {
  it('prints an English certificate on one landscape A4 page with everything on it', async () => {
    const verifyUrl = 'https://kolorob.example.org/verify/KLR-7Q2M-XK4P';
    const { pdf, flat, page } = await render(
      {
        code: 'KLR-7Q2M-XK4P',
        holderName: 'Farhana Akter',
        title: 'Community management essentials',
        language: 'en',
        issuedAt,
        verifyUrl,
      },
      'certificate-en',
    );
    expect(await pdfPageCount(pdf)).toBe(1);
    const { width, height } = pngSize(page);
    expect(width).toBeGreaterThan(height);
    expect(Math.round((width / height) * 100)).toBe(141);
    for (const part of [
      'Kolorob',
      'Certificate of achievement',
      'Farhana Akter',
      'Community management essentials',
      '15 March 2026',
      'KLR-7Q2M-XK4P',
      verifyUrl,
    ]) {
      expect(flat).toContain(part);
    }
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (en)');
    // The QR code and the printed address both link to the verification page.
    expect(raw.split(`/URI (${verifyUrl})`).length - 1).toBe(2);
  });

  it('prints a Bengali certificate whose name, title and date extract exactly as written', async () => {
    const holderName = 'মো. রুমানা আক্তার চৌধুরী';
    const title = 'সোশ্যাল মিডিয়া সংকট ব্যবস্থাপনা ও কৌশল';
    const { pdf, flat } = await render(
      {
        code: 'KLR-AB3D-9WXY',
        holderName,
        title,
        language: 'bn',
        issuedAt,
        verifyUrl: 'https://kolorob.example.org/verify/KLR-AB3D-9WXY',
      },
      'certificate-bn',
    );
    expect(flat).toContain(holderName);
    expect(flat).toContain(title);
    expect(flat).toContain('অর্জনের সনদ');
    expect(flat).toContain('১৫ মার্চ, ২০২৬');
    expect(flat).toContain('KLR-AB3D-9WXY');
    expect(pdf.toString('latin1')).toContain('/Lang (bn-BD)');
  });

  it('keeps a very long name and title on the one page', async () => {
    const holderName = 'Mohammad Abdullah Al Mamun Chowdhury Talukder Bhuiyan Sarkar Majumder';
    const title =
      'Advanced crisis communication, community listening and paid social campaigns for Bangladeshi brands and newsrooms';
    const { pdf, flat } = await render(
      {
        code: 'KLR-LNGN-AMES',
        holderName,
        title,
        language: 'en',
        issuedAt,
        verifyUrl: 'https://kolorob.example.org/verify/KLR-LNGN-AMES',
      },
      'certificate-long',
    );
    expect(await pdfPageCount(pdf)).toBe(1);
    for (const word of [...holderName.split(' '), ...title.split(' ')]) expect(flat).toContain(word);
  });
});
