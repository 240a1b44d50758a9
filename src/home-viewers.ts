/**
 * Who looks at their App Home, in memory: when each user last opened it and which page of sectors
 * they were shown, so that Home can be republished after changes for those who use it (see
 * channels/homes.ts). Forgotten on restart: a user's next visit registers them again.
 */
export interface HomeViewers {
  /** The user opened or paged their Home at `at`, and was shown `page`. */
  shown(user: string, page: number, at: Date): void;
  /** Users who opened Home within `withinMs` before `now`, with the page they were shown. */
  recent(now: Date, withinMs: number): { readonly user: string; readonly page: number }[];
  /** The page the user was last shown (0 when unknown). */
  pageOf(user: string): number;
}

/** At most this many users are remembered; the longest unseen go first. */
const MAX_VIEWERS = 10_000;

export const createHomeViewers = (): HomeViewers => {
  const seen = new Map<string, { readonly at: number; readonly page: number }>();
  return {
    shown(user, page, at) {
      seen.delete(user);
      if (seen.size >= MAX_VIEWERS) {
        const oldest = seen.keys().next();
        if (oldest.done !== true) seen.delete(oldest.value);
      }
      seen.set(user, { at: at.getTime(), page });
    },
    recent(now, withinMs) {
      const since = now.getTime() - withinMs;
      return [...seen].filter(([, v]) => v.at >= since).map(([user, v]) => ({ user, page: v.page }));
    },
    pageOf: (user) => seen.get(user)?.page ?? 0,
  };
};
