// A name server the tests own (UDP on 127.0.0.1, port 0): it answers A and AAAA questions for
// the names it is given, with their TTL, NXDOMAIN for every other name, and nothing at all for
// names under a black-hole suffix, as a zone whose servers never answer. It records every
// question, so a test can count what a resolver asked. Wire format: RFC 1035, 4.1.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';

export interface DnsAnswer {
  a?: string[];
  aaaa?: string[];
  /** Seconds; 300 when absent. */
  ttl?: number;
}

export interface DnsServerOptions {
  /** By name, lower case, without the final dot. */
  answers: Record<string, DnsAnswer>;
  /** A name equal to one of these, or under it, is never answered. */
  blackHoleSuffixes: string[];
}

export interface DnsServer {
  port: number;
  /** Every question received, in order, as `name/TYPE` (`hooks.test/AAAA`); black-holed ones too. */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_AAAA = 28;
const CLASS_IN = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_FORMERR = 1;
const typeNames: Record<number, string> = { [TYPE_A]: 'A', [TYPE_AAAA]: 'AAAA' };
/** A pointer to the question's name, which starts right after the 12-byte header. */
const NAME_POINTER = 0xc00c;
/** A UDP answer without EDNS holds 512 bytes; this server has no TCP to fall back on. */
const UDP_LIMIT = 512;

interface Question {
  id: number;
  recursionDesired: boolean;
  name: string;
  type: number;
  /** The question section as received (name, type, class), echoed in the answer. */
  section: Buffer;
}

/** The first question of a query, or undefined for a packet that is not one. */
function parseQuery(packet: Buffer): Question | undefined {
  if (packet.length < 12) return undefined;
  const flags = packet.readUInt16BE(2);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  if (isResponse || opcode !== 0 || packet.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    if (offset >= packet.length) return undefined;
    const length = packet[offset]!;
    offset += 1;
    if (length === 0) break;
    // A question's name comes first: there is nothing earlier for a pointer to point at.
    if (length > 63 || offset + length > packet.length) return undefined;
    labels.push(packet.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > packet.length) return undefined;
  return {
    id: packet.readUInt16BE(0),
    recursionDesired: (flags & 0x0100) !== 0,
    name: labels.join('.'),
    type: packet.readUInt16BE(offset),
    section: packet.subarray(12, offset + 4),
  };
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const bytes = Buffer.alloc(16);
  [...left, ...zeros, ...right].forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

function record(type: number, ttl: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(NAME_POINTER, 0);
  fixed.writeUInt16BE(type, 2);
  fixed.writeUInt16BE(CLASS_IN, 4);
  fixed.writeUInt32BE(ttl, 6);
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}

function response(question: Question, rcode: number, answers: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, AA, RD as asked, RA.
  header.writeUInt16BE(0x8000 | 0x0400 | (question.recursionDesired ? 0x0100 : 0) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question.section, ...answers]);
}

/** FORMERR for a query that cannot be read; nothing for what is not a query at all. */
function formatError(packet: Buffer): Buffer | undefined {
  if (packet.length < 3 || (packet[2]! & 0x80) !== 0) return undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(packet.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8000 | RCODE_FORMERR, 2);
  return header;
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  for (const [name, answer] of Object.entries(options.answers)) {
    for (const address of answer.a ?? []) if (!isIPv4(address)) throw new Error(`${name}: ${address} is not IPv4`);
    for (const address of answer.aaaa ?? []) if (!isIPv6(address)) throw new Error(`${name}: ${address} is not IPv6`);
    // Header, question, then 16 bytes per A record and 28 per AAAA record.
    const largest = 12 + name.length + 2 + 4 + Math.max(16 * (answer.a ?? []).length, 28 * (answer.aaaa ?? []).length);
    if (largest > UDP_LIMIT) throw new Error(`${name}: its answer would not fit a UDP packet; give fewer addresses`);
  }
  const answers = new Map(Object.entries(options.answers).map(([name, answer]) => [name.toLowerCase(), answer]));
  const blackHoles = options.blackHoleSuffixes.map((suffix) => suffix.toLowerCase().replace(/^\.|\.$/g, ''));
  const queries: string[] = [];
  const socket = createSocket('udp4');

  const answer = (question: Question): Buffer | undefined => {
    const name = question.name.toLowerCase();
    queries.push(`${name}/${typeNames[question.type] ?? question.type}`);
    if (blackHoles.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return undefined;
    const known = answers.get(name);
    if (!known) return response(question, RCODE_NXDOMAIN, []);
    const ttl = known.ttl ?? 300;
    // Another type for a known name: no records, no error (NODATA).
    const records =
      question.type === TYPE_A
        ? (known.a ?? []).map((address) => record(TYPE_A, ttl, Buffer.from(address.split('.').map(Number))))
        : question.type === TYPE_AAAA
          ? (known.aaaa ?? []).map((address) => record(TYPE_AAAA, ttl, ipv6Bytes(address)))
          : [];
    return response(question, 0, records);
  };

  socket.on('message', (packet: Buffer, from: RemoteInfo) => {
    const question = parseQuery(packet);
    const reply = question ? answer(question) : formatError(packet);
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
