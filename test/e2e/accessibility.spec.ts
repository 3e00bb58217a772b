// The axe check the screen specs rely on (accessibility.ts) finds what it must: AAA
// contrast, a nameless button, text outside any landmark (best practice), in either scheme;
// and a check scoped to one part reports only that part. A page of its own, no app.
import { axeViolations, useScheme } from './accessibility';
import { test, expect } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><title>axe check</title><style>
  body { background: #fff; color: #111; }
  .faint { color: #6b6b6b; }
  @media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } .faint { color: #8a8a8a; } }
</style></head><body><main><h1>Check</h1>
  <section id="clean"><p>Plain words, dark on light.</p></section>
  <section id="faulty">
    <p class="faint">Passes 4.5:1 but not 7:1.</p>
    <button type="button"><svg width="10" height="10" aria-hidden="true"></svg></button>
  </section>
</main><p id="stray">Words outside every landmark.</p></body></html>`;

test('the axe check finds AAA contrast, nameless controls and stray text, in both schemes', async ({ page }) => {
  await page.setContent(PAGE);
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    const found = await axeViolations(page);
    expect(found).toContain('color-contrast-enhanced');
    expect(found).not.toMatch(/^color-contrast \(/m);
    expect(found).toContain('button-name');
    expect(found).toContain('region (moderate) at #stray');
  }
  // Scoped to the clean part, the faults beside it are not its business.
  expect(await axeViolations(page, '#clean')).toBe('');
});
