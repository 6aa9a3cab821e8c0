// openapi-typescript renders `patternProperties` as `{ [key: string]: T }` beside the named
// properties, a type nobody can write a value of by hand (`date: string` is not a T). When each
// pattern starts with a literal prefix (`^usr_…`), the keys are typed as a template literal
// instead, `{ [key: \`usr_${string}\`]: T }`, which leaves the named properties alone.
import { transformSchemaObject, type SchemaObject, type TransformNodeOptions } from 'openapi-typescript';
import ts from 'typescript';

const literalPrefix = /^\^([A-Za-z0-9_-]+)/;

function prefixedKeys(prefix: string, value: ts.TypeNode): ts.TypeLiteralNode {
  const key = ts.factory.createTemplateLiteralType(ts.factory.createTemplateHead(prefix), [
    ts.factory.createTemplateLiteralTypeSpan(
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createTemplateTail(''),
    ),
  ]);
  const parameter = ts.factory.createParameterDeclaration(undefined, undefined, 'key', undefined, key);
  return ts.factory.createTypeLiteralNode([ts.factory.createIndexSignature(undefined, [parameter], value)]);
}

export function typePatternKeys(schema: SchemaObject, options: TransformNodeOptions): ts.TypeNode | undefined {
  const patterns = Object.entries(
    (schema as { patternProperties?: Record<string, SchemaObject> }).patternProperties ?? {},
  );
  const prefixes = patterns.map(([pattern]) => literalPrefix.exec(pattern)?.[1]);
  if (patterns.length === 0 || prefixes.some((prefix) => prefix === undefined)) return undefined;

  const { patternProperties: _ignored, ...rest } = schema as SchemaObject & { patternProperties?: unknown };
  const named = transformSchemaObject({ ...rest, additionalProperties: false } as SchemaObject, options);
  const keyed = patterns.map(([, value], i) => prefixedKeys(prefixes[i]!, transformSchemaObject(value, options)));
  const hasNamed = Object.keys((schema as { properties?: object }).properties ?? {}).length > 0;
  return ts.factory.createIntersectionTypeNode(hasNamed ? [named, ...keyed] : keyed);
}
