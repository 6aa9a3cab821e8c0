// The change feed: every committed change of the organization's groups (and, asked for by type,
// its webhook endpoints' health), in feed order from a cursor.
import type { CallOptions, Calls } from './calls.js';
import type { ChangeEventType, EventPageOf, FeedEventType, ListEventsQuery, Schemas } from './types.js';

export function eventMethods({ raw, call }: Calls) {
  /**
   * A page of the change feed: pass its `next_cursor` as `after` next time, and nothing is
   * missed. Its events are typed by `types` (absent: the groups' changes).
   */
  const listEvents = async <T extends FeedEventType = ChangeEventType>(
    query: ListEventsQuery<T> = {},
    options?: CallOptions,
  ): Promise<EventPageOf<T>> => {
    const page: Schemas['EventPage'] = await call(
      (init) => raw.GET('/api/v1/events', { params: { query }, ...init }),
      options,
    );
    // The API lists only the types asked for (without `types`, only `group.*`).
    return page as EventPageOf<T>;
  };

  return {
    listEvents,
    /**
     * The change feed page by page from `after` (or its oldest kept event) until it is caught
     * up. Save each page's `next_cursor` once its events are handled, and resume from it later.
     */
    iterateEventPages: async function* <T extends FeedEventType = ChangeEventType>(
      query: ListEventsQuery<T> = {},
      options?: CallOptions,
    ): AsyncGenerator<EventPageOf<T>> {
      let after = query.after;
      for (;;) {
        const page = await listEvents<T>({ ...query, ...(after ? { after } : {}) }, options);
        yield page;
        if (!page.has_more) return;
        after = page.next_cursor;
      }
    },
  };
}
