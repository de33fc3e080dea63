import { beforeAll, describe, expect, test } from 'vitest';
import { chartToSvgString, renderChart } from '../../src/lib/charts/index';
import type { ChartSpec } from '../../src/lib/charts/spec';
import { cols, makeDocument } from './helpers';

/** Anything in an exported drawing that would make its viewer fetch something (text content aside). */
const EXTERNAL_REFERENCE = /="[^"]*url\(\s*(?:&quot;|['"])?(?!#)|<style[^>]*>[^<]*(?:url\(|@import)|(?:href|src)\s*=\s*"(?!#|data:)/i;

let document: Document;
beforeAll(() => {
  document = makeDocument();
});

const columns = cols({ label: 'VARCHAR', value: 'INTEGER', paint: 'VARCHAR' });
const rows = [
  { label: 'a', value: 1, paint: 'url(http://127.0.0.1:9/x)' },
  { label: 'b', value: 2, paint: 'red' },
  { label: 'c', value: 3, paint: 'var(--evil)' },
];

// Plot counts url(…) and var(…) as colours, so with only these values it would pass them through unscaled.
describe('colours from data never become addresses or code', () => {
  test.each<ChartSpec['mark']>(['bar', 'line', 'area', 'dot'])('a %s chart coloured by hostile values draws only palette colours', (mark) => {
    const el = renderChart({ mark, x: 'label', y: 'value', color: 'paint' } as ChartSpec, rows, columns, { width: 480, document });
    const fills = Array.from(el.querySelectorAll('[fill], [stroke]')).flatMap((node) => [node.getAttribute('fill'), node.getAttribute('stroke')]);
    expect(fills.filter((v) => v && /url\(http|--evil|^red$/i.test(v))).toEqual([]);
    const svg = chartToSvgString(el);
    expect(svg).not.toMatch(EXTERNAL_REFERENCE);
    // The values still show, as legend text.
    expect(svg).toContain('url(http://127.0.0.1:9/x)</text>');
  });

  test('an export strips remote references that reached the drawing by any other way', () => {
    const figure = document.createElement('figure');
    figure.innerHTML =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect fill="url(http://evil.example/p)" width="5" height="5"/>' +
      '<rect fill="url(#local)" width="5" height="5"/><image href="http://evil.example/i.png"/><a href="https://evil.example"><text>t</text></a>' +
      '<style>rect{fill:url(http://evil.example/s)}</style></svg>';
    const svg = chartToSvgString(figure);
    expect(svg).not.toMatch(EXTERNAL_REFERENCE);
    expect(svg).not.toContain('evil.example');
    expect(svg).toContain('url(#local)');
  });
});
