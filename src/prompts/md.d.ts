/** Markdown files are bundled as text (esbuild `loader: { '.md': 'text' }`, jest `test/support/text-transform.js`). */
declare module '*.md' {
  const text: string;
  export default text;
}
