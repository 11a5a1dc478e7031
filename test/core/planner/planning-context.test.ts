import { idWithLabel, knownIds, parseWorkstreamArg, resolveWorkstreamArg } from '../../../src/core/planner/planning-context';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

const lettered = parseWbs(['12. Work Breakdown Structure (WBS)', '- Epic A: Import', '  1) Parse', '- Epic B: Sync', '  1) Queue', '13. SKIP'].join('\n'));
const numbered = parseWbs(['## 12. WBS', '### Epic 1: Setup', '- Repo', '### Epic 2: API', '- Endpoints'].join('\n'));
const short = parseWbs(['12. Work Breakdown Structure (WBS)', '- E1 Data', '  - Tables', '- E2 API', '  - Routes', '13. Runbooks'].join('\n'));

describe('workstream arguments', () => {
  it.each(['W2', 'w02', 'WS-02', 'Workstream 2', 'Epic 2', 'epic b', 'E2', 'B', '2'])('accepts %s before the vault is read', (arg) => {
    expect(parseWorkstreamArg(arg).ok).toBe(true);
  });

  it.each(['../x', 'Epic', 'W2; rm', 'Foundation', ''])('refuses %j', (arg) => {
    expect(parseWorkstreamArg(arg)).toEqual({ ok: false, error: { kind: 'bad-workstream-id', input: arg } });
  });

  it.each([
    ['Epic B', lettered, 'W2'],
    ['b', lettered, 'W2'],
    ['Epic 2', numbered, 'W2'],
    ['E2', numbered, 'W2'],
    ['2', numbered, 'W2'],
    ['E2', short, 'W2'],
    ['Epic 2', short, 'W2'],
    ['WS-01', short, 'W1'],
    ['Epic 7', numbered, 'W7'],
    ['Epic Z', numbered, null],
  ])('resolves %s to %s', (arg, wbs, id) => {
    expect(resolveWorkstreamArg(arg, wbs)).toBe(id);
  });

  it('names known workstreams with their labels', () => {
    expect(knownIds(lettered)).toEqual(['W1 (Epic A)', 'W2 (Epic B)']);
    expect(idWithLabel({ id: 'W3', label: undefined })).toBe('W3');
  });
});
