// The query language at a glance, beside the query box: each piece of syntax, what it does, and an
// example in English and in Bengali.
import { useTranslation } from 'react-i18next';
import { SYNTAX_ITEMS } from './syntaxExamples.ts';

export function SyntaxHelp() {
  const { t } = useTranslation();
  return (
    <aside
      className="card listening-syntax"
      aria-labelledby="listening-syntax-heading"
      data-testid="syntax-help"
    >
      <h2 id="listening-syntax-heading">{t('listening.syntax.heading')}</h2>
      <p className="muted listening-syntax-intro">{t('listening.syntax.intro')}</p>
      <dl className="listening-syntax-list">
        {SYNTAX_ITEMS.map((item) => (
          <div key={item.id} className="listening-syntax-item">
            <dt>
              <code className="listening-syntax-form">{item.form}</code>
            </dt>
            <dd>
              <p>{t(`listening.syntax.items.${item.id}`)}</p>
              <p className="listening-syntax-examples">
                <span className="visually-hidden">{t('listening.syntax.exampleEnglish')} </span>
                <code className="listening-example" lang="en">
                  {item.english}
                </code>
                <span className="visually-hidden">{t('listening.syntax.exampleBengali')} </span>
                <code className="listening-example" lang="bn">
                  {item.bengali}
                </code>
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
