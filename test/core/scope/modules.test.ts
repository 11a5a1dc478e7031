import { readSections } from '../../../src/core/markdown/note-sections';
import { sectionEntries, findHead } from '../../../src/core/scope/section-entries';
import { touchScore, TOUCH_THRESHOLD } from '../../../src/core/scope/component-match';
import { workstreamModules } from '../../../src/core/scope/modules';
import { workstreamEnvVars } from '../../../src/core/scope/env-vars';
import { parseWbs } from '../../../src/core/wbs/parse-wbs';

const note = (lines: string[]) => {
  const text = lines.join('\n');
  return { text, heads: readSections(text), linkTarget: 'n' };
};
const entries = (lines: string[], title: RegExp) => {
  const n = note(lines);
  return sectionEntries(n.text, n.heads, findHead(n.heads, title)!).map((e) => e.name);
};

describe('sectionEntries', () => {
  it('reads components written as list items under a container item, leaving out communication and diagrams', () => {
    const lines = [
      '1. Architecture Overview and Rationale',
      '- SPA.',
      '2. System Decomposition',
      '- Modules/Components',
      '  - App Shell: Routing, theming.',
      '  - Explorer Module:',
      '    - Control Panel: datasets, methods.',
      '  - Data Layer:',
      '    - Manifest Loader: fetch and validate.',
      '- Communication Styles: sync calls.',
      '- C4 Views (Mermaid)',
      '3. Data and Interface Design',
      '- Domain model.',
    ];
    expect(entries(lines, /system decomposition/i)).toEqual(['App Shell', 'Explorer Module', 'Data Layer']);
  });

  it('reads components written as items with nested details, and stops at a "Communication" line', () => {
    const lines = ['## 2. System Decomposition', '- UI Shell', '  - Responsibilities: layout.', '- View Controller (per panel)', '  - Responsibilities: camera.', 'Communication', '- Mostly synchronous calls.', '## 3. Data'];
    expect(entries(lines, /system decomposition/i)).toEqual(['UI Shell', 'View Controller']);
  });

  it('descends through a "High-Level Components" sub-section into lettered component headings', () => {
    const lines = ['## 2. System Decomposition', '### 2.1 High-Level Components', '#### **A. Core Infrastructure Module**', '- AppConfigService', '#### **B. Data Module**', '- AssetLoaderService', '### 2.2 Communication Styles', '- RxJS', '## 3. Data'];
    expect(entries(lines, /system decomposition/i)).toEqual(['Core Infrastructure Module', 'Data Module']);
  });

  it('reads the sub-sections of the micro plan\'s section 4 as its components', () => {
    const lines = ['4. Detailed Module/Component Specifications', '4.1 App Shell (core)', '- Routing.', '4.2 Data Layer (app/data)', '- ManifestService: getManifest().', '5. Data Model and Persistence', '6. API and Message Contracts'];
    expect(entries(lines, /detailed module/i)).toEqual(['App Shell', 'Data Layer']);
  });
});

describe('touchScore', () => {
  it('scores the component\'s name, its identifiers and shared word pairs', () => {
    expect(touchScore('Catalog API: GET /v1/berths', 'Catalog Module', 'Marinas and berths.')).toBeGreaterThanOrEqual(100);
    expect(touchScore('Availability calendar and `holdBerth`', 'Catalog Module', 'The availability calendar and `holdBerth`.')).toBeGreaterThanOrEqual(50);
    expect(touchScore('Hold expiry job', 'Booking Module', 'The state machine and the hold expiry job.')).toBeGreaterThanOrEqual(TOUCH_THRESHOLD);
    expect(touchScore('Repository scaffold and CI pipeline', 'Platform Core', 'Configuration loader, JWT auth middleware.')).toBeLessThan(TOUCH_THRESHOLD);
  });
});

