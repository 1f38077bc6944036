// Moved to bench/write-results.ts: this re-export keeps older imports working until they are updated.
export { resultsPath, writeResults, writeResultsFile } from "../../bench/write-results.js";
