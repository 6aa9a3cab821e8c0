// Errors Node's HTTP server raises before a request reaches Express. A request that does not
// arrive within HTTP_REQUEST_TIMEOUT_MS (a client trickling its headers or body) is answered
// 408 problem+json, written on the socket since there is no response object to use; anything
// else gets Node's own default answer.
import type { Socket } from 'node:net';

interface ClientError extends Error {
  code?: string;
}

function rawProblem(status: number, reason: string, code: string, detail: string): string {
  const body = JSON.stringify({
    type: `https://api.astral.run/problems/${code}`,
    title: reason,
    status,
    detail,
    code,
  });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function answerClientError(error: ClientError, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.end(rawProblem(408, 'Request Timeout', 'request_timeout', 'The request did not arrive in time.'));
    return;
  }
  if (error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  // Node's defaults for the rest.
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}
