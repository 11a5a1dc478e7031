/**
 * "Plan workstream" in the built plugin, in Chromium, against the local Anthropic server over the
 * page's real `fetch` (CORS preflight included): the note streams into a real CodeMirror editor, the
 * readiness panel follows, an escalation callout gets its widget and "Re-check" works, and a cancel
 * mid-stream leaves an `interrupted` note that "Resume workstream plan" finishes.
 */
import { startAnthropicServer } from '../../support/anthropic-server';
import { plannerResponder } from '../../support/anthropic-server/planner-responder';
import { EXAMPLE_PLANNING_NOTES } from '../../support/example-vault';
import { ESCALATION, Harness, KEY, MESO, PLAN, assert, statusOf, type Ctx } from '../lib/driver';
import { outlineFor } from '../lib/outline';

const SENT = EXAMPLE_PLANNING_NOTES;

/** Palette → "Plan workstream" → pick W2 in the suggester (by clicking it). */
async function planW2(h: Harness): Promise<string[]> {
  await h.palette('Plan workstream');
  const picker = h.page.locator('.modal.prompt:not(.wp-harness-palette)');
  await picker.locator('.suggestion-item').first().waitFor();
  const items = await picker.locator('.suggestion-item').allTextContents();
  await picker.locator('.prompt-input').fill('W2');
  await picker.locator('.suggestion-item', { hasText: /^W2 · / }).click();
  return items;
}

