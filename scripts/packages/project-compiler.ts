/**
 * `tsc -p <dir>` for several projects in one process: what check:consumer compiles its esm, cjs and bundler projects
 * with. The projects' programs share the parsed declaration files (TypeScript's libs, `@types/node`, the installed
 * packages' `.d.ts`), the way TypeScript's language service shares them between programs: each is parsed once
 * instead of once per project (about 3.5 s of CPU less than three `tsc` processes for the three projects).
 */
import ts from "typescript";

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => "\n",
};

/**
 * A compiler whose `compile(dir)` does what `tsc -p dir` does: reads `dir/tsconfig.json`, type-checks, writes the
 * output, and throws with every diagnostic (formatted as `tsc --pretty false` prints them) when there is one.
 *
 * @example
 * ```ts
 * const compiler = createProjectCompiler();
 * compiler.compile("/tmp/app/esm"); // writes /tmp/app/esm/dist, or throws the type errors
 * compiler.compile("/tmp/app/cjs"); // reuses the libs and declarations the first one parsed
 * ```
 */
export function createProjectCompiler(): { compile(dir: string): void } {
  /** Declaration files parsed so far, by path and by the parse options (language version, module format). */
  const declarations = new Map<string, ts.SourceFile>();
  return {
    compile(dir) {
      const diagnostics: ts.Diagnostic[] = [];
      const config = ts.getParsedCommandLineOfConfigFile(
        ts.sys.resolvePath(`${dir}/tsconfig.json`),
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) },
      );
      if (!config) throw new Error(ts.formatDiagnostics(diagnostics, formatHost));
      const host = ts.createCompilerHost(config.options);
      const parse = host.getSourceFile.bind(host);
      host.getSourceFile = (fileName, options, onError, shouldCreate) => {
        if (!fileName.endsWith(".d.ts")) return parse(fileName, options, onError, shouldCreate);
        const key = `${fileName}\0${JSON.stringify(options)}`;
        let file = declarations.get(key);
        if (!file) {
          file = parse(fileName, options, onError, shouldCreate);
          if (file) declarations.set(key, file);
        }
        return file;
      };
      const program = ts.createProgram({
        rootNames: config.fileNames,
        options: config.options,
        host,
        configFileParsingDiagnostics: config.errors,
      });
      const emitted = program.emit();
      diagnostics.push(...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics);
      if (diagnostics.length > 0) throw new Error(ts.formatDiagnostics(diagnostics, formatHost));
    },
  };
}
