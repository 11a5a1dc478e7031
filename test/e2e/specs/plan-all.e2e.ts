/**
 * "Plan all workstreams" and staleness in the built plugin, in Chromium, against the local Anthropic
 * server's Message Batches endpoints over the page's real `fetch`: the readiness panel's button, the
 * confirmation at batch prices, each workstream's progress in the table while a batch is held, the
 * plans written in dependency order; then an edit of the meso section W2 depends on marks W2 stale in
 * the table and in its plan, with Re-plan. Screenshots: plan-all-confirm, plan-all-panel, stale-table,
 * stale-plan.
 */
import { startAnthropicServer } from '../../support/anthropic-server';
import { projectResponder } from '../../support/anthropic-server/planner-responder';
import type { Outline } from '../../../src/core/contracts/outline';
import { Harness, KEY, MESO, assert, statusOf, type Ctx } from '../lib/driver';
import { outlineFor } from '../lib/outline';

const IDS = ['W1', 'W2', 'W3'];
const planOf = (id: string): string => `Planning/${id}-micro-level-plan.md`;

export const planAllTests = [
  {
    name: '"Plan all workstreams" from the panel: batches at half price, progress per workstream, every plan written; an edited meso section marks W2 stale',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer();
      try {
        const outlines: Record<string, Outline> = {};
        for (const id of IDS) outlines[id] = await outlineFor(ctx.repo, id);
        server.setScript(projectResponder({ outlines, mesoTarget: 'meso-level-plan' }));
        // The run stops at W1's third batch (its sections after the primer) until the screenshot is taken.
        server.paceBatches({ holdFrom: 3 });
        const h = await Harness.open(ctx, { data: { baseURL: server.url }, open: MESO });
        const page = h.page;
        await page.evaluate(() => ((window as any).wpHarness.plugin.runner.batchPollMs = 25));

        await h.palette('Open readiness panel');
        const panel = page.locator('.mod-right-split .wp-readiness');
        await panel.locator('.wp-readiness__table').waitFor();
        await panel.locator('.wp-readiness__plan-all button', { hasText: 'Plan all workstreams' }).click();

        const confirm = h.modal('Plan all workstreams?');
        await confirm.waitFor();
        const body = (await confirm.locator('.modal-content').textContent()) ?? '';
        assert(/will plan 3 workstreams in dependency order, through the Message Batches API, at half price/.test(body), `confirmation: ${body}`);
        assert(/Estimate: \d+ calls, about \$\d+\.\d\d/.test(body), `estimate in: ${body}`);
        await h.shot('plan-all-confirm');
        await confirm.locator('button', { hasText: 'Send' }).click();

        // W1 waits in its batch; W2 and W3 are queued behind it.
        const run = panel.locator('.wp-readiness__run');
        await h.until('W1 in its batch', async () => {
          const cells = await run.allTextContents();
          return cells.join('|') === 'In a batch|Queued|Queued' && server.requests.filter((r) => r.method === 'POST' && r.route === '/v1/messages/batches').length === 3;
        });
        await panel.locator('.wp-readiness__plan-all button', { hasText: 'Cancel' }).waitFor();
        await h.shot('plan-all-panel');

        server.paceBatches({ holdFrom: undefined });
        await h.waitNotice(/^Planned all workstreams: W1 done, W2 done, W3 done\. It cost \$\d+\.\d\d \(\d+ of \d+ requests at batch prices\)\.$/, 60000);
        for (const id of IDS) assert(statusOf(await h.peek(planOf(id))) === 'ready_for_decomposition', `${id} on disk: ${statusOf(await h.peek(planOf(id)))}`);
        assert(server.messageRequests().length === 0, 'no request streamed');
        for (const b of server.batchRequests()) assert(!JSON.stringify(b.params).includes(KEY), 'the key is not in a request');
        // Batch calls from the page carry the browser header, as the streamed ones do.
        for (const q of server.requests.filter((r) => r.route.startsWith('/v1/messages/batches') && r.method !== 'OPTIONS')) {
          assert(q.headers['anthropic-dangerous-direct-browser-access'] === 'true', `${q.method} ${q.route} without the browser header`);
        }
        await h.until('the table to show every plan', async () => (await panel.locator('td.wp-readiness__status--ready_for_decomposition').count()) === 3);

        // Staleness: the meso section W2 depends on changes.
        const meso = (await h.peek(MESO))!;
        const edited = meso.replace('`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
        assert(edited !== meso, 'the example meso plan has the sentence this test edits');
        await h.writeNote(MESO, edited);
        await panel.locator('tr[data-wp-workstream="W2"] .wp-readiness__stale-badge').waitFor();
        const reasons = await panel.locator('tr[data-wp-stale="W2"] li').allTextContents();
        assert(reasons.join('|') === 'Meso section "W2 Data model" changed', `W2 stale because: ${reasons.join('|')}`);
        assert((await panel.locator('tr[data-wp-stale="W1"]').count()) === 0, 'W1 is not stale');
        await h.dismissNotices();
        await h.shot('stale-table');

        await page.evaluate(async (p) => {
          const app = (window as any).wpHarness.app;
          await app.workspace.getLeaf(false).openFile(app.vault.getFileByPath(p));
        }, planOf('W2'));
        const notice = panel.locator('.wp-readiness__stale');
        await notice.waitFor();
        assert((await notice.locator('button').textContent()) === 'Re-plan', 'the stale plan offers Re-plan');
        await h.shot('stale-plan');
        assert(h.errors.length === 0, `page errors: ${h.errors.join('\n')}`);
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
];
