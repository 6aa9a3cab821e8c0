// JSON.parse keeps the last of two equal keys, so `{"name":"a","name":"b"}` would reach the
// service as "b" while a log, a proxy or another parser may see "a". A strict API refuses it.
// One linear pass over text that JSON.parse has accepted; keys compare after unescaping.

interface Frame {
  /** Keys seen so far; undefined for an array. */
  keys: Set<string> | undefined;
  /** Where this container sits in its parent: the parent's current key or index. */
  parent: Frame | undefined;
  at: string | number;
  lastKey: string;
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function pointerOf(frame: Frame | undefined, key: string): string {
  const segments = [key];
  for (let current = frame; current?.parent; current = current.parent) segments.push(String(current.at));
  return segments
    .reverse()
    .map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** The JSON pointer of the first key that appears twice in one object, or undefined. */
export function findDuplicateKey(text: string): string | undefined {
  let frame: Frame | undefined;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end === -1) return undefined;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
        if (backslashes % 2 === 0) break;
        end += 1;
      }
      if (expectKey && frame?.keys) {
        const key = unescape(text, i, end);
        if (frame.keys.has(key)) return pointerOf(frame, key);
        frame.keys.add(key);
        frame.lastKey = key;
        expectKey = false;
      }
      i = end;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      const at = frame === undefined ? '' : frame.keys ? frame.lastKey : frame.index;
      // Stryker disable next-line StringLiteral: in text JSON.parse accepted, a key sets lastKey before anything reads it
      frame = { keys: code === 0x7b ? new Set() : undefined, parent: frame, at, lastKey: '', index: 0 };
      // A key comes next in an object. In an array the flag is not read (its strings are no keys,
      // it has no frame.keys), and back in the object only `,` (which sets it) or `}` can follow.
      expectKey = true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      frame = frame?.parent;
    } else if (code === 0x2c /* , */ && frame) {
      if (frame.keys) expectKey = true;
      else frame.index += 1;
    }
  }
  return undefined;
}

function unescape(text: string, start: number, end: number): string {
  const raw = text.slice(start, end + 1);
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}
