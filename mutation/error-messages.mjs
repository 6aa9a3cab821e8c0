// A Stryker ignore plugin: no mutants in the wording of error messages. Ignored are the
// string and template literals that are the detail of an error factory call
// (validationError, forbidden, unauthorized, …) and the `message` of a field error. Codes,
// statuses and paths are contract and stay mutated.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const factories = new Set(['validationError', 'forbidden', 'unauthorized', 'badRequest', 'conflict']);
const isText = (path) => path.isStringLiteral() || path.isTemplateLiteral();

function isErrorDetail(path) {
  const call = path.parentPath;
  return (
    call?.isCallExpression() &&
    call.node.arguments[0] === path.node &&
    call.get('callee').isIdentifier() &&
    factories.has(call.node.callee.name)
  );
}

function isFieldErrorMessage(path) {
  const property = path.parentPath;
  return (
    property?.isObjectProperty() &&
    property.node.value === path.node &&
    !property.node.computed &&
    (property.node.key.name ?? property.node.key.value) === 'message'
  );
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'error-messages', {
    shouldIgnore(path) {
      if (!isText(path)) return undefined;
      if (isErrorDetail(path) || isFieldErrorMessage(path)) return 'Wording of an error message, not a rule.';
      return undefined;
    },
  }),
];
