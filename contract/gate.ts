// The breaking-change gate: compares openapi.yaml with the contract partners last received
// (contract/released/openapi.yaml) and fails on any change that can break a partner's code,
// unless openapi.yaml's info.version starts a new major version, or the change is listed in
// contract/accepted-breaking-changes.yaml with the reason it ships in a minor release (a
// security fix that refuses input the product rules never allowed, say).
//
// api-smart-diff classifies the changes (removed operations, fields, parameters and enum values,
// newly required inputs, narrowed bounds, changed status codes, ...). One rule is ours: a changed
// `type` anywhere in an operation is breaking, because the SDK's generated types change with it
// (api-smart-diff calls integer -> string on a query parameter non-breaking, as the wire allows it).
import { readFileSync } from 'node:fs';
import { apiCompare } from 'api-smart-diff';
import { parse } from 'yaml';

export interface OpenApiContract {
  info: { version: string };
  paths: Record<string, unknown>;
}

export interface ContractChange {
  type: string;
  where: string;
  what: string;
}

/** A breaking change shipped on purpose: `where` as the gate prints it (ending in `/**`: everything under it), and why. */
export interface AcceptedChange {
  where: string;
  reason: string;
}

const major = (document: OpenApiContract) => Number(document.info.version.split('.')[0]);

/** The changes under `paths` (components only matter through them), each classified. */
export function classifyChanges(released: OpenApiContract, current: OpenApiContract): ContractChange[] {
  const { diffs } = apiCompare(released, current);
  return diffs
    .filter((diff) => diff.path[0] === 'paths')
    .map((diff) => ({
      type: diff.action === 'replace' && diff.path.at(-1) === 'type' ? 'breaking' : diff.type,
      where: diff.path.join('/'),
      what: diff.description ?? `${diff.action} ${diff.path.at(-1)}`,
    }));
}

/** The verdict: passes when nothing breaks, or when the version is a new major. */
export function checkContract(released: OpenApiContract, current: OpenApiContract, accepted: AcceptedChange[] = []) {
  const changes = classifyChanges(released, current);
  const isAccepted = (where: string) =>
    accepted.some((change) =>
      change.where.endsWith('/**') ? where.startsWith(change.where.slice(0, -2)) : where === change.where,
    );
  const allBreaking = changes.filter((change) => change.type === 'breaking');
  const breaking = allBreaking.filter((change) => !isAccepted(change.where));
  const newMajor = major(current) > major(released);
  const acceptedCount = allBreaking.length - breaking.length;
  return { changes, breaking, acceptedCount, newMajor, passes: breaking.length === 0 || newMajor };
}

export function readContract(path: URL): OpenApiContract {
  return parse(readFileSync(path, 'utf8')) as OpenApiContract;
}

export function readAcceptedChanges(path: URL): AcceptedChange[] {
  const accepted = (parse(readFileSync(path, 'utf8')) as { accepted?: AcceptedChange[] | null }).accepted ?? [];
  const unexplained = accepted.filter((change) => !change.reason?.trim());
  if (unexplained.length > 0)
    throw new Error(`Accepted breaking changes need a reason: ${unexplained.map((c) => c.where).join(', ')}`);
  return accepted;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const released = readContract(new URL('released/openapi.yaml', import.meta.url));
  const current = readContract(new URL('../openapi.yaml', import.meta.url));
  const accepted = readAcceptedChanges(new URL('accepted-breaking-changes.yaml', import.meta.url));
  const { changes, breaking, acceptedCount, newMajor, passes } = checkContract(released, current, accepted);
  const from = `${released.info.version} (contract/released/openapi.yaml)`;
  for (const change of breaking) console.log(`  breaking: ${change.what} [${change.where}]`);
  console.log(
    `contract: ${changes.length} changes since ${from}, ${acceptedCount} breaking as accepted-breaking-changes.yaml lists, ${breaking.length} other breaking` +
      (breaking.length > 0 ? (newMajor ? `; allowed by the new major version ${current.info.version}` : '') : ''),
  );
  if (!passes) {
    console.log(
      'A partner-breaking change needs a new major info.version in openapi.yaml (or undo it); see contract/README.md.',
    );
    process.exit(1);
  }
}
