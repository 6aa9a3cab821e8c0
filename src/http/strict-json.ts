// The JSON body parser: JSON media types only, within the size limit, and strict about
// duplicate keys (checked on the raw text before parsing; see duplicate-keys.ts).
import express, { type RequestHandler } from 'express';
import { validationError } from '../errors.js';
import { findDuplicateKey } from './duplicate-keys.js';

export function strictJson(limitBytes: number): RequestHandler {
  return express.json({
    limit: limitBytes,
    type: ['application/json', 'application/*+json'],
    verify(_req, _res, buffer, encoding) {
      const text = buffer.toString((encoding as BufferEncoding | undefined) ?? 'utf8');
      const pointer = findDuplicateKey(text);
      if (pointer === undefined) return;
      try {
        JSON.parse(text);
      } catch {
        return; // not JSON at all: the parser's own 400 says so
      }
      throw validationError('The request body has a duplicate key.', [
        { path: `/body${pointer}`.slice(0, 500), message: 'appears twice in the same object' },
      ]);
    },
  });
}