describe('workstreamModules', () => {
  const wbs = parseWbs(['### W2: Berth Listings', '- W2.1 Berth and marina records', '- W2.2 Catalog API', '- W2.3 Availability calendar and `holdBerth`', '- W2.4 Seed data for the pilot marinas import', '### W3: Booking', '- W3.1 Booking state machine'].join('\n'));
  const meso = note([
    '# Meso',
    '## 2. System Decomposition',
    '### 2.1 Components',
    '- **Catalog module**: marinas, berths, the availability calendar.',
    '- **Booking module**: holds and bookings.',
    '## 3. Data and Interface Design',
    '### 3.2 Interfaces',
    '#### W2 → W3: Availability',
    'W3 places holds through `holdBerth(berthId, nights)`.',
    '## 5. Integration Points',
    '- Map tiles: OpenStreetMap, used by the catalog module.',
    '- Mail delivery: Postmark, used by the booking module.',
  ]);
  const micro = note(['# Micro', '## 4. Detailed Module/Component Specifications', '### 4.2 Catalog Module', 'Berth and marina records, the availability calendar and `holdBerth`.', '### 4.3 Booking Module', 'State machine.', '## 5. Data Model']);

  it('makes one module per component the tasks touch, the rest in one module named after the workstream', () => {
    const { modules } = workstreamModules(wbs.workstreams[0]!, wbs, meso, micro);
    expect(modules.map((m) => [m.name, m.taskIds])).toEqual([
      ['Catalog Module', ['W2.1', 'W2.2', 'W2.3']],
      ['Berth Listings', ['W2.4']],
    ]);
  });

  it('gives a workstream named after a component that component\'s tasks unless their words point elsewhere', () => {
    const named = parseWbs(['### W2: Catalog', '- W2.1 Seed data for the pilot marinas import', '- W2.2 Booking state machine', '### W3: Booking', '- W3.1 x'].join('\n'));
    const { modules } = workstreamModules(named.workstreams[0]!, named, meso, micro);
    expect(modules.map((m) => [m.name, m.taskIds])).toEqual([
      ['Catalog Module', ['W2.1']],
      ['Booking Module', ['W2.2']],
    ]);
  });

  it('traces a module to its §2 component, the §3 interface and the §5 integration point it implements', () => {
    const [catalog] = workstreamModules(wbs.workstreams[0]!, wbs, meso, micro).modules;
    expect(catalog!.mesoSections.map((s) => [s.heading, s.reason])).toEqual([
      ['2.1 Components', 'component'],
      ['W2 → W3: Availability', 'interface'],
      ['5. Integration Points', 'integration'],
    ]);
    expect(catalog!.microCitation).toBe('[[n#4.2 Catalog Module]]');
  });

  it('gives no modules when neither note describes components', () => {
    const bare = note(['# Meso', '## Overview', 'Text.']);
    expect(workstreamModules(wbs.workstreams[0]!, wbs, bare, null).modules).toEqual([]);
  });
});

describe('workstreamEnvVars', () => {
  const wbs = parseWbs('### W3: Booking\n- W3.1 Holds\n');
  const micro = note([
    '7. Configuration and Secrets',
    '| Variable | Required | Default | Used by |',
    '|---|---|---|---|',
    '| `DATABASE_URL` | yes | | Platform core |',
    '| `HOLD_MINUTES` | no | 15 | Booking module |',
    '| `SENTRY_DSN` | no | | |',
    '8. Observability and Operational Readiness',
    '9. Security and Privacy Controls',
    '16. Appendices',
    'D) Environment variable catalog',
    '- BUILD_DATA_VERSION, BEACON_ENDPOINT.',
  ]);

  it('keeps the variables the table gives to the workstream\'s modules, and those it gives to no one', () => {
    const vars = workstreamEnvVars(micro, 'W3', wbs, ['Booking', 'Booking Module']);
    expect(vars.map((v) => [v.name, v.attributed, v.default])).toEqual([
      ['HOLD_MINUTES', true, '15'],
      ['SENTRY_DSN', false, null],
      ['BUILD_DATA_VERSION', false, null],
      ['BEACON_ENDPOINT', false, null],
    ]);
    expect(vars[0]!.line).toBe(5);
  });
});
