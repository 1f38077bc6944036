/** One delivery to insert as a pg-boss job. */
export interface DeliveryRow {
  /** The job id, derived from the delivery key. */
  readonly id: string;
  /** The job's data, as JSON text. */
  readonly data: string;
  /** pg-boss `singleton_key` (with `serializeBy`), or null. */
  readonly singletonKey: string | null;
}

/**
 * Runs one multi-row insert in one statement (so one transaction) and resolves the ids it inserted: the others
 * already existed.
 */
export type InsertDeliveries = (rows: readonly DeliveryRow[]) => Promise<ReadonlySet<string>>;

interface Waiting {
  readonly row: DeliveryRow;
  readonly since: number;
  readonly resolve: (outcome: "stored" | "duplicate") => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Micro-batching of acknowledgements: the deliveries that arrive while up to `maxInFlight` inserts run are
 * inserted together, in one statement, when a slot frees; each caller resolves after the commit of the statement
 * that held its row (never before). At low load a delivery waits one turn of the event loop at most.
 * @example
 * ```ts
 * const batcher = new DeliveryBatcher(insertDeliveries, { maxInFlight: 4, staleAfterMs: 5000 });
 * const outcome = await batcher.insert({ id, data: JSON.stringify(job), singletonKey: null }); // "stored" | "duplicate"
 * ```
 */
export class DeliveryBatcher {
  readonly #insert: InsertDeliveries;
  readonly #maxInFlight: number;
  readonly #maxBatch: number;
  readonly #staleAfterMs: number;
  #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(
    insert: InsertDeliveries,
    options: { maxInFlight: number; maxBatch?: number; staleAfterMs: number },
  ) {
    this.#insert = insert;
    this.#maxInFlight = Math.max(1, Math.floor(options.maxInFlight));
    this.#maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 200));
    this.#staleAfterMs = options.staleAfterMs;
  }

  /** Resolves `"stored"` once the row is committed, `"duplicate"` when its id was already there. */
  insert(row: DeliveryRow): Promise<"stored" | "duplicate"> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ row, since: performance.now(), resolve, reject });
      if (!this.#scheduled && this.#inFlight < this.#maxInFlight) {
        this.#scheduled = true;
        // One turn of the event loop: the requests parsed in this turn share the statement.
        setImmediate(() => {
          this.#scheduled = false;
          this.#drain();
        });
      }
    });
  }

  #drain(): void {
    while (this.#inFlight < this.#maxInFlight && this.#waiting.length > 0) {
      const now = performance.now();
      const taken = this.#waiting.splice(0, this.#maxBatch);
      // The receiver has answered 503 for these already (its bound passed): not worth a statement.
      const batch = taken.filter((w) => {
        if (now - w.since <= this.#staleAfterMs) return true;
        w.reject(new Error("inbox: the store did not take the delivery in time"));
        return false;
      });
      if (batch.length > 0) this.#run(batch);
    }
  }

  #run(batch: Waiting[]): void {
    this.#inFlight++;
    // A key twice in one batch: one row; the second caller is a duplicate once that row is committed.
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(w.row.id)) first.set(w.row.id, w);
    Promise.resolve()
      .then(() => this.#insert([...first.values()].map((w) => w.row)))
      .then(
        (inserted) => {
          for (const w of batch)
            w.resolve(first.get(w.row.id) === w && inserted.has(w.row.id) ? "stored" : "duplicate");
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        this.#inFlight--;
        this.#drain();
      });
  }
}
