import { signArgylePayload } from "@argyle-webhooks/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  argyleDelivery,
  FLOOR_PATH,
  FLOOR_SECRET,
  octokitPing,
  type SignedBody,
} from "../../bench/floor-bodies.js";
import { startFloorServerGroup } from "../../bench/floor-server-group.js";
import { type FloorServer, type FloorVariant, startFloorServer } from "../../bench/floor-servers.js";
import { ADAPTERS as REGISTRY } from "../helpers/adapter-registry.js";

// The floor benchmark compares our adapters with servers that must do the work they claim: these tests send
// real signed requests to each benchmark server (127.0.0.1, ephemeral port), one per entry of the adapter
// registry: a new adapter without its floor server fails here. The same script serves every variant of an
// adapter from one process here (each on its own port, with its own handler count); octokit's server runs
// alone in its process, as the benchmark starts every variant.
const ADAPTERS = REGISTRY.map((a) => a.floor.id);
const running: FloorServer[] = [];
afterAll(() => {
  for (const server of running) server.stop();
});

async function start(adapter: string, variant: FloorVariant): Promise<FloorServer> {
  const server = await startFloorServer(adapter, variant);
  running.push(server);
  return server;
}

async function startGroup(adapter: string, variants: readonly FloorVariant[]): Promise<FloorServer[]> {
  const servers = await startFloorServerGroup(adapter, variants);
  running.push(...servers.slice(0, 1));
  return servers;
}

async function post(server: FloorServer, body: SignedBody, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${server.port}${FLOOR_PATH}`, {
    method: "POST",
    headers: { ...body.headers, ...headers },
    body: new Uint8Array(body.raw),
  });
  await response.arrayBuffer();
  return response.status;
}

const delivery = argyleDelivery(600);
const forged = { "x-argyle-signature": "ab".repeat(64) };

describe("floor benchmark servers", () => {
  it("sign deliveries of the exact sizes the benchmark reports", () => {
    expect(argyleDelivery(600).raw.length).toBe(600);
    expect(argyleDelivery(100 * 1024).raw.length).toBe(100 * 1024);
    expect(octokitPing(600).raw.length).toBe(600);
  });

  it.each(ADAPTERS)(
    "%s: floor and ours verify, parse and reach the handler; bare only reads",
    async (adapter) => {
      const [bare, floor, validated, oursSync, oursAsync] = await startGroup(adapter, [
        "bare",
        "floor",
        "floor-validated",
        "ours-sync",
        "ours-async",
      ]);
      for (const server of [floor, validated, oursSync, oursAsync] as FloorServer[]) {
        const before = await server.mark();
        expect(await post(server, delivery)).toBe(200);
        expect(await post(server, delivery, forged)).toBe(401);
        const after = await server.mark();
        expect(after.handled - before.handled).toBe(1);
        expect(after.cpuUs).toBeGreaterThan(before.cpuUs);
      }
      expect(await post(bare as FloorServer, delivery, forged)).toBe(200);
      // Signed but not a valid gigs.updated: the floor only parses it, the validated floor runs the validator.
      const raw = Buffer.from(
        JSON.stringify({ ...JSON.parse(delivery.raw.toString()), data: { updated_gigs: 42 } }),
      );
      const invalid = {
        raw,
        headers: { ...delivery.headers, "x-argyle-signature": signArgylePayload(raw, FLOOR_SECRET) },
      };
      expect(await post(floor as FloorServer, invalid)).toBe(200);
      expect(await post(validated as FloorServer, invalid)).toBe(400);
    },
  );

  it("octokit's middleware accepts its own signed ping and rejects a forged one", async () => {
    const octokit = await start("node", "octokit");
    const ping = octokitPing(600);
    const before = await octokit.mark();
    expect(await post(octokit, ping)).toBe(200);
    expect(await post(octokit, ping, { "x-hub-signature-256": `sha256=${"0".repeat(64)}` })).not.toBe(200);
    expect((await octokit.mark()).handled - before.handled).toBe(1);
  });
});
