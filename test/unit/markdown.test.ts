// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown';

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
