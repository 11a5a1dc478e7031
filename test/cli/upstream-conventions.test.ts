/**
 * The upstream-format fixture vaults, planned as a new user would: exactly the workstreams a careful
 * reader would call blocked escalate, once per blocker; the others plan, citing the assumptions they
 * rely on. Each vault holds every convention of the upstream prompts: a deferred question, a
 * not-blocking one, one with a proposed assumption whose validation names an epic, a risk table,
 * a name written with & in one note and "and" in the other, and a range.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { readTree } from '../support/read-tree';
import { cli } from '../support/run-cli';
import { tempVault, type TempVault } from '../support/temp-vault';

const FIXTURES = ['upstream-conventions'];
const PLANNING = '01-Projects/Harborline/Planning';
const MESO = `${PLANNING}/meso-level-plan.md`;

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const read = (abs: string): string => readFileSync(abs, 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** How many blockers `list --json` gives each workstream, in WBS order. */
async function blockerCounts(dir: string): Promise<Array<[string, number]>> {
  const r = await cli(['list', '--vault', dir, '--json']);
  expect(r.code).toBe(0);
  const ws = (JSON.parse(r.out) as { workstreams: Array<{ id: string; blockers?: string[] }> }).workstreams;
  return ws.map((w) => [w.id, (w.blockers ?? []).length]);
}

