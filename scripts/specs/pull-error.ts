/** One documentation page that could not be pulled, and why. */
export interface PullFailure {
  /** The page (or index) URL. */
  url: string;
  reason: string;
}

/**
 * Pulling Argyle's specs failed; nothing was written. Lists every page that failed.
 *
 * @example
 * try { await pullSpecs({ baseUrl: "https://docs.argyle.com" }); }
 * catch (error) { if (error instanceof PullError) for (const f of error.failures) console.error(f.url, f.reason); }
 */
export class PullError extends Error {
  constructor(readonly failures: readonly PullFailure[]) {
    super(failures.map((f) => `${f.url}: ${f.reason}`).join("\n"));
    this.name = "PullError";
  }
}
