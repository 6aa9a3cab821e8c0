// The anchors (bench/anchors.ts) beside the reads at scale: on the large database for the
// scenarios just measured there; in quick mode, which has no large data, all of them on the tiny
// data, so that their statements are tried.
import { measureAnchors, scaleAnchors, type AnchorResult } from '../anchors.js';
import type { RunContext } from '../lib/context.js';
import { databaseName } from '../lib/mysql.js';
import { skips } from '../lib/options.js';
import type { LargeSetResults } from './large-dataset.js';

export async function anchors(context: RunContext, large: LargeSetResults | undefined): Promise<AnchorResult[]> {
  const { options } = context;
  if (skips(options, 'anchors')) return [];
  if (large) return anchorsOn(context, context.largeUrl, new Set(large.results.map((result) => result.id)));
  return options.quick ? anchorsOn(context, context.mainUrl) : [];
}

/** The anchors of the given scenarios, or of all, one after another on one connection. */
async function anchorsOn(context: RunContext, url: string, ids?: Set<string>): Promise<AnchorResult[]> {
  const { quick, settings } = context.options;
  const chosen = (await scaleAnchors(url, new Date())).filter((anchor) => !ids || ids.has(anchor.id));
  context.log(`anchors: ${chosen.length} statements on ${databaseName(url)}, one connection`);
  return measureAnchors(url, chosen, {
    warmupSeconds: quick ? 0.1 : 1,
    seconds: quick ? 0.2 : Math.max(1, settings.durationSeconds / 3),
    dbPid: context.dbPid,
  });
}
