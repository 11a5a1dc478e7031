// Jest transform: a text file (the .md prompt templates) becomes a module whose default export is its text,
// as esbuild's `text` loader does for the bundle.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = { __esModule: true, default: ${JSON.stringify(sourceText)} };` };
  },
};
