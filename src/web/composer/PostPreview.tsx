// How the post will look on each chosen network: a card in that network's manner with the account's
// name and handle, the text with its line breaks, and the images with their descriptions as alt text.
import { useTranslation } from 'react-i18next';
import { AccountAvatar } from './AccountPicker.tsx';
import type { DraftImage, Network } from './composerDraft.ts';
import { type ComposerAccount, mediaUrl } from './composerQueries.ts';
import { NetworkBadge } from './NetworkBadge.tsx';

export function PostPreview({
  workspaceId,
  network,
  account,
  text,
  images,
}: {
  workspaceId: string;
  network: Network;
  account: ComposerAccount;
  text: string;
  images: DraftImage[];
}) {
  const { t } = useTranslation();
  const uploaded = images.filter((image) => image.mediaId);
  return (
    <article
      className={`post-preview post-preview-${network}`}
      aria-label={t('composer.preview.cardLabel', { network: t(`accounts.networks.${network}`) })}
      data-testid={`preview-${network}`}
    >
      <header className="post-preview-header">
        <AccountAvatar account={account} size={40} />
        <div className="post-preview-who">
          <span className="post-preview-name">{account.displayName || account.handle}</span>
          <span className="post-preview-handle">
            @{account.handle} · {t('composer.preview.now')}
          </span>
        </div>
        <NetworkBadge network={network} />
      </header>
      {text.trim() !== '' ? (
        <p className="post-preview-text">{text}</p>
      ) : (
        <p className="post-preview-text post-preview-empty">{t('composer.preview.empty')}</p>
      )}
      {uploaded.length > 0 && (
        <div className={`post-preview-images post-preview-images-${uploaded.length}`}>
          {uploaded.map((image) => (
            <img key={image.key} src={mediaUrl(workspaceId, image.mediaId!)} alt={image.alt} />
          ))}
        </div>
      )}
    </article>
  );
}