/** A carried question's source: `Source: [[note#heading]], 4 lines below the heading.` and its other two forms. */
const SOURCE = /Source: \[\[([^\]#|]+)(?:#([^\]|]+))?\]\](?: §([\d.]+).*?)?, (\d+) lines? below (?:the heading|the section (title)|the line “([^”]+)”)\./g;

/**
 * Follows every carried-question citation of `appendix` into its note as the note is now: from the
 * anchor (the heading, the `§N` section title or the plain title line) down the stated number of lines, the
 * line must hold the quoted statement.
 */
function expectCitationsResolve(dir: string, planning: string, appendix: string): void {
  let seen = 0;
  for (const item of appendix.split('\n').filter((l) => l.startsWith('- ') && l.includes('Source: [['))) {
    const m = [...item.matchAll(SOURCE)][0];
    expect([item, m !== undefined]).toEqual([item, true]);
    const [, note, heading, section, n, , title] = m!;
    const lines = read(path.join(dir, planning, `${note}.md`)).split('\n');
    const plain = (l: string): string => l.replace(/^#+\s+/, '').replace(/[*_]/g, '').trim();
    const anchor = heading
      ? lines.findIndex((l) => /^#{1,6}\s/.test(l) && plain(l) === heading)
      : section
        ? lines.findIndex((l) => new RegExp(`^(?:\\*\\*)?${section.replace(/\./g, '\\.')}\\.?\\s`).test(l))
        : lines.findIndex((l) => plain(l) === title);
    expect([item, anchor >= 0]).toEqual([item, true]);
    const quoted = /“([^”]+)”/.exec(item)![1]!;
    expect([item, lines[anchor + Number(n)]]).toEqual([item, expect.stringContaining(quoted.slice(0, 20))]);
    seen++;
  }
  expect(seen).toBeGreaterThan(0);
}

const ONLY_W4_TWICE: Array<[string, number]> = [
  ['W1', 0],
  ['W2', 0],
  ['W3', 0],
  ['W4', 2],
  ['W5', 0],
];

describe.each(FIXTURES)('the %s fixture vault', (fixture) => {
  let v: TempVault;
  beforeEach(() => {
    v = tempVault(fixture);
  });
  afterEach(() => v.cleanup());

  it('lists W4 as the only blocked workstream, with one blocker per open decision', async () => {
    expect(await blockerCounts(v.dir)).toEqual(ONLY_W4_TWICE);
  });

  it('escalates W4 once per blocker, each citing every line that states it', async () => {
    const meso = read(path.join(v.dir, MESO));
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W4']);
    expect(r.code).toBe(1);
    const note = read(r.out.trim());
    const callouts = note.split('\n').filter((l) => l.startsWith('> [!escalation]'));
    expect(callouts).toHaveLength(2);
    // The payment provider: its question, assumption and validation, and the TBD and [NEEDS DECISION] lines restating it.
    for (const needle of ['**Payment provider**', '**Validation**: confirm with finance', 'Payment provider: TBD', 'payment provider is chosen [NEEDS DECISION]']) {
      expect(note).toContain(`${MESO} line ${lineOf(meso, needle)}:`);
    }
    expect(note).toContain(`${MESO} line ${lineOf(meso, '**Refund window**')}:`);
    // The risk table restates the payment provider too, but a risk is not a question.
    expect(note).not.toContain('decision slips');
  });

  it.each(['W1', 'W2', 'W3', 'W5'])('plans %s, leaving the meso plan\'s body and every other note as they were', async (id) => {
    const before = readTree(v.dir);
    const r = await cli(['plan', '--vault', v.dir, '--workstream', id]);
    expect(r.code).toBe(0);
    const after = readTree(v.dir);
    const planPath = path.relative(v.dir, r.out.trim()).split(path.sep).join('/');
    for (const [rel, text] of Object.entries(before)) {
      if (rel === MESO) expect(sha(matter(after[rel]!).content)).toBe(sha(matter(text).content));
      else expect(sha(after[rel]!)).toBe(sha(text));
    }
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual([planPath]);
  });

  it('carries the assumptions each plan relies on, cited by where they are, and only where they apply', async () => {
    const plans: Record<string, string> = {};
    for (const id of ['W1', 'W2', 'W3', 'W5']) {
      const r = await cli(['plan', '--vault', v.dir, '--workstream', id]);
      plans[id] = read(r.out.trim());
    }
    const appendix = (id: string): string => plans[id]!.slice(plans[id]!.indexOf('### Appendix A: Assumptions and Open Questions'));
    // The hold length names W2–W3: their plans rely on it; W1's and W5's do not.
    for (const id of ['W2', 'W3']) {
      expect(appendix(id)).toMatch(/\*\*Hold length\*\*: assumed “a berth is held for 15 minutes while the skipper pays”\..*Source: \[\[meso-level-plan#Open Questions and Blocked Decisions\]\], \d+ lines below the heading\./);
    }
    for (const id of ['W1', 'W5']) expect(plans[id]).not.toContain('Hold length');
    // A project-wide assumption of the micro plan reaches every plan.
    for (const id of ['W1', 'W2', 'W3', 'W5']) expect(appendix(id)).toMatch(/\[\[micro-level-plan#Requirements\]\], \d+ lines? below the heading/);
    // Every citation still points at its statement after all four plans were linked back into the
    // meso plan's frontmatter (which moved every line of its body down).
    for (const id of ['W1', 'W2', 'W3', 'W5']) expectCitationsResolve(v.dir, PLANNING, appendix(id));
    // The deferred analytics question is noted in W5's plan, not relied on.
    expect(appendix('W5')).toMatch(/\*\*Analytics vendor\*\* \(deferred\): “Defer to post-MVP; ship without analytics”/);
    // A not-blocking question that names no workstream, and the resolved one, are nowhere.
    for (const id of ['W1', 'W2', 'W3', 'W5']) {
      expect(plans[id]).not.toContain('Edge cache TTL');
      expect(plans[id]).not.toContain('Booking reference format');
    }
  });

  it('takes modules from the micro plan\'s components, each citing the meso sections it implements', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2']);
    const plan = read(r.out.trim());
    const modules = plan.split('\n').filter((l) => /^### 2\.\d+ /.test(l));
    expect(modules).toEqual(['### 2.1 Catalog Module']);
    const purpose = plan.slice(plan.indexOf('#### 2.1.1 '), plan.indexOf('#### 2.1.2 '));
    for (const id of ['2.1', '2.2', '2.3']) expect(purpose).toContain(`- ${id} `);
    expect(purpose).toContain('[[micro-level-plan#4.2 Catalog Module]]');
    expect(purpose).toContain('[[meso-level-plan#2.1 Components]]');
    expect(purpose).toContain('[[meso-level-plan#W2 → W3 Availability]]');
  });

  it('reads GET/PATCH as two endpoints, and the environment variables from the micro plan\'s Configuration and Secrets', async () => {
    const w2 = read((await cli(['plan', '--vault', v.dir, '--workstream', 'W2'])).out.trim());
    const endpoints = w2.split('\n').filter((l) => /^### 3\.\d+ /.test(l)).map((l) => l.replace(/^### 3\.\d+ /, ''));
    expect(endpoints).toEqual(expect.arrayContaining(['GET /v1/berths', 'GET /v1/berths/{id}', 'PATCH /v1/berths/{id}']));
    const w3 = read((await cli(['plan', '--vault', v.dir, '--workstream', 'W3'])).out.trim());
    const env = w3.slice(w3.indexOf('### 5.1 '), w3.indexOf('### 5.2 '));
    expect(env).toContain('| `HOLD_MINUTES` | No | 15 | Read by Booking module. | TODO |');
    expect(env).not.toContain('DATABASE_URL');
  });

  it.each(['W1', 'W2', 'W3', 'W5'])('%s passes the structural readiness items', async (id) => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', id]);
    const rel = path.relative(v.dir, r.out.trim()).split(path.sep).join('/');
    const c = await cli(['check', '--vault', v.dir, '--note', rel, '--json']);
    const items = (JSON.parse(c.out) as { items: Array<{ id: string; ok: boolean; reasons: string[] }> }).items;
    const failing = items.filter((i) => !i.ok).map((i) => i.id);
    for (const structural of ['frontmatter', 'wbs-coverage', 'unknown-ids', 'dependencies', 'traceability']) expect(failing).not.toContain(structural);
  });

  it('sends Claude the same judgement: the assumptions, the sections, the modules and the variables found, with instructions on the conventions', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W3', '--dry-run'], { env: { ANTHROPIC_API_KEY: 'sk-ant-test' } });
    expect(r.code).toBe(0);
    const sent = r.out;
    expect(sent).toContain('**Hold length**: assumed “a berth is held for 15 minutes while the skipper pays”');
    expect(sent).toContain('- Booking Module: 3.1, 3.2, 3.3; specified in [[micro-level-plan#4.3 Booking Module]]');
    expect(sent).toContain('[[meso-level-plan#2.1 Components]] (a component its modules implement)');
    expect(sent).toContain('- HOLD_MINUTES (required: no (15); read by Booking module)');
    // The instructions say how the upstream conventions read.
    expect(sent).toContain('`(BLOCKS: …)` or `**Blocks**: …`');
    expect(sent).toContain('`**Proposed Assumption**: …` with `**Validation**: …`');
    // W4's blockers are not W3's: the assignment carries nothing about the refund window or the payment provider.
    const assignment = JSON.parse(`"${/"text": "(## Assignment(?:[^"\\]|\\.)*)"/.exec(sent)![1]!}"`) as string;
    expect(assignment).toContain('Plan workstream **W3: Booking Engine**');
    // The dependencies found, with where each was stated, and the exit criteria.
    expect(assignment).toContain('- 3.2: Booking API: `POST /v1/bookings` (estimate 1 d; after 3.1; exit: A booking is created from a hold)');
    expect(assignment).toMatch(/Where the notes state its dependencies:(?:\n- [a-z]+: [^\n]*)*\n- entry: W2 \(the overall micro-level plan, line \d+\)/);
    expect(assignment).toContain('Exit criteria: holds expire on time and bookings are confirmed');
    expect(assignment).not.toMatch(/Refund window|Payment provider/);
  });

  it('turns the exit criteria of the epic and its tasks into success criteria', async () => {
    const plan = read((await cli(['plan', '--vault', v.dir, '--workstream', 'W2'])).out.trim());
    expect(plan).toContain('**Exit Criteria:**\n\nAvailability is served for every pilot marina (the WBS\'s exit criteria for W2: Berth Catalog');
    const module = plan.slice(plan.indexOf('#### 2.1.7 '), plan.indexOf('## 3. '));
    expect(module).toContain('- [ ] Migrations apply and roll back (exit criterion of 2.1 in the WBS)');
    expect(module).toContain('- [ ] No double holds under concurrent requests (exit criterion of 2.3 in the WBS)');
    const functional = plan.slice(plan.indexOf('### 10.1 '), plan.indexOf('### 10.2 '));
    expect(functional).toContain('- [ ] Availability is served for every pilot marina (exit criteria of W2: Berth Catalog in the WBS)');
  });
});

describe('the upstream-conventions-numbered fixture vault (sections as plain numbered lines, epics as numbered items)', () => {
  const PLANNING_N = '01-Projects/Fernway/Planning';
  const MESO_N = `${PLANNING_N}/meso-level-plan.md`;
  let v: TempVault;
  beforeEach(() => {
    v = tempVault('upstream-conventions-numbered');
  });
  afterEach(() => v.cleanup());
  const plan = async (id: string): Promise<{ code: number; text: string; path: string }> => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', id]);
    return { code: r.code, path: r.out.trim(), text: r.code === 2 ? '' : read(r.out.trim()) };
  };

  it('escalates only Epic 4, once for each of its two blockers; the range and the negation decide W1–W3', async () => {
    expect(await blockerCounts(v.dir)).toEqual(ONLY_W4_TWICE);
    const meso = read(path.join(v.dir, MESO_N));
    const w4 = await plan('W4');
    expect(w4.code).toBe(1);
    expect(w4.text.split('\n').filter((l) => l.startsWith('> [!escalation]'))).toHaveLength(2);
    expect(w4.text).toContain(`${MESO_N} line ${lineOf(meso, '**No-show fine amount**')}:`);
    expect(w4.text).toContain(`${MESO_N} line ${lineOf(meso, '**Card reader hardware**')}:`);
    expect(w4.text).not.toContain('not decided in time');
  });

  it('plans into the project\'s planning folder, citing plain numbered sections as §N and carrying the range\'s assumption to W2 and W3 only', async () => {
    for (const id of ['W1', 'W2', 'W3', 'W5']) {
      const p = await plan(id);
      expect(p.code).toBe(0);
      expect(path.relative(v.dir, p.path).split(path.sep).join('/')).toBe(`${PLANNING_N}/${id}-micro-level-plan.md`);
      const carries = p.text.includes(`**Hold duration**: assumed “a room is held for 10 minutes while the member confirms”`);
      expect([id, carries]).toEqual([id, id === 'W2' || id === 'W3']);
      if (carries) expect(p.text).toContain('Source: [[meso-level-plan]], 2 lines below the line “Open Questions and Blocked Decisions”.');
    }
    // Still right once all four plans are linked back into the meso plan's frontmatter.
    for (const id of ['W2', 'W3']) {
      const text = read(path.join(v.dir, PLANNING_N, `${id}-micro-level-plan.md`));
      expectCitationsResolve(v.dir, PLANNING_N, text.slice(text.indexOf('### Appendix A')));
    }
    const w2 = read(path.join(v.dir, PLANNING_N, 'W2-micro-level-plan.md'));
    expect(w2.split('\n').filter((l) => /^### 2\.\d+ /.test(l))).toEqual(['### 2.1 Room Catalog']);
    expect(w2).toContain('[[meso-level-plan]] §2.1 Components');
    expect(w2).toContain('[[meso-level-plan]] §3.2 Interfaces');
  });

  it('reads the names Reminders & Staff Desk and Reminders and Staff Desk as one, and notes the deferred question in W5', async () => {
    const w5 = await plan('W5');
    expect(w5.code).toBe(0);
    expect(w5.text).toMatch(/\*\*Reminder channel\*\* \(deferred\): “Defer SMS to post-MVP; e-mail only”/);
    expect(w5.text).not.toContain('Branch opening hours feed');
    expect(w5.text).not.toContain('Room size classes');
  });

  it('takes the exit criteria, the endpoints and the variables from where the micro plan puts them', async () => {
    const w3 = (await plan('W3')).text;
    expect(w3).toContain('**Exit Criteria:**\n\nHolds expire on time and bookings are confirmed (the WBS\'s exit criteria for W3: Booking Engine');
    const env = w3.slice(w3.indexOf('### 5.1 '), w3.indexOf('### 5.2 '));
    expect(env).toContain('| `HOLD_MINUTES` | No | 10 | Read by Booking engine. | TODO |');
    expect(env).not.toContain('LDAP_SERVER_URI');
    const w2 = (await plan('W2')).text;
    const endpoints = w2.split('\n').filter((l) => /^### 3\.\d+ /.test(l)).map((l) => l.replace(/^### 3\.\d+ /, ''));
    expect(endpoints).toEqual(expect.arrayContaining(['GET /api/rooms', 'GET /api/rooms/{id}', 'PATCH /api/rooms/{id}']));
  });

  it.each(['W1', 'W2', 'W3', 'W5'])('%s passes the structural readiness items and leaves every other note as it was', async (id) => {
    const before = readTree(v.dir);
    const p = await plan(id);
    const rel = path.relative(v.dir, p.path).split(path.sep).join('/');
    const after = readTree(v.dir);
    for (const [k, text] of Object.entries(before)) {
      if (k === MESO_N) expect(sha(matter(after[k]!).content)).toBe(sha(matter(text).content));
      else expect(sha(after[k]!)).toBe(sha(text));
    }
    const c = await cli(['check', '--vault', v.dir, '--note', rel, '--json']);
    const failing = (JSON.parse(c.out) as { items: Array<{ id: string; ok: boolean }> }).items.filter((i) => !i.ok).map((i) => i.id);
    for (const structural of ['frontmatter', 'wbs-coverage', 'unknown-ids', 'dependencies', 'traceability']) expect(failing).not.toContain(structural);
  });
});
