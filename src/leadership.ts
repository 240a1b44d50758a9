/**
 * Which replica speaks in channels. Digests, live cards, reminders and dead-channel pauses run on the
 * leader only, so two replicas never post the same thing. With the JSON file there is one process,
 * always the leader; on PostgreSQL an advisory lock held by one replica's session elects it
 * (src/storage/pg/leadership.ts).
 */
export interface Leadership {
  isLeader(): boolean;
  /** Called with every change of leadership (true: this replica just became the leader). */
  onChange(listener: (leader: boolean) => void): void;
  close(): Promise<void>;
}

export const SOLE_LEADER: Leadership = {
  isLeader: () => true,
  onChange: () => undefined,
  close: async () => undefined,
};
