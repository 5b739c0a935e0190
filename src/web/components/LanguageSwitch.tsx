// Switches between English and Bengali: for a signed-in person the choice is saved to their account.
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/apiTypes.ts';
import { useMe, useUpdateMe } from '../api/sessionQueries.ts';
import { LOCALES, setLocale } from '../i18n/i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const updateMe = useUpdateMe();
  const signedIn = Boolean(me.data);

  const choose = async (locale: Locale) => {
    // Switch at once so the page answers the click; the account catches up in the background.
    await setLocale(locale);
    if (signedIn) updateMe.mutate({ locale });
  };

  return (
    <fieldset className="language-switch" aria-label={t('language.label')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={i18n.language === locale}
          onClick={() => void choose(locale)}
          data-testid={`language-${locale}`}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </fieldset>
  );
}
