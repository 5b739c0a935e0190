// Reply to or quote a stream item from a connected account of the same network. The reply is a Kolorob
// post published at once through the normal publishing (or sent for approval), and the dialog says which.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamItem } from '../../core/streams/streamTypes.ts';
import type { SocialAccount } from '../api/apiTypes.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { StreamsDialog } from './StreamsDialog.tsx';
import { type ReplyAnswer, useSendReply } from './streamsApi.ts';

/** What the person reads after sending: sent, or waiting for someone to approve it. */
export function replyOutcome(status: string): 'sent' | 'approval' | 'saved' {
  if (status === 'pending_approval') return 'approval';
  if (status === 'publishing' || status === 'published' || status === 'scheduled') return 'sent';
  return 'saved';
}

export function ReplyDialog({
  workspaceId,
  item,
  kind,
  accounts,
  defaultAccountId,
  onClose,
}: {
  workspaceId: string;
  item: StreamItem;
  kind: 'reply' | 'quote';
  accounts: SocialAccount[];
  defaultAccountId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const usable = accounts.filter((account) => account.network === item.network);
  const [accountId, setAccountId] = useState(
    usable.find((account) => account.id === defaultAccountId)?.id ?? usable[0]?.id ?? '',
  );
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [answer, setAnswer] = useState<ReplyAnswer | null>(null);
  const send = useSendReply(workspaceId);
  const textId = useId();
  const accountFieldId = useId();
  const errorId = useId();
  const name = item.author.displayName || item.author.handle;

  return (
    <StreamsDialog
      title={
        kind === 'reply' ? t('streams.reply.titleReply', { name }) : t('streams.reply.titleQuote', { name })
      }
      onClose={onClose}
      testId="reply-dialog"
    >
      {({ close }) =>
        answer ? (
          <div className="streams-form">
            <div className="alert alert-success" role="status" data-testid="reply-outcome">
              {t(`streams.reply.outcome.${replyOutcome(answer.status)}`)}
            </div>
            <div className="streams-dialog-buttons">
              <button type="button" className="button button-primary" onClick={close}>
                {t('streams.reply.close')}
              </button>
            </div>
          </div>
        ) : (
          <form
            className="streams-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!text.trim()) {
                setEmpty(true);
                return;
              }
              send.mutate(
                {
                  accountId,
                  text: text.trim(),
                  kind,
                  postId: item.postId ?? item.id,
                  postCid: item.postCid,
                  postUrl: item.url,
                  rootId: item.threadRoot?.id,
                  rootCid: item.threadRoot?.cid,
                  rootUrl: item.threadRoot?.url,
                },
                { onSuccess: setAnswer },
              );
            }}
          >
            <blockquote className="reply-original">
              <p className="reply-original-who">
                <strong>{name}</strong> <span className="muted">@{item.author.handle}</span>
              </p>
              {item.text && <p className="reply-original-text">{item.text}</p>}
            </blockquote>
            <FormAlert error={send.error} />
            {usable.length === 0 ? (
              <p className="alert alert-warning">{t('streams.reply.noAccount')}</p>
            ) : (
              <div className="field">
                <label htmlFor={accountFieldId}>{t('streams.reply.account')}</label>
                <select
                  id={accountFieldId}
                  className="select streams-select"
                  value={accountId}
                  onChange={(event) => setAccountId(event.target.value)}
                >
                  {usable.map((account) => (
                    <option key={account.id} value={account.id}>
                      @{account.handle}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor={textId}>
                {kind === 'reply' ? t('streams.reply.textReply') : t('streams.reply.textQuote')}
              </label>
              <textarea
                id={textId}
                className="streams-textarea"
                rows={4}
                value={text}
                onChange={(event) => {
                  setText(event.target.value);
                  if (event.target.value.trim()) setEmpty(false);
                }}
                aria-invalid={empty ? true : undefined}
                aria-describedby={empty ? errorId : undefined}
                // biome-ignore lint/a11y/noAutofocus: the dialog exists to write this text.
                autoFocus
              />
              {empty && (
                <p className="field-error" id={errorId}>
                  {t('streams.reply.empty')}
                </p>
              )}
            </div>
            <div className="streams-dialog-buttons">
              <button type="button" className="button button-ghost" onClick={close} disabled={send.isPending}>
                {t('common.cancel')}
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={send.isPending || usable.length === 0}
              >
                {send.isPending
                  ? t('streams.reply.sending')
                  : kind === 'reply'
                    ? t('streams.reply.sendReply')
                    : t('streams.reply.sendQuote')}
              </button>
            </div>
          </form>
        )
      }
    </StreamsDialog>
  );
}
