// Runs inside every runtime of the matrix (Node, Bun, Deno, workerd): builds, for each conformance vector, the
// options of its receiver, with an onAny handler that records the calls and acts out the vector's behaviour.
// Plain JavaScript with no imports, so each runtime loads it as it is.

/** Options for vector `index`, plus the list its handler records calls into. */
export function vectorOptions(vector, extra = {}) {
  const calls = [];
  const behaviour = vector.behaviour ?? "ok";
  const options = {
    logger: false,
    ...vector.options,
    ...extra,
    handlers: {
      onAny: async (event) => {
        calls.push(event.event);
        if (behaviour === "throw") throw new Error("handler failed on purpose");
        if (behaviour === "slow") await new Promise((resolve) => setTimeout(resolve, 600));
      },
    },
  };
  return { options, calls };
}

/** `…/v/<index>` → { vector: index }, `…/calls/<index>` → { calls: index }, else undefined. */
export function route(pathname) {
  const m = /\/(v|calls)\/(\d+)\/?$/.exec(pathname);
  if (!m) return undefined;
  return m[1] === "v" ? { vector: Number(m[2]) } : { calls: Number(m[2]) };
}

/**
 * A Fetch-style dispatcher over one `createFetchHandler` per vector: `/v/<i>` is vector i's receiver,
 * `GET /calls/<i>` answers the sorted handler calls it recorded.
 */
export function fetchApp(vectors, createFetchHandler, remoteAddressOf) {
  const receivers = vectors.map((vector) => {
    const { options, calls } = vectorOptions(vector);
    return { calls, handle: createFetchHandler(options, { getRemoteAddress: remoteAddressOf }) };
  });
  return async (request) => {
    const r = route(new URL(request.url).pathname);
    if (r?.calls !== undefined) return Response.json([...(receivers[r.calls]?.calls ?? [])].sort());
    const receiver = r?.vector !== undefined ? receivers[r.vector] : undefined;
    if (!receiver) return new Response("no such vector", { status: 404 });
    return receiver.handle(request);
  };
}
