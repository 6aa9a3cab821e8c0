import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'groups-api' },
    // Tokens never reach the logs, even when a request object is logged whole.
    redact: ['req.headers.authorization', 'headers.authorization'],
  });
}
