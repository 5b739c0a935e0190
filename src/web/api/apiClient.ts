// Talks JSON to the Kolorob API and turns its error answers into ApiError, which forms show to the person.

/** An error answer from the API: `message` is meant for people, `fields` go beside the inputs they name. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** From a Retry-After header (429, 503): seconds until the request may be sent again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown when the server cannot be reached at all, so the page can say so instead of showing a raw TypeError. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { json: body });
}

/** Sends a file as the raw request body (an image, a course .zip) and reads the JSON answer. */
export function apiUpload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>('POST', path, { file, contentType });
}

type Payload = { json: unknown } | { file: Blob; contentType: string };

async function send<T>(method: Method, path: string, payload: Payload | undefined): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(payload === undefined
          ? {}
          : { 'content-type': 'json' in payload ? 'application/json' : payload.contentType }),
      },
      body:
        payload === undefined ? undefined : 'json' in payload ? JSON.stringify(payload.json) : payload.file,
    });
  } catch {
    throw new NetworkError();
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as { error?: unknown; message?: unknown; fields?: unknown };
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      typeof problem.error === 'string' ? problem.error : 'http_error',
      typeof problem.message === 'string' ? problem.message : '',
      isStringRecord(problem.fields) ? problem.fields : {},
      retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  delete: (path: string) => apiRequest<void>('DELETE', path),
};
