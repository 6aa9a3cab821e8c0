// openapi.yaml (or any OpenAPI document) as the TypeScript types the server and the SDK use.
import openapiTS, { astToString } from 'openapi-typescript';
import { typePatternKeys } from './pattern-keys.js';

const header = `/**
 * Generated from openapi.yaml by \`npm run codegen\` (openapi-typescript). Do not edit by hand:
 * change openapi.yaml and regenerate.
 */

`;

export async function renderTypes(spec: URL | Record<string, unknown>): Promise<string> {
  // defaultNonNullable off: a property with a default is optional in a request (a partner may
  // leave it out); responses list every property the server sends under `required`, so they
  // stay required there (test/package/types.test.ts checks both).
  const ast = await openapiTS(spec as never, {
    alphabetize: false,
    exportType: true,
    defaultNonNullable: false,
    transform: typePatternKeys,
  });
  return header + astToString(ast);
}
