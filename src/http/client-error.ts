// What Node's HTTP parser refuses before Express sees a request (headers over 16 kB, bytes
// that are not HTTP, a request that took too long to arrive) still gets a problem+json
// answer, instead of Node's bare status line.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProblemCode } from '../errors.js';
import type { Logger } from '../logger.js';

const answers = new Map<string | undefined, [status: number, code: ProblemCode, title: string, detail: string]>([
  [
    'HPE_HEADER_OVERFLOW',
    [
      431,
      'request_header_fields_too_large',
      'Request header fields too large',
      'The request headers are larger than the service accepts (16 kB).',
    ],
  ],
  ['ERR_HTTP_REQUEST_TIMEOUT', [408, 'request_timeout', 'Request timeout', 'The request did not arrive in time.']],
]);
const malformed: [number, ProblemCode, string, string] = [
  400,
  'bad_request',
  'Bad request',
  'The request is not valid HTTP/1.1.',
];

export function clientErrorHandler(logger: Logger) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // An answer already under way (a timeout mid-response) cannot be replaced: just close.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, code, title, detail] = answers.get(error.code) ?? malformed;
    const requestId = randomUUID();
    logger.info(
      { request_id: requestId, status, code, parser_error: error.code },
      'request refused by the HTTP parser',
    );
    const body = JSON.stringify({
      type: `https://api.astral.run/problems/${code}`,
      title,
      status,
      detail,
      code,
      request_id: requestId,
    });
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/problem+json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  };
}
