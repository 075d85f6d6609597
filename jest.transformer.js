/**
 * Jest transform for the Node side (API and shared libs).
 *
 * Jest's own module loader cannot `require()` an ES module on Node 20, and NestJS 12 ships as ESM
 * only. This transform compiles our TypeScript and those ESM packages to CommonJS with the
 * TypeScript compiler (type checking is the `typecheck` target's job, not the tests'). Decorator
 * metadata is emitted, which Nest's dependency injection and TypeORM rely on.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const ts = require('typescript');

// Path aliases from tsconfig.base.json, resolved here so that code loaded outside jest's module
// registry (global setup) finds them too.
const { config: baseConfig } = ts.readConfigFile(
  path.join(__dirname, 'tsconfig.base.json'),
  ts.sys.readFile,
);
const aliases = Object.entries(baseConfig.compilerOptions.paths ?? {}).map(([alias, [target]]) => [
  alias,
  path.join(__dirname, target),
]);

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  allowJs: true,
  inlineSourceMap: true,
  inlineSources: true,
};
// The cache key covers this file's own code, so editing the transform invalidates old output.
const version = `${ts.version}:${JSON.stringify(aliases)}:${require('node:fs').readFileSync(__filename, 'utf8')}`;

/**
 * `import.meta` has no CommonJS form; these packages only use `import.meta.url`. An ESM module's
 * own `const require = createRequire(import.meta.url)` would clash with CommonJS's `require`,
 * which already does the same, so it is dropped.
 */
function esmToCommonJsQuirks(source) {
  return source
    .replace(/^const require = (?:\w+\.)?createRequire\(import\.meta\.url\);$/m, '')
    .replace(/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href');
}

module.exports = {
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha256')
      .update(version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
  process(source, filename) {
    const text = filename.includes('/node_modules/') ? esmToCommonJsQuirks(source) : source;
    const { outputText } = ts.transpileModule(text, { compilerOptions, fileName: filename });
    const code = aliases.reduce(
      (output, [alias, target]) =>
        output.split(`require("${alias}")`).join(`require(${JSON.stringify(target)})`),
      outputText,
    );
    return { code };
  },
};
