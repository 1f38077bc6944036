/**
 * The pg-boss job id of a delivery: its SHA-256 delivery key laid out as a UUID (pg-boss ids are `uuid`), so the
 * same message always maps to the same job and a redelivery collides instead of creating a second job.
 * @example
 * ```ts
 * deliveryJobId("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"); // "9f86d081-884c-7d65-9a2f-eaa0c55ad015"
 * ```
 */
export function deliveryJobId(deliveryKey: string): string {
  if (!/^[0-9a-f]{32,}$/.test(deliveryKey)) throw new TypeError("deliveryJobId: expected a hex delivery key");
  const h = deliveryKey;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
