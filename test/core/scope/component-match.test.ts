import { TOUCH_THRESHOLD, touchScore } from '../../../src/core/scope/component-match';

describe('touchScore: identifiers in a task title', () => {
  const landing = 'Renders the landing page with the video iframe. Inputs: none. Outputs: none (no interactions beyond video player controls). Fetches data from config.';

  it('an identifier of the component in the title ties the task to it', () => {
    expect(touchScore('Availability calendar and `holdBerth`', 'Catalog Module', 'Exposes holdBerth(berthId, nights) to the booking engine.')).toBeGreaterThanOrEqual(50);
    expect(touchScore('Wire the `ManifestService` cache', 'Streaming Core', 'ManifestService loads the manifest once.')).toBeGreaterThanOrEqual(50);
  });

  it('code spans of one plain word (folders such as `controls/`, `data/`) do not: a cleanup task is not the landing component', () => {
    const title = 'Delete 3D services (`rendering/`, `controls/`, `visualization/`, `data/`, `simulation/`, `viewer-style-adapter`)';
    expect(touchScore(title, 'VideoLandingComponent', landing)).toBeLessThan(TOUCH_THRESHOLD);
  });

  it('an acronym in a code span still counts as an identifier', () => {
    expect(touchScore('Configure `CSP` headers', 'Delivery', 'Sets the CSP for the iframe host.')).toBeGreaterThanOrEqual(50);
  });
});
