import { Window } from 'happy-dom';
import { beforeAll, describe, expect, test } from 'vitest';
import { chartToSvgString, renderChart } from '../../src/lib/charts/index';
import { crr } from './fixtures';
import { makeDocument } from './helpers';

let document: Document;
beforeAll(() => {
  document = makeDocument();
});

/** Parses the string as XML: a standalone SVG must be well-formed on its own. */
function parse(svg: string): Document {
  const window = new Window();
  const parser = new window.DOMParser();
  return parser.parseFromString(svg, 'image/svg+xml') as unknown as Document;
}

describe('chartToSvgString', () => {
  test('a framed chart becomes one standalone SVG with its title, legend, notes and accessible name', () => {
    const el = renderChart({ preset: 'crr' }, crr.rows, crr.columns, { width: 600, document });
    const svg = chartToSvgString(el);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const doc = parse(svg);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.querySelector('parsererror')).toBeNull();
    expect(root.getAttribute('width')).toBe('600');
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(340);
    expect(root.getAttribute('viewBox')).toBe(`0 0 600 ${root.getAttribute('height')}`);
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe(el.getAttribute('aria-label'));
    expect(root.querySelector('title')?.textContent).toBe(el.getAttribute('aria-label'));
    // No nested <svg>: Plot's own CSS would resize it; every drawing is a translated <g>.
    expect(root.querySelectorAll('svg')).toHaveLength(0);
    const words = Array.from(root.querySelectorAll('text')).map((t) => t.textContent).join('\n');
    expect(words).toContain('Customer retention rate per quarter');
    expect(words).toContain('churn rate (100 − CRR)');
    expect(words).toContain('insurance & media > 79 %');
    expect(words).toMatch(/incomplete history: CRR inflated for 2023-Q1 – 2023-Q4/);
    // Plot's inline style and colours travel with it.
    expect(svg).toContain('font-family="system-ui');
    expect(svg).toContain('stroke="#0f766e"');
    expect(svg).not.toContain('class="recur-chart"');
  });

  test('special characters are escaped', () => {
    const rows = [{ name: 'Fish & Chips <"best">', n: 3 }];
    const el = renderChart({ mark: 'bar', x: 'name', y: 'n' }, rows, [], { width: 400, document });
    const svg = chartToSvgString(el);
    expect(svg).toContain('Fish &amp; Chips &lt;');
    expect(parse(svg).documentElement.querySelector('parsererror')).toBeNull();
  });

  test('a message exports as text', () => {
    const el = renderChart({ mark: 'bar', x: 'a' }, [{ a: 1 }], [], { width: 300, document });
    const root = parse(chartToSvgString(el)).documentElement;
    expect(Array.from(root.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['Pick a column for y']);
  });

  test('a bare SVG gets its namespace and is otherwise kept', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '10');
    svg.append(document.createElementNS('http://www.w3.org/2000/svg', 'circle'));
    const text = chartToSvgString(svg);
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain('<circle');
    expect(svg.hasAttribute('xmlns')).toBe(false);
  });
});
