/**
 * Gathers the loads asked for during one turn of the event loop into one call of `loadMany`
 * (the DataLoader pattern): under concurrent requests one database round trip answers several,
 * while a request arriving alone waits only for the current turn to end.
 */
export class RequestBatcher<Key, Value> {
  private pending: { key: Key; resolve: (value: Value) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  /**
   * @param loadMany answers the keys in their order; a rejection fails every request of that call.
   * @param maxBatchSize a larger gathering is split into several calls, run at once.
   */
  constructor(
    private readonly loadMany: (keys: Key[]) => Promise<Value[]>,
    private readonly maxBatchSize: number,
  ) {
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new Error(`maxBatchSize must be a positive integer, not ${maxBatchSize}`);
  }

  load(key: Key): Promise<Value> {
    return new Promise<Value>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const gathered = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (let start = 0; start < gathered.length; start += this.maxBatchSize) {
      const batch = gathered.slice(start, start + this.maxBatchSize);
      this.loadMany(batch.map((entry) => entry.key)).then(
        (values) => {
          if (values.length !== batch.length) {
            const error = new Error(`loadMany answered ${values.length} values for ${batch.length} keys`);
            for (const entry of batch) entry.reject(error);
            return;
          }
          batch.forEach((entry, index) => entry.resolve(values[index] as Value));
        },
        (error: unknown) => {
          for (const entry of batch) entry.reject(error);
        },
      );
    }
  }
}
