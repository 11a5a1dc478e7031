import fc from 'fast-check';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { PlanFrontmatterSchema, type PlanFrontmatter } from '../../../src/core/contracts/plan-frontmatter';
import { renderPlanFrontmatter } from '../../../src/core/plan/render-frontmatter';

const base: PlanFrontmatter = {
  tags: ['workstream-plan', 'micro-level', 'W2'],
  project: '[[01-Projects/Tidewater]]',
  workstream_id: 'W2',
  workstream_name: 'Billing',
  source_plan: '[[research/project-planning/meso-level-plan]]',
  created: '2025-03-14',
  status: 'draft',
};

const yamlOf = (block: string): string => block.replace(/^---\n/, '').replace(/---\n$/, '');

describe('renderPlanFrontmatter', () => {
  it('writes the keys of the output format, in order', () => {
    expect(renderPlanFrontmatter(base)).toBe(
      [
        '---',
        'tags: [workstream-plan, micro-level, W2]',
        'project: "[[01-Projects/Tidewater]]"',
        'workstream_id: "W2"',
        'workstream_name: "Billing"',
        'source_plan: "[[research/project-planning/meso-level-plan]]"',
        'created: "2025-03-14"',
        'status: "draft"',
        '---',
        '',
      ].join('\n'),
    );
  });

  it('writes planner as one line of JSON', () => {
    const out = renderPlanFrontmatter({ ...base, planner: { sections: { '2.1': 'done' }, usage: [1, 2] } });
    expect(out).toContain('\nplanner: {"sections":{"2.1":"done"},"usage":[1,2]}\n');
    expect(matter(out + 'body').data['planner']).toEqual({ sections: { '2.1': 'done' }, usage: [1, 2] });
  });

  it('round-trips arbitrary names and planner state through gray-matter and yaml', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), text, { maxKeys: 3 }), (name, project, planner) => {
        const fm: PlanFrontmatter = {
          ...base,
          workstream_name: name,
          project: `[[01-Projects/${project}]]`,
          planner: { note: planner },
        };
        const out = renderPlanFrontmatter(fm);
        const viaMatter = matter(`${out}body`, { cache: false } as never).data;
        const viaYaml = parseYaml(yamlOf(out));
        for (const parsed of [viaMatter, viaYaml]) {
          expect(parsed['workstream_name']).toBe(name);
          expect(parsed['project']).toBe(fm.project);
          expect(parsed['planner']).toEqual({ note: planner });
        }
        expect(out.split('\n')).toHaveLength(11);
      }),
      { numRuns: 300 },
    );
  });

  it('renders a block the schema accepts once read back', () => {
    const parsed = parseYaml(yamlOf(renderPlanFrontmatter(base)));
    expect(PlanFrontmatterSchema.safeParse(parsed).success).toBe(true);
  });
});
