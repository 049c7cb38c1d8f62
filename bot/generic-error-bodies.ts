import type { Response } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from 'pino';

const genericBody = (status: number) => ({
  error: status === 401 ? 'unauthorized' : status >= 500 ? 'internal error' : 'bad request',
});

/**
 * The response as the adapter sees it, except that an error's text never reaches the caller:
 * CloudAdapter answers a failed token check or turn with the error's message as the body (the
 * address of the key server, say). The text is logged instead.
 */
export function genericErrorBodies(res: restify.Response, logger: Logger): Response {
  let status = 200;
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.header(name, value),
    status(code: number) {
      status = code;
      return res.status(code);
    },
    send(body: unknown) {
      const isData = typeof body === 'object' && body !== null && !(body instanceof Error);
      if (status < 400 || isData) return res.send(body);
      logger.warn({ status, detail: String(body).slice(0, 500) }, 'request refused by the adapter');
      return res.send(genericBody(status));
    },
    end: () => res.end(),
  };
}
