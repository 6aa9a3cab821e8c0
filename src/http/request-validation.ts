// express-openapi-validator, loaded and built on first use. Its modules and its preparation of
// the spec cost about as much CPU as the rest of a start together, so a server says ready
// without them and builds them right after (`warmUp`, src/cli/launch.ts); a request that comes
// before they are built waits for them. No request is ever let through unvalidated.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type * as OpenApiValidator from 'express-openapi-validator';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];

export interface RequestValidation {
  /** The validator's middleware, in its order, as one. */
  middleware: RequestHandler;
  /** Loads the validator and starts preparing the spec, unless a request did already. */
  warmUp: () => Promise<void>;
}

export function requestValidation(options: ValidatorOptions): RequestValidation {
  let built: Promise<RequestHandler[]> | undefined;
  const build = () =>
    (built ??= import('express-openapi-validator').then(
      (validator) => validator.middleware(options) as unknown as RequestHandler[],
    ));
  return {
    middleware: (req, res, next) => {
      build()
        .then((handlers) => runInOrder(handlers, req, res, next))
        .catch(next);
    },
    warmUp: async () => {
      await build();
    },
  };
}

function runInOrder(handlers: RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  let index = 0;
  const next = (error?: unknown) => {
    if (error !== undefined || index === handlers.length) return done(error);
    const handler = handlers[index++]!;
    Promise.resolve(handler(req, res, next)).catch(done);
  };
  next();
}
