/** The subscription secret shared by the load generator and the load server (a test value, not a real secret). */
export const LOAD_SECRET = "load-secret";
