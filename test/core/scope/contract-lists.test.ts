import { parseHeadings } from '../../../src/core/markdown/headings';
import { computeScope } from '../../../src/core/scope/compute-scope';
import { parseContractHeading, parseContractHeadingAll } from '../../../src/core/wbs/contract-heading';
import { parseMesoMentions } from '../../../src/core/scope/meso-mentions';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

describe('parseContractHeadingAll', () => {
  it.each([
    ['W1 -> W2, W3, W4', [['W1', 'W2'], ['W1', 'W3'], ['W1', 'W4']]],
    ['W1 → W2 and W3: Auth tokens', [['W1', 'W2'], ['W1', 'W3']]],
    ['W1 → W2/W3', [['W1', 'W2'], ['W1', 'W3']]],
    ['W2, W3 → W5 (Ledger feed)', [['W2', 'W5'], ['W3', 'W5']]],
    ['W1 → W2, W3, and W4', [['W1', 'W2'], ['W1', 'W3'], ['W1', 'W4']]],
    ['W1 → W2', [['W1', 'W2']]],
  ])('reads every pair of %p', (text, pairs) => {
    expect(parseContractHeadingAll(text).map((c) => [c.from, c.to])).toEqual(pairs);
  });

  it('keeps what the contract covers on every pair, and the first pair for parseContractHeading', () => {
    expect(parseContractHeadingAll('W1 → W2 and W3: Auth tokens').map((c) => c.what)).toEqual(['Auth tokens', 'Auth tokens']);
    expect(parseContractHeading('W1 -> W2, W3, W4')).toEqual({ from: 'W1', to: 'W2', what: '' });
    expect(parseContractHeading('W1 → W2, Notes')).toEqual({ from: 'W1', to: 'W2', what: 'Notes' });
  });

  it.each(['W1 → W2 → W3', 'W1 and W2', 'W1 → W2x', 'W1, W2'])('gives nothing for %p', (text) => {
    expect(parseContractHeadingAll(text)).toEqual([]);
  });

  it('mentions every workstream of a listed contract heading', () => {
    expect(parseMesoMentions('### W1 -> W2, W3, W4').map((m) => m.id)).toEqual(['W1', 'W2', 'W3', 'W4']);
  });
});

describe('computeScope with listed contracts and named sections', () => {
  const WBS = ['## W1: Ledger', '- W1.1 Schema', '## W2: Invoicing', '- W2.1 Model', '## W3: Payments', '- W3.1 Capture', '## W4: Reports', '- W4.1 Export'].join('\n');
  const MESO = [
    '# Harbor architecture', //                                   1
    '## W3: Payments', //                                          2
    'W3 records payments: `POST /invoices/:id/payments`.', //      3
    '### Refunds', //                                              4
    'POST /payments/:id/refunds reverses one.', //                 5
    '### W4 reporting hooks', //                                   6
    'W4 serves GET /reports/payments.', //                         7
    '## W2: Invoicing', //                                         8
    'Serves `GET /invoices/:id` and calls W3.', //                 9
    '## Contracts', //                                            10
    '### W1 -> W2, W3, W4: Ledger entries', //                    11
    'W1 exposes `POST /ledger/entries`.', //                      12
    '### W3 → W4', //                                             13
    'W3 pushes to `PUT /reports/feed`.', //                       14
    'See the invoices API (/invoices/:id) for details.', //       15
  ].join('\n');
  const scopeOf = (id: string) =>
    computeScope({ wbs: parseWbs(WBS), workstreamId: id, meso: { path: 'meso.md', text: MESO, headings: parseHeadings(MESO) }, mesoLinkTarget: 'meso' });

  it('makes a heading with several consumers a contract with each', () => {
    const pairs = (id: string) => ({
      provides: scopeOf(id).provides.map((c) => `${c.from}>${c.to}`),
      consumes: scopeOf(id).consumes.map((c) => `${c.from}>${c.to}`),
    });
    expect(pairs('W1')).toEqual({ provides: ['W1>W2', 'W1>W3', 'W1>W4'], consumes: [] });
    expect(pairs('W3')).toEqual({ provides: ['W3>W4'], consumes: ['W1>W3'] });
    expect(pairs('W4')).toEqual({ provides: [], consumes: ['W1>W4', 'W3>W4'] });
    expect(scopeOf('W4').mesoSections.filter((s) => s.reason === 'contract').map((s) => s.line)).toEqual([11, 13]);
  });

  it('collects endpoints from the sections that name the workstream, not from consumed contracts or other workstreams', () => {
    expect(scopeOf('W3').endpoints).toEqual([
      { method: 'POST', path: '/invoices/:id/payments', source: 'W3: Payments' },
      { method: 'POST', path: '/payments/:id/refunds', source: 'W3: Payments' },
      { method: 'PUT', path: '/reports/feed', source: 'W3 → W4' },
    ]);
    // W2's own section names W3 ("calls W3") but its endpoint is W2's.
    expect(scopeOf('W2').endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /invoices/:id']);
    expect(scopeOf('W4').endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /reports/payments']);
  });
});
