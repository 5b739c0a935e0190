// What the query being written would have matched among the workspace's last stored mentions, asked
// for once typing pauses and only for a query that parses.
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { useDebouncedValue } from '../components/useDebouncedValue.ts';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { usePreview } from './listeningApi.ts';
import { MentionItem } from './MentionItem.tsx';
import { checkQuery } from './queryCheck.ts';

const SHOWN = 10;

export function QueryPreview({ workspaceId, query }: { workspaceId: string; query: string }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const settled = useDebouncedValue(query, 500);
  const valid = checkQuery(settled).state === 'valid';
  const preview = usePreview(workspaceId, settled, valid);
  const data = valid ? preview.data : undefined;

  return (
    <section
      className="card listening-preview"
      aria-labelledby="listening-preview-heading"
      data-testid="query-preview"
    >
      <h2 id="listening-preview-heading">{t('listening.preview.heading')}</h2>
      <div aria-live="polite">
        {!valid && <p className="muted">{t('listening.preview.waiting')}</p>}
        {valid && preview.isError && <FormAlert error={preview.error} />}
        {valid && !data && preview.isFetching && <p className="muted">{t('listening.preview.loading')}</p>}
        {data && (
          <p data-testid="preview-count">
            {data.scanned === 0
              ? t('listening.preview.nothingStored')
              : t('listening.preview.count', {
                  count: data.count,
                  formatted: number(data.count),
                  scanned: number(data.scanned),
                })}
          </p>
        )}
      </div>
      {data && data.mentions.length > 0 && (
        <div className="listening-mentions">
          {data.mentions.slice(0, SHOWN).map((mention) => (
            <MentionItem key={mention.id} mention={mention} now={Date.now()} />
          ))}
          {data.count > SHOWN && (
            <p className="muted">
              {t('listening.preview.more', { shown: number(SHOWN), formatted: number(data.count) })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