export const planTests = [
  {
    name: 'plans W2 from the palette: streams over fetch into the editor, the panel follows, the request carries the browser header',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer();
      try {
        server.setScript(plannerResponder({ outline: await outlineFor(ctx.repo), mesoTarget: 'meso-level-plan', script: { chunkChars: 24, tokensPerSecond: 220 } }));
        const h = await Harness.open(ctx, { data: { baseURL: server.url, concurrency: 2 }, open: MESO });
        const page = h.page;
        const required = await page.evaluate(() => (window as any).wpRequired as string[]);
        assert(required.includes('obsidian') && required.includes('@codemirror/view') && required.includes('@codemirror/state'), `main.js required ${required}`);

        await h.palette('Open readiness panel');
        const panel = page.locator('.mod-right-split .wp-readiness');
        await panel.locator('table, .wp-readiness__table').first().waitFor();
        assert((await panel.textContent())?.includes('W2'), 'the panel lists W2 for the meso plan');

        const items = await planW2(h);
        assert(items.some((t) => t.startsWith('W1 · ')) && items.some((t) => t.startsWith('W2 · ')), `picker items: ${items.join(' | ')}`);
        assert(items.every((t) => t.includes('not planned')), `statuses: ${items.join(' | ')}`);

        const confirm = h.modal('Send to Claude?');
        await confirm.waitFor();
        const body = (await confirm.locator('.modal-content').textContent()) ?? '';
        for (const p of SENT) assert(body.includes(p), `the send preview lists ${p}`);
        assert(!body.includes('01-Projects/Tidewater.md'), 'the project note is not sent');
        assert(/Estimate: \d+ calls/.test(body), `estimate in: ${body}`);
        await confirm.locator('button', { hasText: 'Send' }).click();

        // Mid-stream: the plan note is open in a real CodeMirror editor and grows while the run goes on.
        const editor = page.locator('.workspace-leaf:not(.is-hidden) .markdown-source-view .cm-content');
        const first = await h.until('streamed text in the editor', async () => {
          const t = await h.editorText(PLAN);
          return t !== null && (await h.runs()).length > 0 && /\n#{2,4} \d/.test(t) && t.length > 2500 ? t : null;
        }, 60000);
        const later = await h.until('more streamed text', async () => {
          const t = await h.editorText(PLAN);
          return t !== null && t.length > first.length + 200 ? t : null;
        });
        assert(later.startsWith(first.slice(0, first.lastIndexOf('\n'))), 'the stream appends to what was there');
        assert(((await editor.innerText()) ?? '').includes('Executive Summary') || (await editor.locator('.cm-line').count()) > 20, 'the editor DOM shows the streamed lines');
        const status = await page.locator('.status-bar .wp-status').textContent();
        assert(/^W2 · /.test(status ?? ''), `status bar while streaming: ${status}`);
        await panel.locator('.wp-readiness__progress-summary', { hasText: /^Generating:/ }).waitFor();
        await h.scrollEditorToEnd();
        assert((await h.runs()).length > 0, 'still streaming when the screenshot is taken');
        await h.shot('streaming-note');

        await h.until('the run to end', async () => (await h.runs()).length === 0, 120000);
        await h.waitNotice(/^W2 is planned and ready for decomposition: Planning\/W2-micro-level-plan\.md\. It cost \$\d+\.\d\d\.$/);
        const disk = await h.peek(PLAN);
        assert(statusOf(disk) === 'ready_for_decomposition', `status on disk: ${statusOf(disk)}`);
        assert((await h.editorText(PLAN)) === disk, 'the editor shows what is on disk');
        assert((await h.peek(MESO))?.includes('[[Planning/W2-micro-level-plan]]'), 'the meso plan links to the plan');

        // The panel follows the note: every readiness item passes.
        await panel.locator('.wp-readiness__item').first().waitFor();
        await h.until('the panel to show the final check', async () => (await panel.locator('.wp-readiness__item--failing').count()) === 0 && (await panel.locator('.wp-readiness__item--passing').count()) > 0);
        await h.dismissNotices();
        await h.scrollEditorToEnd();
        await panel.locator('.wp-readiness__items').evaluate((el) => el.scrollIntoView());
        await h.shot('readiness-panel');

        // The browser really sent it: CORS preflight for the SDK's headers, then the POST with the browser header.
        const origin = new URL(ctx.pageUrl).origin;
        const preflights = server.requests.filter((r) => r.method === 'OPTIONS' && r.route === '/v1/messages');
        assert(preflights.length > 0, 'Chromium sent a CORS preflight');
        const asked = String(preflights[0]!.headers['access-control-request-headers'] ?? '');
        for (const hd of ['anthropic-dangerous-direct-browser-access', 'authorization', 'anthropic-version']) assert(asked.includes(hd), `the preflight asks for ${hd}: ${asked}`);
        const posts = server.messageRequests();
        assert(posts.length > 2, `message requests: ${posts.length}`);
        for (const q of posts) {
          assert(q.headers['anthropic-dangerous-direct-browser-access'] === 'true', 'every call carries anthropic-dangerous-direct-browser-access: true');
          assert(q.headers.origin === origin, `origin ${q.headers.origin}`);
          assert(q.headers.authorization === `Bearer ${KEY}` || q.headers['x-api-key'] === KEY, 'the key is sent in the auth header');
          assert(q.status === 200, `status ${q.status}`);
          assert(!JSON.stringify(q.body).includes(KEY), 'the key is not in a request body');
        }
        assert(!(await h.notices()).join('\n').includes(KEY), 'no notice shows the key');
        assert(h.errors.length === 0, `page errors: ${h.errors.join('\n')}`);
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'an escalation callout that Live Preview renders as a block gets its Re-check / Plan now row after it, and Re-check reports blocked, then clear',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer();
      try {
        const h = await Harness.open(ctx, { data: { baseURL: server.url, confirmBeforeSending: false } });
        const meso = (await h.peek(MESO))!;
        const blocked = meso.replace(/(## W2: Inspection API\n)/, '$1\nPhoto retention is TBD.\n');
        assert(blocked !== meso, 'the meso plan has a W2 section');
        await h.writeNote(MESO, blocked);
        await planW2(h);
        await h.waitNotice(/^W2 cannot be planned yet/);
        await h.until('the escalation note in an editor', async () => (await h.editorText(ESCALATION)) !== null);
        assert(server.messageRequests().length === 0, 'nothing is sent for a blocked workstream');

        // Live Preview: with the cursor elsewhere the callout is one rendered block replacing its lines,
        // and the plugin's row of buttons is a block of its own right after it, visible.
        const rendered = h.page.locator('.workspace-leaf:not(.is-hidden) .cm-content .cm-callout .callout[data-callout="escalation"]');
        await rendered.waitFor();
        const widget = h.page.locator('.workspace-leaf:not(.is-hidden) .cm-content > .wp-escalation-actions');
        await widget.waitFor({ state: 'visible' });
        assert((await widget.getAttribute('data-wp-workstream')) === 'W2', 'the widget is for W2');
        assert((await h.page.locator('.workspace-leaf:not(.is-hidden) .cm-line .wp-escalation-actions').count()) === 0, 'the widget is not inside a line');
        const followsCallout = await widget.evaluate((el) => el.previousElementSibling?.classList.contains('cm-callout') ?? false);
        assert(followsCallout, 'the widget comes right after the rendered callout');
        const plan = widget.locator('button', { hasText: 'Plan now' });
        assert(await plan.isDisabled(), 'Plan now is disabled while something blocks');

        await widget.locator('button', { hasText: 'Re-check' }).click();
        await h.page.locator('.cm-content .wp-escalation-actions__message', { hasText: /^Still blocked by (one request|\d+ requests)\.$/ }).waitFor();
        await h.dismissNotices();
        await h.shot('escalation-callout');

        // With the cursor inside the callout its source shows, and the buttons stay where they were.
        await rendered.click();
        await h.until('the callout source', async () => (await h.page.locator('.workspace-leaf:not(.is-hidden) .cm-content .cm-callout').count()) === 0);
        assert(await widget.isVisible(), 'the buttons stay while the callout is edited');

        await h.writeNote(MESO, meso);
        await h.page.locator('.cm-content .wp-escalation-actions button', { hasText: 'Re-check' }).click();
        await h.page.locator('.cm-content .wp-escalation-actions__message', { hasText: 'Nothing blocks W2 any more.' }).waitFor();
        assert(!(await h.page.locator('.cm-content .wp-escalation-actions button', { hasText: 'Plan now' }).isDisabled()), 'Plan now is enabled once clear');
        assert(h.errors.length === 0, `page errors: ${h.errors.join('\n')}`);
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
  {
    name: '"Cancel planning" mid-stream leaves the note interrupted; "Resume workstream plan" finishes it',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer();
      try {
        const outline = await outlineFor(ctx.repo);
        server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 20, tokensPerSecond: 120 } }));
        const h = await Harness.open(ctx, { data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
        await planW2(h);
        await h.until('streamed text in the editor', async () => {
          const t = await h.editorText(PLAN);
          return t !== null && /\n#{2,4} \d/.test(t) && (await h.runs()).length > 0;
        }, 60000);
        await h.palette('Cancel planning');
        await h.until('the run to stop', async () => (await h.runs()).length === 0);
        await h.waitNotice(/^Planning W2 stopped at .+\. Use "Resume workstream plan" on Planning\/W2-micro-level-plan\.md to finish it\./);
        const disk = await h.peek(PLAN);
        assert(statusOf(disk) === 'interrupted', `status on disk: ${statusOf(disk)}`);
        await h.until('the editor to show the interrupted note', async () => statusOf(await h.editorText(PLAN)) === 'interrupted');

        server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan' }));
        await h.palette('Resume workstream plan');
        await h.until('the resumed run to finish', async () => statusOf(await h.peek(PLAN)) === 'ready_for_decomposition' && (await h.runs()).length === 0, 60000);
        assert(h.errors.length === 0, `page errors: ${h.errors.join('\n')}`);
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
];
