// Sets up i18next with Kolorob's English and Bengali texts and keeps <html lang> and the stored choice in step.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/apiTypes.ts';
import { TEXTS } from './texts.ts';

export const LOCALES: readonly Locale[] = ['en', 'bn'];

// Signed-out pages have no account to remember the choice, so the browser keeps it.
const STORAGE_KEY = 'kolorob.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'bn';
}

function storedLocale(): Locale | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function browserLocale(): Locale {
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith('bn')) ? 'bn' : 'en';
}

export function activeLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

function reflectInDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = i18next.t('app.documentTitle');
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing can refuse storage; the choice still applies to this visit.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  reflectInDocument(locale);
}

export async function initI18n(): Promise<typeof i18next> {
  const initial = storedLocale() ?? browserLocale();
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: TEXTS.en }, bn: { translation: TEXTS.bn } },
    lng: initial,
    fallbackLng: 'en',
    supportedLngs: LOCALES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  reflectInDocument(initial);
  return i18next;
}
