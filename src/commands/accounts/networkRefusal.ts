// Turns what a network or an address check refused into an API error a person can act on: never a 5xx,
// because the fault is with the address, the credentials or the other server, not with Kolorob.
import { AppError, badRequest, tooManyRequests } from '../../core/appError.ts';
import { ConnectorError } from '../../networks/connector.ts';
import { OutboundUrlError } from '../../networks/outboundUrl.ts';

export interface RefusalWording {
  /** The address Kolorob tried to reach, as the person gave it. */
  serviceUrl: string;
  /** The field of the request the address or the credentials came from. */
  field: string;
  /** What to say when the network refused the credentials. */
  authMessage: string;
}

/** The AppError for a failure while connecting; anything else is rethrown as it is. */
export function networkRefusal(error: unknown, wording: RefusalWording): unknown {
  if (error instanceof OutboundUrlError) return badRequest(error.message, { [wording.field]: error.message });
  if (!(error instanceof ConnectorError)) return error;
  switch (error.kind) {
    case 'auth':
      return new AppError(400, 'network_refused_credentials', wording.authMessage);
    case 'rate_limited':
      return tooManyRequests(`${error.message.replace(/\.$/, '')}. Try again in a few minutes.`);
    case 'transient': {
      // The connectors already say "Could not reach <host>: reason"; keep only the reason.
      const reason = error.message.replace(/^Could not reach \S+: /, '');
      return new AppError(422, 'network_unreachable', `Could not reach ${wording.serviceUrl}: ${reason}`);
    }
    case 'rejected':
      return new AppError(422, 'network_refused', error.message, { [wording.field]: error.message });
  }
}
