// HEAD is GET without a body (RFC 9110 §9.3.2). The spec lists GET operations only, so the
// validator would answer 405: route HEAD as GET. Node already knows the request is HEAD
// (it decided when the response was created) and sends the headers without the body.
import type { RequestHandler } from 'express';

export const headAsGet: RequestHandler = (req, _res, next) => {
  if (req.method === 'HEAD') req.method = 'GET';
  next();
};
