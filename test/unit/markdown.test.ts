// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown';
import { filterRawHtml } from '../../src/lib/rawHtml';

describe('renderMarkdown', () => {
  it('renders markdown', () => {
    const html = renderMarkdown('# Title\n\n**CRR** = (E − N) / S\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>CRR</strong>');
    expect(html).toContain('<table>');
  });

  it.each([
    ['<script>window.pwned = 1</script>', /<script/i],
    ['<img src=x onerror="window.pwned=1">', /onerror/i],
    ['[click](javascript:window.pwned=1)', /javascript:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['<a href="#" onclick="window.pwned=1">x</a>', /onclick/i],
    ['<svg><script>window.pwned=1</script></svg>', /<script/i],
    ['<div style="background:url(https://evil.example/x)">x</div>', /evil\.example/],
    ['<form action="https://evil.example"><button>go</button></form>', /<form|<button/i],
  ])('neutralises %s', (payload, forbidden) => {
    expect(renderMarkdown(payload)).not.toMatch(forbidden);
  });

  it('blocks remote images but keeps inline ones', () => {
    const remote = renderMarkdown('![chart](https://tracker.example/pixel.png)');
    expect(remote).not.toContain('tracker.example');
    expect(remote).toContain('remote image blocked');
    const inline = renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)');
    expect(inline).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });

  it('opens links in a new tab without opener', () => {
    expect(renderMarkdown('[docs](https://example.org)')).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe('filterRawHtml (before any browser parser)', () => {
  it.each([
    ['<img src=x onerror="window.pwned=1">', '<img src="x">'],
    ['<a href="#" onclick="window.pwned=1">x</a>', '<a href="#">x</a>'],
    ['<b ONMOUSEOVER=1 title="t">b</b>', '<b title="t">b</b>'],
    ['<script>window.pwned=1</script>', '&lt;script&gt;window.pwned=1&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)', '&lt;img src=x onerror=alert(1)'],
    ['<div\nonclick="a"\nstyle="color:red">x</div>', '<div>x</div>'],
    ['<!-- <img onerror=1> -->ok', 'ok'],
    ['<p title="a>b" onclick=1>', '<p title="a&gt;b">'],
  ])('rebuilds %s without handlers', (input, expected) => {
    expect(filterRawHtml(input)).toBe(expected);
  });

  it('hands no handler attribute to the parser from any markdown', () => {
    const parsed: string[] = [];
    const original = DOMParser.prototype.parseFromString;
    DOMParser.prototype.parseFromString = function (html: string, type: DOMParserSupportedType) {
      parsed.push(html);
      return original.call(this, html, type);
    };
    try {
      renderMarkdown('# Hi\n\n<div onclick="x">\n<img src=x onerror=y>\n</div>\n\ntext <span onmouseover=z>s</span>');
    } finally {
      DOMParser.prototype.parseFromString = original;
    }
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.join('')).not.toMatch(/\son\w+\s*=/i);
  });
});
