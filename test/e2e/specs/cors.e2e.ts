/**
 * An organisation that blocks browser access: the server refuses the browser's calls, as
 * api.anthropic.com does for such organisations, and the plugin's Notice says what to do.
 */
import { startAnthropicServer } from '../../support/anthropic-server';
import { plannerResponder } from '../../support/anthropic-server/planner-responder';
import { Harness, KEY, PLAN, assert, type Ctx } from '../lib/driver';
import { outlineFor } from '../lib/outline';

export const corsTests = [
  {
    name: 'an organisation that blocks browser calls gets a Notice that says what to do, without the key',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer({ corsMode: 'block-browser' });
      try {
        server.setScript(plannerResponder({ outline: await outlineFor(ctx.repo), mesoTarget: 'meso-level-plan' }));
        const h = await Harness.open(ctx, { data: { baseURL: server.url, confirmBeforeSending: false } });
        await h.palette('Plan workstream');
        const picker = h.page.locator('.modal.prompt:not(.wp-harness-palette)');
        await picker.locator('.prompt-input').fill('W2');
        await picker.locator('.suggestion-item', { hasText: /^W2 · / }).click();
        const notice = await h.waitNotice(/does not allow calls from Obsidian/);
        assert(notice.includes('Use Obsidian network') && notice.includes('command line'), `notice: ${notice}`);
        assert(!(await h.notices()).join('\n').includes(KEY), 'no notice shows the key');
        await h.page.locator('.notice', { hasText: 'does not allow calls from Obsidian' }).waitFor();
        await h.shot('cors-blocked-notice');
        // The first call is the estimate's count_tokens; refused, nothing else is sent.
        const posts = server.requests.filter((q) => q.method === 'POST');
        assert(posts.length > 0 && posts.every((q) => q.status === 401 && q.headers.origin === new URL(ctx.pageUrl).origin), 'the browser calls were refused with 401');
        assert(server.messageRequests().length === 0, 'no message was sent');
        assert((await h.runs()).length === 0, 'no run is left going');
        const plan = await h.peek(PLAN);
        assert(plan === undefined || !/status: "?ready_for_decomposition/.test(plan), 'no plan was written');
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'the settings tab renders in the page with the plugin\'s rows and saves a toggle',
    async run(ctx: Ctx): Promise<void> {
      const server = await startAnthropicServer();
      try {
        const h = await Harness.open(ctx, { data: { baseURL: server.url } });
        await h.dismissNotices();
        await h.page.locator('.wp-harness-settings').click();
        const tab = h.page.locator('.modal.mod-settings .vertical-tab-content');
        await tab.locator('.setting-item-name', { hasText: 'API key' }).waitFor();
        // The model list comes from the server's /v1/models through the page's fetch.
        await tab.locator('.setting-item', { hasText: 'Model' }).locator('select').waitFor();
        const row = tab.locator('.setting-item', { has: h.page.locator('.setting-item-name', { hasText: 'Confirm before sending' }) });
        const toggle = row.locator('.checkbox-container');
        assert(await toggle.evaluate((el) => el.classList.contains('is-enabled')), 'confirm before sending is on by default');
        await toggle.click();
        await h.until('the setting to be saved', async () =>
          h.page.evaluate(() => (window as any).wpHarness.app.pluginData.get('workstream-planner')?.confirmBeforeSending === false),
        );
        await toggle.click();
        await h.page.locator('.modal.mod-settings .vertical-tab-content-container').evaluate((el) => el.scrollTo(0, 0));
        await h.shot('settings-tab');
        assert(!(await tab.textContent())?.includes(KEY), 'the settings tab never shows the key');
        assert(h.errors.length === 0, `page errors: ${h.errors.join('\n')}`);
        await h.close();
      } finally {
        await server.close();
      }
    },
  },
];
