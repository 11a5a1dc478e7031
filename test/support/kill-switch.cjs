/**
 * Preloaded into a real CLI process (`node --require kill-switch.cjs dist/cli.js …`): SIGKILLs the
 * process at a chosen write to the plan note, so the note is left exactly as the last write that
 * reached the disk made it — no handler runs, nothing gets marked. The CLI itself is unchanged: the
 * switch wraps `fs/promises` (the bundle reads its functions off that object at each call).
 *
 * `WP_KILL` is JSON: `{ "note": "<absolute path>", "at": <point>, "when": "<regexp source>" }` with
 * point one of
 * - `created`: right after the note is created;
 * - `after-append`: right after an append, once the note's text matches `when` (or after the
 *   `nth` append, counting from 1);
 * - `before-append`: instead of an append whose text matches `when` (it never reaches the disk);
 * - `before-rename`: a whole-note rewrite whose new text matches `when` is in its temporary file,
 *   not yet moved over the note (the rewrite is atomic: the note still holds the old text);
 * - `after-rename`: right after such a rewrite replaced the note.
 */
'use strict';
const fs = require('node:fs');
const fsp = require('node:fs/promises');

const spec = JSON.parse(process.env.WP_KILL || 'null');
if (spec) {
  const when = new RegExp(spec.when || '', 'm');
  const die = () => process.kill(process.pid, 'SIGKILL');
  const isNote = (p) => String(p) === spec.note;
  const noteText = () => fs.readFileSync(spec.note, 'utf8');

  const { writeFile, open, rename } = fsp;
  const tmpTexts = new Map();
  let appends = 0;

  fsp.writeFile = async function (file, data, options) {
    if (typeof file === 'string' && file.endsWith('.tmp') && require('node:path').basename(file).startsWith('.' + require('node:path').basename(spec.note) + '.')) {
      tmpTexts.set(file, String(data));
    }
    const r = await writeFile.call(this, file, data, options);
    if (spec.at === 'created' && isNote(file)) die();
    return r;
  };

  fsp.rename = async function (from, to) {
    const text = tmpTexts.get(String(from));
    const ours = isNote(to) && text !== undefined && when.test(text);
    if (ours && spec.at === 'before-rename') die();
    const r = await rename.call(this, from, to);
    if (ours && spec.at === 'after-rename') die();
    return r;
  };

  fsp.open = async function (file, ...rest) {
    const handle = await open.call(this, file, ...rest);
    if (!isNote(file)) return handle;
    const write = handle.writeFile.bind(handle);
    handle.writeFile = async (data, options) => {
      if (spec.at === 'before-append' && when.test(String(data))) die();
      const r = await write(data, options);
      appends++;
      if (spec.at === 'after-append' && (spec.nth ? appends === spec.nth : when.test(noteText()))) die();
      return r;
    };
    return handle;
  };
}
