// A small label naming an account's network, in that network's colour.
import { useTranslation } from 'react-i18next';
import type { Network } from './composerDraft.ts';

export function NetworkBadge({ network }: { network: Network }) {
  const { t } = useTranslation();
  return (
    <span className={`composer-network-badge composer-network-badge-${network}`}>
      {t(`accounts.networks.${network}`)}
    </span>
  );
}
