// The copy of openapi.yaml that express-openapi-validator reads. The validator bundles, walks
// and preprocesses every node it is given as the app is built, so it gets only what decides
// whether a message is valid: no descriptions, summaries, examples, code samples or other `x-`
// extensions (more than half of the document), and, where responses are not validated
// (production), no responses and no component that only a response uses. What a request may
// be is unchanged. A fresh object, which the validator may change.
import type { OpenApiDocument } from '../spec.js';

const proseKeywords = new Set(['description', 'summary', 'example', 'examples']);
// Maps whose keys are names chosen in the spec (a property may be called `description`, a
// header `x-…`), not keywords.
const namedMaps = new Set([
  'properties',
  'patternProperties',
  'paths',
  'headers',
  'content',
  'responses',
  'schemas',
  'parameters',
  'requestBodies',
  'securitySchemes',
  'encoding',
  'callbacks',
  'links',
  'variables',
  'mapping',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

type Node = Record<string, unknown>;

export function validationSpec(spec: OpenApiDocument, options: { responses: boolean }): OpenApiDocument {
  const document = withoutProse(spec, undefined) as Node;
  return (options.responses ? document : requestsOnly(document)) as unknown as OpenApiDocument;
}

function withoutProse(node: unknown, key: string | undefined): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutProse(item, undefined));
  if (node === null || typeof node !== 'object') return node;
  const kept: Node = {};
  for (const [name, value] of Object.entries(node)) {
    const isProse = proseKeywords.has(name) || name.startsWith('x-');
    if (isProse && !namedMaps.has(key ?? '')) continue;
    kept[name] = withoutProse(value, name);
  }
  return kept;
}

/**
 * The document with each operation's responses emptied, without its webhooks (requests the API
 * sends, not receives), and without the components that nothing left reaches.
 */
function requestsOnly(document: Node): Node {
  const { webhooks: _webhooks, components: allComponents, ...rest } = document;
  const paths: Node = {};
  for (const [path, item] of Object.entries(document.paths as Record<string, Node>)) {
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([name, value]) =>
        httpMethods.has(name) ? [name, { ...(value as Node), responses: {} }] : [name, value],
      ),
    );
  }
  const components = (allComponents ?? {}) as Record<string, Node>;
  const kept: Node = { ...rest, paths };
  const reached = new Set<string>();
  const pending = [kept];
  for (let node = pending.pop(); node !== undefined; node = pending.pop())
    for (const ref of refsIn(node))
      if (!reached.has(ref)) {
        reached.add(ref);
        const [, , section, name] = ref.split('/');
        const target = components[section!]?.[name!];
        if (target !== undefined) pending.push(target as Node);
      }
  const keptComponents: Record<string, Node> = {};
  for (const [section, entries] of Object.entries(components)) {
    const used = Object.entries(entries).filter(
      ([name]) => section === 'securitySchemes' || reached.has(`#/components/${section}/${name}`),
    );
    if (used.length > 0) keptComponents[section] = Object.fromEntries(used);
  }
  return { ...kept, components: keptComponents };
}

/** The components a node names: its `$ref`s, and the schemas a discriminator's mapping names. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([name, value]: [string, unknown]) => {
    if (name === '$ref' && typeof value === 'string') return [value];
    if (name === 'mapping' && value !== null && typeof value === 'object')
      return Object.values(value).filter((target): target is string => typeof target === 'string');
    return refsIn(value);
  });
}
