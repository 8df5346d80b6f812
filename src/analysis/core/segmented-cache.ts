/**
 * A cache bounded by count that keeps what is asked for often. Entries start in a window of recent ones (least recently
 * used first); one remembered `promoteAfter` times there moves to a window of its own, so that a run of entries used once
 * or twice (files linted in turn, each read by an importer first) does not push out one that many use (a logger or a
 * model index that most files import). An entry pushed out of the frequent window goes back to the recent one.
 */
export class SegmentedCache<Key, Value> {
  private readonly recent = new Map<Key, { value: Value; uses: number }>();
  private readonly frequent = new Map<Key, Value>();

  constructor(
    private readonly maxRecent: number,
    private readonly maxFrequent: number,
    private readonly promoteAfter: number,
  ) {}

  get(key: Key): Value | undefined {
    return this.frequent.get(key) ?? this.recent.get(key)?.value;
  }

  /** Remembers the value as the key's, most recently used, and counts a use of the key. */
  set(key: Key, value: Value): void {
    if (this.frequent.delete(key)) {
      this.frequent.set(key, value);
      return;
    }
    const uses = (this.recent.get(key)?.uses ?? 0) + 1;
    this.recent.delete(key);
    if (uses < this.promoteAfter) {
      this.addRecent(key, value, uses);
      return;
    }
    this.frequent.set(key, value);
    if (this.frequent.size <= this.maxFrequent) return;
    const [oldest, demoted] = this.frequent.entries().next().value as [Key, Value];
    this.frequent.delete(oldest);
    this.addRecent(oldest, demoted, 0);
  }

  private addRecent(key: Key, value: Value, uses: number): void {
    this.recent.set(key, { value, uses });
    if (this.recent.size > this.maxRecent) this.recent.delete(this.recent.keys().next().value as Key);
  }
}
