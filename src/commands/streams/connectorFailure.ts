// What a network said when acting on it from Streams or Lists, as an API error a person can act on:
// never a 5xx, because the fault is with the credentials, the content or the other server.
import { AppError, tooManyRequests } from '../../core/appError.ts';
import { ConnectorError } from '../../networks/connector.ts';

export function connectorFailure(error: unknown): unknown {
  if (!(error instanceof ConnectorError)) return error;
  switch (error.kind) {
    case 'auth':
      return new AppError(
        409,
        'account_needs_reconnect',
        `${error.message.replace(/\.$/, '')}. Reconnect the account in Settings → Accounts.`,
      );
    case 'rate_limited':
      return tooManyRequests(`${error.message.replace(/\.$/, '')}. Try again in a few minutes.`);
    case 'transient':
      return new AppError(422, 'network_unreachable', error.message);
    case 'rejected':
      return new AppError(422, 'network_refused', error.message);
  }
}
