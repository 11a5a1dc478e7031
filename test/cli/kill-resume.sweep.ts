/**
 * The kill-resume check at every write: the real CLI is killed right after its n-th write to the plan
 * note, for every n of a run, with one section call at a time and with four; each resume must give
 * the plan an uninterrupted run writes. About six minutes: `npm run test:kill-sweep`, not `npm test`.
 */
import { bodyOf, killResumeHarness, statusOf } from '../support/kill-resume';

const { reference, killAndResume } = killResumeHarness();
/** More than a run of the example plan makes (about 60 with this server's pacing). */
const MAX_WRITES = 80;

describe.each(['1', '4'])('killed after each write, concurrency %s', (concurrency) => {
  it.each(Array.from({ length: MAX_WRITES }, (_, i) => i + 1))('after write %i', async (nth) => {
    const r = await killAndResume(['--concurrency', concurrency], { slow: /under the heading `(## 3\. |### 2\.2 )/ }, { at: 'after-append', nth });
    // A run with fewer writes than nth finished by itself; its resume only finds it finished.
    expect(r.resumed).toEqual({ code: 0, err: '' });
    expect(statusOf(r.done)).toBe('ready_for_decomposition');
    expect(bodyOf(r.done)).toBe(bodyOf(reference().plan));
    expect(r.meso).toBe(reference().meso);
  });
});
